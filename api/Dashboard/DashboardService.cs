namespace ClientReminders.Dashboard;

/// <summary>
/// The owner's page after sign-in, from a handful of bounded reads run side by side: the account's appointments partition
/// over a date range, its reminder partitions for about 40 days (which also give the daily counts and this month's usage), its
/// unread replies and calendars. Nothing scans beyond the account.
/// </summary>
public sealed class DashboardService(
    TableClients tables,
    FieldCipher cipher,
    ClientDirectory directory,
    CalendarSources calendars,
    PlanAllowances plans,
    TimeProvider time
)
{
    public const int AgendaDays = 8;
    public const int StatsDays = 30;
    public const int MaxFailedListed = 10;
    public const string TestSentNotice = "test-sent";
    public const string ChecklistDismissedNotice = "checklist-dismissed";

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
        "Segments",
    ];

    // What the agenda, the confirmation rate and the checklist use: not an appointment's location, notes or calendar details.
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

    public async Task<DashboardResponse> GetAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);

        var clientsTask = directory.GetAsync(account, cancellationToken);
        var appointmentsTask = AppointmentsAsync(
            account.Id,
            Instant(today.AddDays(-StatsDays), zone),
            Instant(today.AddDays(StatsDays + 1), zone),
            cancellationToken
        );
        // A reminder is due at most 30 days (plus a day of quiet hours) before its appointment; the same rows give the daily
        // counts and this month's usage.
        var remindersTask = RemindersAsync(
            account.Id,
            Min(utcToday.AddDays(-StatsDays - 2), Min(MessageHistory.FirstDailyPartition(utcToday, StatsDays), MessageUsage.FirstPartition(now))),
            Max(utcToday.AddDays(AgendaDays + 1), Max(MessageHistory.LastDailyPartition(utcToday), MessageUsage.LastPartition(now))),
            cancellationToken
        );
        var calendarsTask = calendars.OverviewAsync(account, cancellationToken);
        var unreadTask = UnreadRepliesAsync(account.Id, cancellationToken);
        var checklistTask = ChecklistFactsAsync(account.Id, appointmentsTask, cancellationToken);
        await Task.WhenAll(clientsTask, appointmentsTask, remindersTask, calendarsTask, unreadTask, checklistTask);

        var clients = clientsTask.Result;
        string NameOf(string clientId) => clients.NameOf(clientId);
        var appointments = appointmentsTask.Result;
        var reminders = remindersTask.Result;
        var byAppointment = reminders.Where(r => r.Kind == ReminderKind.Reminder).ToLookup(r => r.AppointmentId, StringComparer.Ordinal);

        var (agendaStart, agendaEnd) = (Instant(today, zone), Instant(today.AddDays(AgendaDays), zone));
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

        var since = now.AddDays(-StatsDays);
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
        var overview = calendarsTask.Result;
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
            overview.ReviewCount,
            [.. overview.Connections.Where(c => c.Status == ConnectionStatus.NeedsReconnecting).Select(c => new CalendarToReconnect(c.Id, c.Mailbox))],
            bounced,
            unreadTask.Result
        );

        var reminded = reminders
            .Where(r => r.Kind == ReminderKind.Reminder && r.SentAt >= since)
            .Select(r => r.AppointmentId)
            .ToHashSet(StringComparer.Ordinal);
        var answered = appointments.Where(a => reminded.Contains(a.Id)).ToList();
        var confirmation = new ConfirmationRate(
            reminded.Count,
            answered.Count(a => a.Response == AppointmentResponses.Confirmed),
            answered.Count(a => a.Response == AppointmentResponses.CancellationRequested)
        );

        var facts = checklistTask.Result;
        var clientsAdded = clients.Clients.Count > 0;
        var calendarOrAppointment = overview.Connections.Count > 0 || appointments.Count > 0 || facts.AnyAppointment;
        var allDone = clientsAdded && calendarOrAppointment && facts.TemplatesSaved && facts.TestSent;
        // Shown to new accounts until the owner dismisses it (once every step is done, it says so rather than vanishing);
        // an older account that never finished is not nagged for ever.
        var checklist = new Checklist(
            clientsAdded,
            calendarOrAppointment,
            facts.TemplatesSaved,
            facts.TestSent,
            !facts.Dismissed && now - account.CreatedAt < TimeSpan.FromDays(90),
            allDone
        );

        return new DashboardResponse(
            today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            days,
            attention,
            MessageHistory.Daily(reminders, utcToday, StatsDays).Days,
            confirmation,
            plans.Status(account, MessageUsage.Count(reminders, now)),
            checklist
        );
    }

    private static DateTimeOffset At(ReminderEntity r) => r.DeliveredAt ?? r.SentAt ?? r.ClaimedAt ?? r.DueAt;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateTimeOffset Instant(DateOnly day, TimeZoneInfo zone) => ReminderTiming.ToInstant(day.ToDateTime(TimeOnly.MinValue), zone);

    private async Task<List<AppointmentEntity>> AppointmentsAsync(string accountId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        var rows = await table.ListAsync<AppointmentEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and StartUtc ge {from} and StartUtc lt {to}"),
            select: AppointmentColumns,
            cancellationToken: cancellationToken
        );
        return rows;
    }

    private async Task<List<ReminderEntity>> RemindersAsync(string accountId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var rows = await table.ListAsync<ReminderEntity>(
            ReminderKeys.DaysFilter(accountId, from, to),
            select: ReminderColumns,
            cancellationToken: cancellationToken
        );
        return rows;
    }

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

    private sealed record ChecklistFacts(bool AnyAppointment, bool TemplatesSaved, bool TestSent, bool Dismissed);

    /// <param name="appointmentsInRange">The dashboard's own read: when it found any, there is no need to look further.</param>
    private async Task<ChecklistFacts> ChecklistFactsAsync(
        string accountId,
        Task<List<AppointmentEntity>> appointmentsInRange,
        CancellationToken cancellationToken
    )
    {
        var appointments = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        var templates = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        var notices = await tables.GetAsync(StorageTables.AccountNotices, cancellationToken);
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {accountId}");
        var templatesSaved = AnyAsync(templates, partition, cancellationToken);
        var checklistNotices = ListRowKeysAsync(
            notices,
            TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and (RowKey eq {TestSentNotice} or RowKey eq {ChecklistDismissedNotice})"),
            cancellationToken
        );
        var anyAppointment = (await appointmentsInRange).Count > 0 || await AnyAsync(appointments, partition, cancellationToken);
        var noticesFound = await checklistNotices;
        return new ChecklistFacts(anyAppointment, await templatesSaved, noticesFound.Contains(TestSentNotice), noticesFound.Contains(ChecklistDismissedNotice));
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
