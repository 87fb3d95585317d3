namespace ClientReminders.Reminders;

/// <summary>
/// Whether a message on a channel can reach a client, and by which channel it really goes: one decision, in the owner's
/// words, for the planner (so a reminder is listed as it will be sent), the sender and direct messages.
/// </summary>
public static class ClientReach
{
    public sealed record Reach(ReminderChannel Channel, string? To, string? Problem)
    {
        /// <summary>When it cannot go: cancelled for a client who may not be messaged, skipped for one missing the number or address.</summary>
        public ReminderStatus Status =>
            To is not null ? ReminderStatus.Scheduled
            : IsMissingContact(Problem) || Problem == Unsubscribed ? ReminderStatus.Skipped
            : ReminderStatus.Cancelled;
    }

    public static Reach For(ClientView client, ReminderChannel channel)
    {
        if (client.Status != ClientStatus.Active)
        {
            return new(
                channel,
                null,
                client.Status switch
                {
                    ClientStatus.Restricted => "The client is restricted: nothing is sent to them.",
                    ClientStatus.OptedOut => "The client opted out of messages.",
                    _ => "The client was anonymised.",
                }
            );
        }
        return channel switch
        {
            ReminderChannel.Sms => client.Mobile is { } mobile ? new(channel, mobile, null) : new(channel, null, NoMobile),
            ReminderChannel.Email => Email(client),
            _ when client.Mobile is { } mobile => new(ReminderChannel.Sms, mobile, null),
            _ when client.Email is null => new(channel, null, NoContact),
            _ => Email(client),
        };
    }

    public const string NoMobile = "The client has no mobile number.";
    public const string NoEmail = "The client has no email address.";
    public const string NoContact = "The client has no mobile number or email address.";

    /// <summary>Whether a reason is one that adding a mobile number or email address to the client would remove.</summary>
    public static bool IsMissingContact(string? reason) => reason is NoMobile or NoEmail or NoContact;

    public const string Unsubscribed = "The client unsubscribed from email.";

    private static Reach Email(ClientView client) =>
        client switch
        {
            { Email: null } => new(ReminderChannel.Email, null, NoEmail),
            { EmailOptedOut: true } => new(ReminderChannel.Email, null, Unsubscribed),
            { Email: var email } => new(ReminderChannel.Email, email, null),
        };
}
