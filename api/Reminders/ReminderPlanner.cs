namespace ClientReminders.Reminders;

/// <summary>
/// Turns every (appointment, rule) pair into one reminder row with its due instant, and puts reminders due within
/// the queue's week on the send queue, invisible until they are due. Appointments from any source go through here.
/// </summary>
public sealed class ReminderPlanner(
    ReminderStore store,
    FieldCipher cipher,
    ClientDirectory directory,
    AccountChanges changes,
    TimeProvider time,
    ILogger<ReminderPlanner> logger
)
{
    /// <summary>Queue messages live at most 7 days invisible; stay well inside it.</summary>
    public static readonly TimeSpan QueueHorizon = TimeSpan.FromDays(6);

    public async Task PlanAsync(AccountEntity account, AppointmentEntity appointment, CancellationToken cancellationToken) =>
        await PlanAsync(account, appointment, await store.RulesAsync(account.Id, cancellationToken), cancellationToken);

    /// <summary>Plans with rules the caller already holds, so planning many appointments reads the account's rules once.</summary>
    public async Task PlanAsync(
        AccountEntity account,
        AppointmentEntity appointment,
        IReadOnlyList<ReminderRuleEntity> rules,
        CancellationToken cancellationToken
    )
    {
        var client = await directory.FindAsync(account, appointment.ClientId, cancellationToken);
        // A reminder about to be listed as not going out is never queued, so the sender cannot correct it: decide that on
        // the client as stored now, not on a snapshot an older account row may still name.
        if (client is null || rules.Any(rule => ClientReach.For(client, rule.Channel).To is null))
        {
            client = await directory.ReadAsync(account.Id, appointment.ClientId, cancellationToken);
        }
        await PlanAsync(account, appointment, rules, client, cancellationToken);
    }

    /// <summary>Plans with the client as the caller knows it, so each reminder is listed with the channel it will really use, or why it cannot be sent.</summary>
    private async Task PlanAsync(
        AccountEntity account,
        AppointmentEntity appointment,
        IReadOnlyList<ReminderRuleEntity> rules,
        ClientView? client,
        CancellationToken cancellationToken
    )
    {
        var title = await cipher.ReadAsync(account.Id, appointment, nameof(AppointmentEntity.Title), cancellationToken) ?? "";
        var now = time.GetUtcNow();
        var targets = rules.Select(rule => (Rule: rule, Target: Target(appointment, rule, title, client, now))).ToList();
        var days = appointment.KnownReminderDays().Union(targets.Select(t => ReminderKeys.Day(t.Target.Due))).ToHashSet(StringComparer.Ordinal);
        var existing = await store.RemindersOfAsync(account.Id, appointment.Id, days, cancellationToken);
        foreach (var (rule, target) in targets)
        {
            var id = ReminderEntity.IdFor(target.Due, appointment.Id, rule.Id);
            var ofRule = existing.Where(r => r.RuleId == rule.Id).ToList();
            existing.RemoveAll(r => r.RuleId == rule.Id);
            // A reminder that went out (or was tried) before the appointment moved to another day is not sent again.
            if (
                ofRule.Any(r => r.Id != id && r.Status is ReminderStatus.Sent or ReminderStatus.Sending or ReminderStatus.Failed)
                || !await RemoveMovedAsync(ofRule.Where(r => r.Id != id), cancellationToken)
            )
            {
                continue;
            }
            var current = ofRule.FirstOrDefault(r => r.Id == id);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ApplyAsync(account.Id, appointment, rule, current, id, target, now, cancellationToken);
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 3)
                {
                    // Planned, claimed or changed meanwhile by another instance: apply the target to what it saved.
                    current = await store.ReminderAsync(account.Id, id, cancellationToken);
                }
            }
        }
        foreach (var orphan in existing.Where(r => r.Status == ReminderStatus.Scheduled))
        {
            await CancelAsync(orphan, "The rule was deleted.", cancellationToken);
        }
        await store.RememberDaysAsync(appointment, days, cancellationToken);
    }

    /// <summary>Deletes the rows a moved appointment left on other days; false when one is being sent right now.</summary>
    private async Task<bool> RemoveMovedAsync(IEnumerable<ReminderEntity> moved, CancellationToken cancellationToken)
    {
        foreach (var reminder in moved)
        {
            if (!await store.TryDeleteAsync(reminder, cancellationToken))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Re-plans every appointment of the account that has not started yet, after its rules changed.</summary>
    public async Task ReplanAccountAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        changes.Changed(account.Id);
        var rules = await store.RulesAsync(account.Id, cancellationToken);
        await foreach (var appointment in store.UpcomingAppointmentsAsync(account.Id, null, cancellationToken))
        {
            await PlanAsync(account, appointment, rules, cancellationToken);
        }
    }

    /// <summary>Plans a client's upcoming appointments again after their number, address or status changed, so each reminder shows how it will go.</summary>
    public async Task ReplanClientAsync(AccountEntity account, ClientView client, CancellationToken cancellationToken)
    {
        var rules = await store.RulesAsync(account.Id, cancellationToken);
        await foreach (var appointment in store.UpcomingAppointmentsAsync(account.Id, client.Id, cancellationToken))
        {
            await PlanAsync(account, appointment, rules, client, cancellationToken);
        }
    }

    /// <summary>Stops every reminder still scheduled for a client who was removed, restricted, anonymised or opted out.</summary>
    public async Task CancelForClientAsync(string accountId, string clientId, string reason, CancellationToken cancellationToken)
    {
        foreach (var reminder in await store.ScheduledForClientAsync(accountId, clientId, cancellationToken))
        {
            await CancelAsync(reminder, reason, cancellationToken);
        }
    }

    /// <summary>
    /// The planner timer: queues every scheduled reminder that has come within the queue's week and is not queued yet,
    /// reading only each active account's days from a week ago to the end of the queue's horizon.
    /// </summary>
    public async Task<int> QueueDueSoonAsync(CancellationToken cancellationToken)
    {
        var horizon = time.GetUtcNow() + QueueHorizon;
        var queued = 0;
        await foreach (var accountId in store.ActiveAccountIdsAsync(cancellationToken))
        {
            await foreach (var reminder in store.ScheduledBeforeAsync(accountId, horizon, cancellationToken))
            {
                if (reminder.QueuedVersion != reminder.Version)
                {
                    await store.EnqueueAsync(reminder, cancellationToken);
                    queued++;
                }
            }
        }
        return queued;
    }

    /// <summary>
    /// What a reminder should be: its status, due instant, why (when not plainly scheduled) and the channel it will go by.
    /// <paramref name="ListWhenNew"/>: written even when there was no reminder yet, as one that will not go out for the client's sake.
    /// </summary>
    private sealed record PlanTarget(ReminderStatus Status, DateTimeOffset Due, string? Reason, ReminderChannel Channel, bool ListWhenNew = false);

    private static PlanTarget Target(AppointmentEntity appointment, ReminderRuleEntity rule, string title, ClientView? client, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(appointment.TimeZone);
        var localStart = DateTime.Parse(appointment.Start, CultureInfo.InvariantCulture);
        var window =
            rule.WindowStart is { } start && rule.WindowEnd is { } end
                ? new SendingWindow(TimeOnly.Parse(start, CultureInfo.InvariantCulture), TimeOnly.Parse(end, CultureInfo.InvariantCulture))
                : null;
        var due = ReminderTiming.Due(localStart, zone, TimeSpan.FromMinutes(rule.OffsetMinutes), window);
        if (appointment.Status != AppointmentStatus.Scheduled)
        {
            return new(ReminderStatus.Cancelled, due, "The appointment was cancelled.", rule.Channel);
        }
        if (rule.Keyword is { Length: > 0 } keyword && !title.Contains(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return new(ReminderStatus.Cancelled, due, $"The title does not contain \"{keyword}\".", rule.Channel);
        }
        if (client is null)
        {
            return new(ReminderStatus.Cancelled, due, "The client was removed.", rule.Channel);
        }
        // Listed as it will really go out: by the fallback channel, or not at all with the reason, never "SMS · Scheduled" without a number.
        var reach = ClientReach.For(client, rule.Channel);
        return ReminderTiming.Decide(due, appointment.StartUtc, now) switch
        {
            (ReminderDecision.Schedule or ReminderDecision.SendNow, _) when reach.To is null => new(
                reach.Status,
                due,
                reach.Problem,
                reach.Channel,
                ListWhenNew: true
            ),
            (ReminderDecision.Schedule, _) => new(ReminderStatus.Scheduled, due, null, reach.Channel),
            (ReminderDecision.SendNow, var why) => new(ReminderStatus.Scheduled, now, why, reach.Channel),
            (_, var why) => new(ReminderStatus.Skipped, due, why, reach.Channel),
        };
    }

    private async Task ApplyAsync(
        string accountId,
        AppointmentEntity appointment,
        ReminderRuleEntity rule,
        ReminderEntity? current,
        string id,
        PlanTarget target,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var (status, due, reason, channel, _) = target;
        if (current is { Status: ReminderStatus.Sent or ReminderStatus.Sending or ReminderStatus.Failed })
        {
            return;
        }
        if (current is null && status == ReminderStatus.Cancelled && !target.ListWhenNew)
        {
            return;
        }
        if (
            current is not null
            && current.Status == status
            && current.DueAt == due
            && current.AppointmentVersion == appointment.Version
            && current.RuleChannel == rule.Channel
            && current.ClientId == appointment.ClientId
            && current.Channel == channel
            && current.Reason == reason
        )
        {
            return;
        }
        var reminder = current
            ?? new ReminderEntity
            {
                PartitionKey = ReminderKeys.Partition(accountId, due),
                RowKey = id,
                AppointmentId = appointment.Id,
                RuleId = rule.Id,
            };
        reminder.ClientId = appointment.ClientId;
        reminder.AppointmentVersion = appointment.Version;
        reminder.AppointmentStartUtc = appointment.StartUtc;
        reminder.RuleChannel = rule.Channel;
        reminder.Channel = channel;
        reminder.DueAt = due;
        reminder.Status = status;
        reminder.Reason = reason;
        reminder.Version++;
        await SnapshotAsync(accountId, reminder, status == ReminderStatus.Scheduled ? appointment : null, cancellationToken);
        await store.SaveAsync(reminder, cancellationToken);
        if (status == ReminderStatus.Scheduled && due <= now + QueueHorizon)
        {
            await store.EnqueueAsync(reminder, cancellationToken);
        }
        logger.LogDebug("Reminder {ReminderId} is {Status} at {Due:O}", reminder.Id, status, due);
    }

    /// <summary>Copies what the message needs of the appointment into a scheduled reminder; anything else keeps none of it.</summary>
    private async Task SnapshotAsync(string accountId, ReminderEntity reminder, AppointmentEntity? appointment, CancellationToken cancellationToken)
    {
        if (appointment is null)
        {
            reminder.ForgetAppointment();
            return;
        }
        async Task<string?> CopyAsync(string appointmentColumn, string? value, string reminderColumn) =>
            await cipher.EncryptAsync(
                accountId,
                ReminderStore.Field(reminder, reminderColumn),
                await cipher.DecryptAsync(accountId, AppointmentFields.Context(appointment, appointmentColumn), value, cancellationToken),
                cancellationToken
            );
        reminder.AppointmentStart = appointment.Start;
        reminder.AppointmentTitle = await CopyAsync(nameof(AppointmentEntity.Title), appointment.Title, nameof(ReminderEntity.AppointmentTitle));
        reminder.AppointmentLocation = await CopyAsync(nameof(AppointmentEntity.Location), appointment.Location, nameof(ReminderEntity.AppointmentLocation));
        reminder.AppointmentNotes = await CopyAsync(nameof(AppointmentEntity.Notes), appointment.Notes, nameof(ReminderEntity.AppointmentNotes));
    }

    private async Task CancelAsync(ReminderEntity reminder, string reason, CancellationToken cancellationToken)
    {
        reminder.Status = ReminderStatus.Cancelled;
        reminder.Reason = reason;
        reminder.Version++;
        await SnapshotAsync(reminder.AccountId, reminder, null, cancellationToken);
        // Claimed or changed meanwhile; the sender re-checks everything before it sends.
        await store.TrySaveAsync(reminder, cancellationToken);
    }
}
