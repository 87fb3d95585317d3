namespace ClientReminders.Reminders;

/// <summary>What the send-time check decided: go ahead (<see cref="Ready"/>) or finish the reminder without sending (<see cref="Stop"/>).</summary>
public abstract record SendDecision
{
    private SendDecision() { }

    /// <summary>Send by <paramref name="Channel"/> to <paramref name="To"/>, with what the message needs of the account and appointment.</summary>
    public sealed record Ready(SendingConfig Config, AppointmentEntity? Appointment, ClientView Client, ReminderChannel Channel, string To) : SendDecision
    {
        public AccountEntity Account => Config.Account;
    }

    /// <summary>Finish the reminder as <paramref name="Status"/> (skipped or cancelled), saying why.</summary>
    public sealed record Stop(ReminderStatus Status, string Reason) : SendDecision;
}
