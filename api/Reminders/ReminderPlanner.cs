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
    NoticeTemplates notices,
    KeyRing keys,
    IOptions<ReminderOptions> options,
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
        var start = appointment.StartUtc;
        var targets = rules.Select(rule => (Rule: rule, Target: Target(appointment, rule, title, client, now))).ToList();
        var days = appointment.KnownReminderDays().Union(targets.Select(t => ReminderKeys.Day(t.Target.Due))).ToHashSet(StringComparer.Ordinal);
        var existing = await store.RemindersOfAsync(account.Id, appointment.Id, days, cancellationToken);
        // Told about this start already (moved back to it, or the rule's time changed after it went): nothing new for that rule.
        var told = existing
            .Where(r => r.Kind == ReminderKind.Reminder && r.WentOut && r.AppointmentStartUtc == start)
            .Select(r => r.RuleId)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var stale in existing.Where(r => r.Kind == ReminderKind.Reminder && told.Contains(r.RuleId) && !r.WentOut))
        {
            await store.TryDeleteAsync(stale, cancellationToken);
        }
        targets = OneLateReminderPerChannel(targets.Where(t => !told.Contains(t.Rule.Id)).ToList(), start, now);
        foreach (var (rule, target) in targets)
        {
            var ofRule = existing.Where(r => r.Kind == ReminderKind.Reminder && r.RuleId == rule.Id).ToList();
            var current = Current(ofRule, appointment.Id, rule.Id, start, target);
            var id = current?.Id ?? ReminderEntity.IdFor(target.Due, appointment.Id, rule.Id, start);
            // What went out for an earlier start stays in history as it was; the rest gives way to this start's reminder.
            foreach (var stale in ofRule.Where(r => r != current && !r.WentOut))
            {
                // Claimed meanwhile, it goes out for the old start and the client hears of the move from the new reminder.
                await store.TryDeleteAsync(stale, cancellationToken);
            }
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
        var planned = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in existing.Where(r => r.Kind == ReminderKind.Reminder && r.Status == ReminderStatus.Scheduled && !planned.Contains(r.RuleId)))
        {
            await CancelAsync(orphan, "The rule was deleted.", cancellationToken);
        }
        if (await PlanNoticeAsync(account, appointment, rules, client, existing, now, cancellationToken) is { } noticeDay)
        {
            days.Add(noticeDay);
        }
        await store.RememberDaysAsync(appointment, days, cancellationToken);
    }

    /// <summary>
    /// A client told of this appointment hears of its change: "moved" when it now starts at another time than the last message
    /// said, "cancelled" when it was cancelled. The notice waits <see cref="ReminderOptions.NoticeDelay"/>, and a change within
    /// the wait updates it, so quick moves send one notice, for the last start; moving back to the start told cancels it.
    /// Returns the day of the notice row it wrote, if any.
    /// </summary>
    private async Task<string?> PlanNoticeAsync(
        AccountEntity account,
        AppointmentEntity appointment,
        IReadOnlyList<ReminderRuleEntity> rules,
        ClientView? client,
        List<ReminderEntity> existing,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var pending = existing.FirstOrDefault(r => r is { Kind: ReminderKind.Notice, Status: ReminderStatus.Scheduled });
        var lastTold = existing.Where(r => r.Kind is ReminderKind.Reminder or ReminderKind.Notice && r.WentOut).MaxBy(r => r.SentAt ?? r.ClaimedAt ?? r.DueAt);
        var cancelled = appointment.Status != AppointmentStatus.Scheduled;
        NoticeKind? wanted =
            lastTold is null || !(await notices.GetAsync(account.Id, cancellationToken)).Enabled ? null
            : cancelled ? (lastTold.Notice == NoticeKind.Cancelled ? null : NoticeKind.Cancelled)
            : lastTold.AppointmentStartUtc != appointment.StartUtc || lastTold.Notice == NoticeKind.Cancelled ? NoticeKind.Moved
            : lastTold.ToldLocation is { } toldLocation && toldLocation != await LocationHashAsync(account.Id, appointment, cancellationToken)
                ? NoticeKind.Moved
            : null;
        if (wanted is not { } kind || lastTold is null)
        {
            if (pending is not null)
            {
                await CancelAsync(pending, "Nothing to tell: the appointment is as the client last heard.", cancellationToken);
            }
            return null;
        }
        // Sent by the channel the client last heard from, inside the window of the rule that reminded them, if it has one.
        var rule = rules.FirstOrDefault(r => r.Id == lastTold.RuleId);
        var window = rule is { WindowStart: { } from, WindowEnd: { } to }
            ? new SendingWindow(TimeOnly.Parse(from, CultureInfo.InvariantCulture), TimeOnly.Parse(to, CultureInfo.InvariantCulture))
            : null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(appointment.TimeZone);
        var due = ReminderTiming.LateSendTime(now + options.Value.NoticeDelay, zone, window);
        var channel = lastTold.Channel ?? lastTold.RuleChannel;
        var reach = client is null ? null : ClientReach.For(client, channel);
        var (status, reason) =
            due >= appointment.StartUtc ? (ReminderStatus.Skipped, "The appointment starts before the notice could go.")
            : reach is null ? (ReminderStatus.Cancelled, "The client was removed.")
            : reach.To is null ? (reach.Status, reach.Problem)
            : (ReminderStatus.Scheduled, (string?)null);
        var notice = pending
            ?? new ReminderEntity
            {
                PartitionKey = ReminderKeys.Partition(account.Id, due),
                RowKey = ReminderEntity.NoticeIdFor(due, appointment.Id, appointment.Version),
                Kind = ReminderKind.Notice,
                AppointmentId = appointment.Id,
            };
        if (pending is null && existing.Any(r => r.Id == notice.Id))
        {
            // This version of the appointment was told of already.
            return null;
        }
        notice.Notice = kind;
        notice.ClientId = appointment.ClientId;
        notice.AppointmentVersion = appointment.Version;
        notice.AppointmentStartUtc = appointment.StartUtc;
        notice.RuleChannel = channel;
        notice.Channel = reach?.Channel ?? channel;
        // Kept while pending, so a notice already on its way is not pushed back by a later change; a new one waits its delay.
        notice.DueAt = pending?.DueAt ?? due;
        notice.Status = status;
        notice.Reason = reason;
        notice.Version++;
        await SnapshotAsync(account.Id, notice, status == ReminderStatus.Scheduled ? appointment : null, cancellationToken);
        await store.SaveAsync(notice, cancellationToken);
        if (status == ReminderStatus.Scheduled)
        {
            await store.EnqueueAsync(notice, cancellationToken);
        }
        return ReminderKeys.Day(notice.DueAt);
    }

    /// <summary>
    /// The row that stands for this rule and start, if planned before: the one on the target's day (its id with or without the
    /// start's stamp), or, when the target need not move it (a reminder already going out late, or one that will not go out at
    /// all), whichever unsent row was planned for this start, so planning again keeps its time and its place in the lists.
    /// </summary>
    private static ReminderEntity? Current(List<ReminderEntity> ofRule, string appointmentId, string ruleId, DateTimeOffset start, PlanTarget target)
    {
        var id = ReminderEntity.IdFor(target.Due, appointmentId, ruleId, start);
        var legacyId = ReminderEntity.LegacyIdFor(target.Due, appointmentId, ruleId);
        return ofRule.FirstOrDefault(r => r.Id == id)
            ?? ofRule.FirstOrDefault(r => r.Id == legacyId && r.AppointmentStartUtc == start)
            ?? (target.Late || target.Status != ReminderStatus.Scheduled ? ofRule.FirstOrDefault(r => !r.WentOut && r.AppointmentStartUtc == start) : null);
    }

    /// <summary>
    /// Booked or moved after some rules' times had passed: between those rules, one reminder per channel goes at once (the one
    /// nearest the appointment), the others are skipped, and none goes when the appointment is closer than the cutoff.
    /// </summary>
    private List<(ReminderRuleEntity Rule, PlanTarget Target)> OneLateReminderPerChannel(
        List<(ReminderRuleEntity Rule, PlanTarget Target)> targets,
        DateTimeOffset start,
        DateTimeOffset now
    )
    {
        var cutoff = options.Value.LateReminderCutoff;
        var tooClose = start - now < cutoff;
        var chosen = targets
            .Where(t => t.Target.Late && !tooClose)
            .GroupBy(t => t.Target.Channel)
            .Select(g => g.MaxBy(t => t.Target.Nominal).Rule.Id)
            .ToHashSet(StringComparer.Ordinal);
        return
        [
            .. targets.Select(t =>
                !t.Target.Late || chosen.Contains(t.Rule.Id) ? t
                : tooClose ? (t.Rule, t.Target with { Status = ReminderStatus.Skipped, Due = t.Target.Nominal, Reason = LateTooClose(cutoff), Late = false })
                : (t.Rule, t.Target with { Status = ReminderStatus.Skipped, Due = t.Target.Nominal, Reason = LateNearerOneWent, Late = false })
            ),
        ];
    }

    public const string LateNearerOneWent = "Booked after this reminder's time: the reminder nearest the appointment went instead.";

    public static string LateTooClose(TimeSpan cutoff) =>
        $"Booked after this reminder's time, less than {(int)cutoff.TotalMinutes} minutes before the appointment: no reminder is sent.";

    private async Task<string?> LocationHashAsync(string accountId, AppointmentEntity appointment, CancellationToken cancellationToken) =>
        await cipher.ReadAsync(accountId, appointment, nameof(AppointmentEntity.Location), cancellationToken) is { Length: > 0 } location
        && location.Trim().Length > 0
            ? ReminderComposer.ToldLocation(keys, accountId, location)
            : null;

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
    /// <paramref name="Late"/>: its time had passed when the appointment was booked or moved, so it goes at once, if at all.
    /// <paramref name="Nominal"/>: the rule's own time for it, which picks the one late reminder that goes.
    /// </summary>
    private sealed record PlanTarget(
        ReminderStatus Status,
        DateTimeOffset Due,
        string? Reason,
        ReminderChannel Channel,
        bool ListWhenNew = false,
        bool Late = false,
        DateTimeOffset Nominal = default
    );

    public const string OutsideWindow = "Booked after this reminder's time, and its sending window does not open again before the appointment.";

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
            (ReminderDecision.SendNow, var why) => ReminderTiming.LateSendTime(now, zone, window) is var at && at < appointment.StartUtc
                ? new(ReminderStatus.Scheduled, at, why, reach.Channel, Late: true, Nominal: due)
                : new(ReminderStatus.Skipped, due, OutsideWindow, reach.Channel),
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
        var (status, due, reason, channel, _, _, _) = target;
        if (current is { WentOut: true })
        {
            return;
        }
        // Already going out late: planning again (a title edit, say) keeps its time rather than pushing it on; and a row that is
        // not to go out (cancelled, skipped) is changed where it stands, as a row cannot leave its day's partition.
        if (
            current is not null
            && (
                target.Late && current is { Status: ReminderStatus.Scheduled } && current.AppointmentStartUtc == appointment.StartUtc
                || ReminderKeys.Day(current.DueAt) != ReminderKeys.Day(due)
            )
        )
        {
            due = current.DueAt;
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
