using System.Diagnostics;

namespace ClientReminders.Dashboard;

/// <summary>
/// The owner's page after sign-in, from two bounded reads run side by side: the agenda's appointments (and the answered
/// ones of the confirmation window); and from the reminders table the agenda's reminders, the failures of the last 30
/// days and the counts kept beside them (<see cref="ReminderCounts"/>) for the daily chart, the month's usage and the
/// appointments reminded. What changes slowly (calendars, unread replies, the checklist's facts) is read at most every
/// <see cref="FactsFor"/>, and at once after a change seen here. Identical requests in flight share one load.
/// </summary>
public sealed class DashboardService(
    TableClients tables,
    FieldCipher cipher,
    ClientDirectory directory,
    CalendarSources calendars,
    PlanAllowances plans,
    AccountActivity activity,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider time
)
{
    public const int AgendaDays = 8;
    public const int StatsDays = 30;
    public const int MaxFailedListed = 10;
    public const string TestSentNotice = "test-sent";
    public const string ChecklistDismissedNotice = "checklist-dismissed";

    /// <summary>How long the slowly changing facts are trusted when nothing here changed: another instance's change shows within it.</summary>
    public static readonly TimeSpan FactsFor = TimeSpan.FromSeconds(30);

    private static readonly string[] ReminderColumns =
    [
        "PartitionKey",
        "RowKey",
        "Kind",
        "AppointmentId",
        "ClientId",
        "RuleChannel",
        "Channel",
        "DueAt",
        "Status",
        "Reason",
        "SentAt",
        "ClaimedAt",
        "DeliveryStatus",
        "DeliveredAt",
    ];

    // What the agenda and the confirmation rate use: not an appointment's location, notes or calendar details.
    private static readonly string[] AppointmentColumns =
    [
        "PartitionKey",
        "RowKey",
        "ClientId",
        "Start",
        "End",
        "TimeZone",
        "StartUtc",
        "Title",
        "Status",
        "Response",
    ];

    private readonly SharedLoads<(string, string, long), SharedJson> _loads = new();
    private readonly ConcurrentDictionary<string, Facts> _facts = new(StringComparer.Ordinal);

    private sealed record ChecklistFacts(bool AnyAppointment, bool TemplatesSaved, bool TestSent, bool Dismissed);

    /// <summary>What the page shows that changes slowly, and when and at which activity count it was read.</summary>
    private sealed record Facts(
        int ReviewCount,
        int Connections,
        IReadOnlyList<CalendarToReconnect> ToReconnect,
        int UnreadReplies,
        ChecklistFacts Checklist,
        long Version,
        DateTimeOffset At,
        long Started
    );

    /// <summary>The page as JSON, serialized once for every request that shares its load.</summary>
    public Task<SharedJson> GetJsonAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        // The account row as this request saw it (its ETag) and the changes seen here: a load begun before either changed is not shared.
        var version = activity.Of(account.Id);
        return _loads.GetAsync(
            (account.Id, account.ETag.ToString(), version),
            async () =>
            {
                var page = await BuildAsync(account, version, CancellationToken.None);
                return SharedJson.Of(page, json.Value.SerializerOptions);
            },
            cancellationToken
        );
    }

    private async Task<DashboardResponse> BuildAsync(AccountEntity account, long version, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var (agendaStart, agendaEnd) = (Instant(today, zone), Instant(today.AddDays(AgendaDays), zone));
        var since = now.AddDays(-StatsDays);

        var clientsTask = directory.GetAsync(account, cancellationToken);
        var appointmentsTask = AppointmentsAsync(
            account.Id,
            (agendaStart, agendaEnd),
            (Instant(today.AddDays(-StatsDays), zone), Instant(today.AddDays(StatsDays + 1), zone)),
            cancellationToken
        );
        // One read of the reminders table: the agenda's reminders (due at most 30 days and a day of quiet hours before it),
        // the failures of the last 30 days (in a partition of their day or up to two days before), and the kept counts of
        // every partition that can hold a send of the daily chart's days, the month's usage or the confirmation window (a
        // message is sent on its due day or a retry or two later, never before).
        var remindersTask = RemindersAndCountsAsync(
            account.Id,
            (
                Min(DateOnly.FromDateTime(agendaStart.UtcDateTime).AddDays(-StatsDays - 1), utcToday.AddDays(-StatsDays - 2)),
                DateOnly.FromDateTime(agendaEnd.UtcDateTime)
            ),
            (
                Min(MessageHistory.FirstDailyPartition(utcToday, StatsDays), Min(MessageUsage.FirstPartition(now), utcToday.AddDays(-StatsDays - 2))),
                Max(MessageHistory.LastDailyPartition(utcToday), MessageUsage.LastPartition(now))
            ),
            (agendaStart, agendaEnd),
            cancellationToken
        );
        var factsTask = FactsAsync(account, version, now, cancellationToken);
        await Task.WhenAll(clientsTask, appointmentsTask, remindersTask, factsTask);

        var clients = clientsTask.Result;
        string NameOf(string clientId) => clients.NameOf(clientId);
        var appointments = appointmentsTask.Result;
        var (reminders, kept) = remindersTask.Result;
        var facts = factsTask.Result;
        var byAppointment = reminders.Where(r => r.Kind == ReminderKind.Reminder).ToLookup(r => r.AppointmentId, StringComparer.Ordinal);

        var days = new List<AgendaDay>();
        foreach (
            var day in appointments
                .Where(a => a.StartUtc >= agendaStart && a.StartUtc < agendaEnd)
                .OrderBy(a => a.StartUtc)
                .GroupBy(a => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(a.StartUtc, zone).DateTime))
        )
        {
            var items = new List<AgendaAppointment>();
            foreach (var appointment in day)
            {
                var title = await cipher.ReadAsync(account.Id, appointment, nameof(AppointmentEntity.Title), cancellationToken) ?? "";
                items.Add(
                    new AgendaAppointment(
                        appointment.Id,
                        appointment.ClientId,
                        NameOf(appointment.ClientId),
                        appointment.Start,
                        appointment.End,
                        appointment.TimeZone,
                        title,
                        appointment.Status,
                        appointment.Response,
                        [
                            .. byAppointment[appointment.Id]
                                .OrderBy(r => r.DueAt)
                                .Select(r => new AgendaReminder(r.Id, r.Channel ?? r.RuleChannel, r.DueAt, r.Status, r.DeliveryStatus, r.Reason)),
                        ]
                    )
                );
            }
            days.Add(new AgendaDay(day.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), items));
        }

        var failed = reminders
            .Where(r => (r.Status == ReminderStatus.Failed || r.DeliveryStatus is DeliveryStatus.Failed or DeliveryStatus.Blocked) && At(r) >= since)
            .OrderByDescending(At)
            .ToList();
        var bounced = failed
            .Where(r => r.DeliveryStatus is DeliveryStatus.Failed or DeliveryStatus.Blocked && r.ClientId.Length > 0)
            .GroupBy(r => r.ClientId, StringComparer.Ordinal)
            .Select(g => g.First())
            .Select(r => new BouncedClient(r.ClientId, NameOf(r.ClientId), At(r), MessageHistory.Reason(r) ?? ""))
            .ToList();
        var attention = new NeedsAttention(
            [
                .. failed
                    .Take(MaxFailedListed)
                    .Select(r => new FailedMessage(
                        r.Id,
                        r.ClientId,
                        r.ClientId.Length > 0 ? NameOf(r.ClientId) : "You (test message)",
                        r.Channel ?? r.RuleChannel,
                        At(r),
                        MessageHistory.Reason(r) ?? "The message could not be sent."
                    )),
            ],
            failed.Count,
            facts.ReviewCount,
            facts.ToReconnect,
            bounced,
            facts.UnreadReplies
        );

        var reminded = kept.RemindedSince(since);
        var answered = appointments.Where(a => a.Response is not null && reminded.Contains(a.Id)).ToList();
        var confirmation = new ConfirmationRate(
            reminded.Count,
            answered.Count(a => a.Response == AppointmentResponses.Confirmed),
            answered.Count(a => a.Response == AppointmentResponses.CancellationRequested)
        );

        var clientsAdded = clients.Clients.Count > 0;
        var calendarOrAppointment = facts.Connections > 0 || appointments.Count > 0 || facts.Checklist.AnyAppointment;
        var allDone = clientsAdded && calendarOrAppointment && facts.Checklist.TemplatesSaved && facts.Checklist.TestSent;
        // Shown to new accounts until the owner dismisses it (once every step is done, it says so rather than vanishing);
        // an older account that never finished is not nagged for ever.
        var checklist = new Checklist(
            clientsAdded,
            calendarOrAppointment,
            facts.Checklist.TemplatesSaved,
            facts.Checklist.TestSent,
            !facts.Checklist.Dismissed && now - account.CreatedAt < TimeSpan.FromDays(90),
            allDone
        );

        return new DashboardResponse(
            today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            days,
            attention,
            Daily(kept, utcToday),
            confirmation,
            plans.Status(account, Usage(kept, now)),
            checklist
        );
    }

    /// <summary>The last <see cref="StatsDays"/> UTC days from the kept counts, as <see cref="MessageHistory.Daily"/> counts them from the rows.</summary>
    private static IReadOnlyList<HistoryDay> Daily(DailyCounts kept, DateOnly utcToday) =>
        [
            .. Enumerable
                .Range(1 - StatsDays, StatsDays)
                .Select(utcToday.AddDays)
                .Select(day => new HistoryDay(
                    day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    kept.Get(day, ReminderContribution.Sent),
                    kept.Get(day, ReminderContribution.Delivered),
                    kept.Get(day, ReminderContribution.Undelivered) + kept.Get(day, ReminderContribution.Failed)
                )),
        ];

    /// <summary>This month's sends from the kept counts, as <see cref="MessageUsage.Count"/> counts them from the rows.</summary>
    private static MonthUsage Usage(DailyCounts kept, DateTimeOffset now)
    {
        var first = DateOnly.FromDateTime(MessageUsage.MonthStart(now).UtcDateTime);
        var used = MonthUsage.None;
        for (var day = first; day <= DateOnly.FromDateTime(now.UtcDateTime).AddDays(1); day = day.AddDays(1))
        {
            used = new MonthUsage(
                used.SmsSegments + kept.Get(day, $"{ReminderContribution.Segments}.{ReminderChannel.Sms.Name()}"),
                used.Emails + kept.Get(day, $"{ReminderContribution.Sent}.{ReminderChannel.Email.Name()}")
            );
        }
        return used;
    }

    /// <summary>
    /// Calendars, unread replies and the checklist's facts: read afresh when <see cref="FactsFor"/> has passed (by the app's
    /// clock and the machine's) or this instance saw a change; a checklist step once done stays done.
    /// </summary>
    private async Task<Facts> FactsAsync(AccountEntity account, long version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (
            _facts.TryGetValue(account.Id, out var known)
            && known.Version == version
            && now - known.At < FactsFor
            && now >= known.At
            && Stopwatch.GetElapsedTime(known.Started) < FactsFor
        )
        {
            return known;
        }
        var started = Stopwatch.GetTimestamp();
        var overviewTask = calendars.OverviewAsync(account, cancellationToken);
        var unreadTask = UnreadRepliesAsync(account.Id, cancellationToken);
        var checklistTask = ChecklistFactsAsync(account.Id, known?.Checklist, cancellationToken);
        await Task.WhenAll(overviewTask, unreadTask, checklistTask);
        var overview = overviewTask.Result;
        var facts = new Facts(
            overview.ReviewCount,
            overview.Connections.Count,
            [.. overview.Connections.Where(c => c.Status == ConnectionStatus.NeedsReconnecting).Select(c => new CalendarToReconnect(c.Id, c.Mailbox))],
            unreadTask.Result,
            checklistTask.Result,
            version,
            now,
            started
        );
        if (_facts.Count > 10_000)
        {
            _facts.Clear();
        }
        _facts[account.Id] = facts;
        return facts;
    }

    private static DateTimeOffset At(ReminderEntity r) => r.DeliveredAt ?? r.SentAt ?? r.ClaimedAt ?? r.DueAt;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateTimeOffset Instant(DateOnly day, TimeZoneInfo zone) => ReminderTiming.ToInstant(day.ToDateTime(TimeOnly.MinValue), zone);

    /// <summary>The agenda's appointments, and of the confirmation window only those the client answered.</summary>
    private async Task<List<AppointmentEntity>> AppointmentsAsync(
        string accountId,
        (DateTimeOffset From, DateTimeOffset To) agenda,
        (DateTimeOffset From, DateTimeOffset To) window,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {accountId} and ((StartUtc ge {agenda.From} and StartUtc lt {agenda.To}) or (StartUtc ge {window.From} and StartUtc lt {window.To} and (Response eq {AppointmentResponses.Confirmed} or Response eq {AppointmentResponses.CancellationRequested})))"
        );
        return await table.ListAsync<AppointmentEntity>(filter, select: AppointmentColumns, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The agenda's reminders and every failed message from the partitions of <paramref name="reminderDays"/> (and of
    /// <paramref name="countDays"/>), and the kept counts of the partitions of <paramref name="countDays"/>, in one query of
    /// 13 comparisons (Azure allows 15).
    /// </summary>
    private async Task<(List<ReminderEntity> Reminders, DailyCounts Kept)> RemindersAndCountsAsync(
        string accountId,
        (DateOnly From, DateOnly To) reminderDays,
        (DateOnly From, DateOnly To) countDays,
        (DateTimeOffset From, DateTimeOffset To) agenda,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var (from, to) = (Min(reminderDays.From, countDays.From), Max(reminderDays.To, countDays.To));
        string Partition(DateOnly day) => ReminderKeys.Partition(accountId, ReminderKeys.Day(day));
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {Partition(from)} and PartitionKey lt {Partition(to.AddDays(1))} and ((PartitionKey ge {Partition(countDays.From)} and PartitionKey lt {Partition(countDays.To.AddDays(1))} and RowKey ge {ReminderCounts.RowPrefix} and RowKey lt {ReminderCounts.RowPrefix + "~"}) or (RowKey lt {ReminderCounts.FirstCountsKey} and ((Kind eq {ReminderKind.Reminder.Name()} and AppointmentStartUtc ge {agenda.From} and AppointmentStartUtc lt {agenda.To}) or Status eq {ReminderStatus.Failed.Name()} or DeliveryStatus eq {DeliveryStatus.Failed} or DeliveryStatus eq {DeliveryStatus.Blocked})))"
        );
        var (reminders, kept) = (new List<ReminderEntity>(), new DailyCounts());
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: SelectedColumns, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(ReminderCounts.RowPrefix, StringComparison.Ordinal))
            {
                kept.Add(DailyCounts.Parse(row));
            }
            else
            {
                reminders.Add(
                    new ReminderEntity
                    {
                        PartitionKey = row.PartitionKey,
                        RowKey = row.RowKey,
                        KindName = row.GetString("Kind") ?? ReminderKind.Reminder.Name(),
                        AppointmentId = row.GetString("AppointmentId") ?? "",
                        ClientId = row.GetString("ClientId") ?? "",
                        RuleChannelName = row.GetString("RuleChannel") ?? ReminderChannel.Sms.Name(),
                        ChannelName = row.GetString("Channel"),
                        DueAt = row.GetDateTimeOffset("DueAt") ?? default,
                        StatusName = row.GetString("Status") ?? ReminderStatus.Scheduled.Name(),
                        Reason = row.GetString("Reason"),
                        SentAt = row.GetDateTimeOffset("SentAt"),
                        ClaimedAt = row.GetDateTimeOffset("ClaimedAt"),
                        DeliveryStatus = row.GetString("DeliveryStatus"),
                        DeliveredAt = row.GetDateTimeOffset("DeliveredAt"),
                    }
                );
            }
        }
        return (reminders, kept);
    }

    /// <summary>The reminder columns the page shows, and the counts rows' chunks.</summary>
    private static readonly string[] SelectedColumns = [.. ReminderColumns, .. DailyCounts.Columns];

    private async Task<int> UnreadRepliesAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Replies, cancellationToken);
        var unread = 0;
        await foreach (
            var _ in table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and Read eq false"),
                select: ["RowKey"],
                cancellationToken: cancellationToken
            )
        )
        {
            unread++;
        }
        return unread;
    }

    /// <param name="known">What was read before: a step done stays done, and is not looked for again.</param>
    private async Task<ChecklistFacts> ChecklistFactsAsync(string accountId, ChecklistFacts? known, CancellationToken cancellationToken)
    {
        if (known is { AnyAppointment: true, TemplatesSaved: true, TestSent: true, Dismissed: true })
        {
            return known;
        }
        var appointments = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        var templates = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        var notices = await tables.GetAsync(StorageTables.AccountNotices, cancellationToken);
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {accountId}");
        var templatesSaved = known?.TemplatesSaved == true ? Task.FromResult(true) : AnyAsync(templates, partition, cancellationToken);
        var anyAppointment = known?.AnyAppointment == true ? Task.FromResult(true) : AnyAsync(appointments, partition, cancellationToken);
        var noticesFound = known is { TestSent: true, Dismissed: true }
            ? [TestSentNotice, ChecklistDismissedNotice]
            : await ListRowKeysAsync(
                notices,
                TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and (RowKey eq {TestSentNotice} or RowKey eq {ChecklistDismissedNotice})"),
                cancellationToken
            );
        return new ChecklistFacts(
            await anyAppointment,
            await templatesSaved,
            noticesFound.Contains(TestSentNotice),
            noticesFound.Contains(ChecklistDismissedNotice)
        );
    }

    private static async Task<HashSet<string>> ListRowKeysAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(entity.RowKey);
        }
        return keys;
    }

    /// <summary>The owner put the first-run checklist away; it does not come back.</summary>
    public async Task DismissChecklistAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var notices = await tables.GetAsync(StorageTables.AccountNotices, cancellationToken);
        await notices.UpsertEntityAsync(
            new AccountNoticeEntity
            {
                PartitionKey = account.Id,
                RowKey = ChecklistDismissedNotice,
                SentAt = time.GetUtcNow(),
            },
            TableUpdateMode.Replace,
            cancellationToken
        );
    }

    private static async Task<bool> AnyAsync(TableClient table, string filter, CancellationToken cancellationToken)
    {
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }
        return false;
    }
}
