namespace ClientReminders.Reminders;

/// <summary>
/// What a reminder due now needs before it goes: an active account, its appointment unchanged and not started, its rule,
/// a plan with allowance left, and a client who can still be reached by the rule's channel (SMS falls back to email when the
/// texts run out). Direct messages pass the account, plan and client checks.
/// </summary>
public sealed class SendCheck(
    SendingConfigs configs,
    AppointmentService appointments,
    ClientDirectory directory,
    ReminderPlanner planner,
    MessageUsage usage,
    PlanAllowances plans
)
{
    public async Task<SendDecision> DecideAsync(ReminderEntity reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await configs.GetAsync(reminder.AccountId, cancellationToken) is not { Account.Status: AccountStatus.Active } config)
        {
            return new SendDecision.Stop(ReminderStatus.Cancelled, "The account is closed.");
        }
        var account = config.Account;
        AppointmentEntity? appointment = null;
        // A direct message has no appointment or rule, a change notice no rule; every check from here on applies to them too.
        if (reminder.Kind != ReminderKind.Direct)
        {
            // Every change to the appointment re-plans this row (a new version), so its copy of the appointment is current;
            // a row planned before the copy existed reads the appointment itself.
            if (reminder.AppointmentStart is null)
            {
                appointment = await appointments.FindAsync(account.Id, reminder.AppointmentId, cancellationToken);
                if (appointment is not { Status: AppointmentStatus.Scheduled })
                {
                    return new SendDecision.Stop(ReminderStatus.Cancelled, "The appointment was cancelled.");
                }
                if (appointment.Version != reminder.AppointmentVersion)
                {
                    await planner.PlanAsync(account, appointment, cancellationToken);
                    return new SendDecision.Stop(ReminderStatus.Cancelled, "The appointment changed; its reminders were planned again.");
                }
            }
            if (now >= reminder.AppointmentStartUtc)
            {
                return new SendDecision.Stop(ReminderStatus.Skipped, "The appointment has already started.");
            }
            if (reminder.Kind == ReminderKind.Reminder && !config.Rules.Any(r => r.Id == reminder.RuleId))
            {
                return new SendDecision.Stop(ReminderStatus.Cancelled, "The rule was deleted.");
            }
        }
        if (account.PlanEndsAt is { } ends && ends <= now)
        {
            await plans.EndedAsync(account, cancellationToken);
            return new SendDecision.Stop(ReminderStatus.Skipped, plans.EndedReason(account));
        }
        if (await directory.FindAsync(account, reminder.ClientId, cancellationToken) is not { } client)
        {
            return new SendDecision.Stop(ReminderStatus.Cancelled, "The client was removed.");
        }
        var reach = ClientReach.For(client, reminder.RuleChannel);
        if (reach.To is null)
        {
            return new SendDecision.Stop(reach.Status, reach.Problem!);
        }
        var (channel, to) = (reach.Channel, reach.To);
        var plan = plans.Status(account, await usage.RecentThisMonthAsync(account.Id, cancellationToken));
        if (channel == ReminderChannel.Sms && plan.SmsUsed >= plan.SmsAllowance)
        {
            // Whatever the rule's channel, a client with an email address still hears from the owner when the texts run out.
            await plans.UsedUpAsync(account, ReminderChannel.Sms, cancellationToken);
            if (client.Email is not { } email)
            {
                return new SendDecision.Stop(
                    ReminderStatus.Skipped,
                    "This month's SMS allowance is used up, and the client has no email address to send it to instead."
                );
            }
            if (client.EmailOptedOut)
            {
                return new SendDecision.Stop(ReminderStatus.Skipped, "This month's SMS allowance is used up, and the client unsubscribed from email.");
            }
            (channel, to) = (ReminderChannel.Email, email);
        }
        if (channel == ReminderChannel.Email && plan.EmailUsed >= plan.EmailAllowance)
        {
            await plans.UsedUpAsync(account, ReminderChannel.Email, cancellationToken);
            return new SendDecision.Stop(ReminderStatus.Skipped, "This month's email allowance is used up.");
        }
        return new SendDecision.Ready(config, appointment, client, channel, to);
    }
}
