namespace ClientReminders.Messaging;

public sealed record HistoryItem(
    string Id,
    ReminderKind Kind,
    string ClientId,
    string ClientName,
    ReminderChannel Channel,
    ReminderStatus Status,
    string? DeliveryStatus,
    string? Reason,
    DateTimeOffset DueAt,
    DateTimeOffset? SentAt,
    int Replies
);

/// <param name="NextCursor">Pass it back as <c>before</c> for the page after this one; null on the last page.</param>
public sealed record HistoryItems(IReadOnlyList<HistoryItem> Items, string? NextCursor = null);

public sealed record HistoryDay(string Date, int Sent, int Delivered, int Failed);

public sealed record HistoryDays(IReadOnlyList<HistoryDay> Days);

/// <summary>Every reminder and direct message of an account with what became of it, and how many went out day by day.</summary>
public sealed class MessageHistory(
    TableClients tables,
    ClientDirectory directory,
    AccountActivity activity,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider time
)
{
    public const int MaxItems = 500;
    public const int DefaultPage = 100;
    public const int MaxDays = 90;

    public static readonly string[] Statuses = ["sent", "delivered", "failed", "skipped", "scheduled"];

    /// <summary>
    /// One page, newest first by when it was sent (or is due), as JSON serialized once for every request that shares its load;
    /// <paramref name="from"/> and <paramref name="to"/> are UTC dates, both included; <paramref name="before"/> is the previous
    /// page's <see cref="HistoryItems.NextCursor"/>.
    /// </summary>
    public async Task<SharedJson> ListJsonAsync(
        AccountEntity account,
        string? clientId,
        string? status,
        string? from,
        string? to,
        string? before,
        int? limit,
        CancellationToken cancellationToken
    )
    {
        var errors = new FieldErrors();
        var cursor = RowCursor.Parse(before);
        if (before is { Length: > 0 } && cursor is null)
        {
            errors.Add("before", "This is not a page of the history: start again from the newest.");
        }
        if (limit is < 1 or > MaxItems)
        {
            errors.Add("limit", $"Ask for 1 to {MaxItems} messages at a time.");
        }
        if (status is { Length: > 0 } && !Statuses.Contains(status))
        {
            errors.Add("status", "Use sent, delivered, failed, skipped or scheduled.");
        }
        var today = ReminderKeys.Today(time);
        var (first, last) = (Date(errors, "from", from, today), Date(errors, "to", to, today));
        if (cursor is { } paged && !DateWindow.FilterAllows(paged.Day, today))
        {
            errors.Add("before", "This is not a page of the history: start again from the newest.");
        }
        if (clientId is { Length: > 64 })
        {
            errors.Add("clientId", "This is not a client id.");
        }
        errors.ThrowIfAny();

        var key = (account.Id, account.ETag.ToString(), activity.Of(account.Id), clientId, status, first, last, before, limit);
        return await _loads.GetAsync(
            key,
            async () =>
            {
                var page = await PageAsync(account, clientId, status, first, last, cursor, limit ?? DefaultPage, today, CancellationToken.None);
                return SharedJson.Of(page, json.Value.SerializerOptions);
            },
            cancellationToken
        );
    }

    private readonly SharedLoads<(string, string, long, string?, string?, DateOnly?, DateOnly?, string?, int?), SharedJson> _loads = new();

    private async Task<HistoryItems> PageAsync(
        AccountEntity account,
        string? clientId,
        string? status,
        DateOnly? first,
        DateOnly? last,
        RowCursor? cursor,
        int size,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var clientsTask = directory.GetAsync(account, cancellationToken);
        var page = await NewestAsync(table, account.Id, clientId, status, first, last, cursor, size + 1, today, cancellationToken);
        var next = page.Count > size && page[size - 1] is var end ? RowCursor.After(end.SentAt ?? end.DueAt, end.RowKey) : null;
        page = [.. page.Take(size)];
        var clients = await clientsTask;
        var replies = await RepliesAsync(account.Id, page.Count == 0 ? null : page.Min(r => r.SentAt ?? r.DueAt), cancellationToken);
        return new HistoryItems(
            [
                .. page.Select(r => new HistoryItem(
                    r.Id,
                    r.Kind,
                    r.ClientId,
                    r.Kind == ReminderKind.Test ? "You (test message)" : clients.NameOf(r.ClientId),
                    r.Channel ?? r.RuleChannel,
                    r.Status,
                    r.DeliveryStatus,
                    Reason(r),
                    r.DueAt,
                    r.SentAt,
                    replies.GetValueOrDefault(r.Id)
                )),
            ],
            next
        );
    }

    /// <summary>A row's time is when it went out (or is due); its partition is the day it was due, a retry or two earlier at most.</summary>
    private const int SendDelayDays = 3;

    /// <summary>The first window of partitions read for a page, in days; each further window is twice as long.</summary>
    private const int FirstWindowDays = 2;

    /// <summary>The columns a history item shows.</summary>
    private static readonly string[] ItemColumns =
    [
        "PartitionKey",
        "RowKey",
        "Kind",
        "ClientId",
        "RuleChannel",
        "Channel",
        "Status",
        "DeliveryStatus",
        "Reason",
        "DueAt",
        "SentAt",
    ];

    /// <summary>
    /// The newest <paramref name="count"/> matching rows before the cursor, in the history's order, reading the account's
    /// partitions backwards in growing windows only until no older partition can hold a row that belongs on the page.
    /// </summary>
    private async Task<List<ReminderEntity>> NewestAsync(
        TableClient table,
        string accountId,
        string? clientId,
        string? status,
        DateOnly? first,
        DateOnly? last,
        RowCursor? cursor,
        int count,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        var match = "";
        if (clientId is { Length: > 0 })
        {
            match += " and " + TableClient.CreateQueryFilter($"ClientId eq {clientId}");
        }
        match += status switch
        {
            "sent" => TableClient.CreateQueryFilter($" and Status eq {ReminderStatus.Sent.Name()}"),
            "delivered" => TableClient.CreateQueryFilter($" and Status eq {ReminderStatus.Sent.Name()} and DeliveryStatus eq {DeliveryStatus.Delivered}"),
            "failed" => TableClient.CreateQueryFilter(
                $" and (Status eq {ReminderStatus.Failed.Name()} or DeliveryStatus eq {DeliveryStatus.Failed} or DeliveryStatus eq {DeliveryStatus.Blocked})"
            ),
            "skipped" => TableClient.CreateQueryFilter($" and (Status eq {ReminderStatus.Skipped.Name()} or Status eq {ReminderStatus.Cancelled.Name()})"),
            "scheduled" => TableClient.CreateQueryFilter($" and (Status eq {ReminderStatus.Scheduled.Name()} or Status eq {ReminderStatus.Sending.Name()})"),
            _ => "",
        };
        // A row's partition is never after the day of its time: nothing past the cursor's day or the last day asked for.
        var top = cursor is { } c && (last is null || c.Day < last) ? c.Day : last;
        // Nothing is kept longer than the retention period, nor asked for before the first day (less a retry's delay).
        var bottom = first?.AddDays(-SendDelayDays) ?? today.AddYears(-DateWindow.FiltersBack);
        var rows = new List<ReminderEntity>();
        var window = FirstWindowDays;
        var upper = top;
        while (true)
        {
            var lower = (upper ?? today).AddDays(1 - window);
            if (lower < bottom)
            {
                lower = bottom;
            }
            var filter = (upper is { } u ? ReminderKeys.DaysFilter(accountId, lower, u) : ReminderKeys.DaysFilter(accountId, lower)) + match;
            await foreach (var row in table.QueryAsync<ReminderEntity>(filter, select: ItemColumns, cancellationToken: cancellationToken))
            {
                var day = DateOnly.FromDateTime((row.SentAt ?? row.DueAt).UtcDateTime);
                if (
                    (first is null || day >= first)
                    && (last is null || day <= last)
                    && (cursor is null || cursor.IsFollowedBy(row.SentAt ?? row.DueAt, row.RowKey, newestFirst: true))
                )
                {
                    rows.Add(row);
                }
            }
            rows = [.. rows.OrderByDescending(r => r.SentAt ?? r.DueAt).ThenBy(r => r.RowKey, StringComparer.Ordinal)];
            // A row in a partition not yet read went out before this instant: the rows after it are in their final order.
            var settled = new DateTimeOffset(lower.AddDays(SendDelayDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (lower <= bottom || (rows.Count >= count && (rows[count - 1].SentAt ?? rows[count - 1].DueAt) >= settled))
            {
                return [.. rows.Take(count)];
            }
            upper = lower.AddDays(-1);
            window *= 2;
        }
    }

    /// <summary>The last <paramref name="days"/> UTC days up to today, oldest first, days without messages included.</summary>
    public async Task<HistoryDays> DailyAsync(AccountEntity account, int days, CancellationToken cancellationToken)
    {
        if (days is < 1 or > MaxDays)
        {
            throw ValidationFailedException.For("days", $"Use 1 to {MaxDays} days.");
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var rows = await table.ListAsync<ReminderEntity>(DailyFilter(account.Id, today, days), select: DailyColumns, cancellationToken: cancellationToken);
        return Daily(rows, today, days);
    }

    /// <summary>The columns <see cref="Daily"/> reads.</summary>
    public static readonly string[] DailyColumns = ["PartitionKey", "RowKey", "Status", "DueAt", "ClaimedAt", "SentAt", "DeliveryStatus"];

    /// <summary>The first reminder day <see cref="Daily"/> needs: a row's partition is the day it was due, at most a retry or two before it went out.</summary>
    public static DateOnly FirstDailyPartition(DateOnly today, int days) => today.AddDays(-1 - days);

    /// <summary>The last reminder day <see cref="Daily"/> needs: a message is never sent before it is due (tomorrow allows for a clock a little ahead).</summary>
    public static DateOnly LastDailyPartition(DateOnly today) => today.AddDays(1);

    private static string DailyFilter(string accountId, DateOnly today, int days) =>
        ReminderKeys.DaysFilter(accountId, FirstDailyPartition(today, days), LastDailyPartition(today));

    /// <summary>
    /// Counts per UTC day over the last <paramref name="days"/> days up to <paramref name="today"/>, from rows that include every
    /// reminder partition from <see cref="FirstDailyPartition"/> to <see cref="LastDailyPartition"/> (rows of other days are ignored).
    /// </summary>
    public static HistoryDays Daily(IEnumerable<ReminderEntity> rows, DateOnly today, int days)
    {
        var start = today.AddDays(1 - days);
        var since = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var counts = Enumerable.Range(0, days).ToDictionary(i => start.AddDays(i), _ => (Sent: 0, Delivered: 0, Failed: 0));
        foreach (var row in rows.Where(r => r.SentAt >= since || r.DueAt >= since))
        {
            if (row.SentAt is { } sentAt && counts.TryGetValue(DateOnly.FromDateTime(sentAt.UtcDateTime), out var sentDay))
            {
                var failed = row.DeliveryStatus is DeliveryStatus.Failed or DeliveryStatus.Blocked;
                counts[DateOnly.FromDateTime(sentAt.UtcDateTime)] = (
                    sentDay.Sent + 1,
                    sentDay.Delivered + (row.DeliveryStatus == DeliveryStatus.Delivered ? 1 : 0),
                    sentDay.Failed + (failed ? 1 : 0)
                );
            }
            else if (
                row.Status == ReminderStatus.Failed
                && counts.TryGetValue(DateOnly.FromDateTime((row.ClaimedAt ?? row.DueAt).UtcDateTime), out var failedDay)
            )
            {
                counts[DateOnly.FromDateTime((row.ClaimedAt ?? row.DueAt).UtcDateTime)] = failedDay with { Failed = failedDay.Failed + 1 };
            }
        }
        return new HistoryDays([
            .. counts
                .OrderBy(c => c.Key)
                .Select(c => new HistoryDay(c.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Value.Sent, c.Value.Delivered, c.Value.Failed)),
        ]);
    }

    // A delivery report's own details are the network's jargon; the owner gets a plain sentence instead.
    public static string? Reason(ReminderEntity row) =>
        row switch
        {
            { Reason: { Length: > 0 } reason } => reason,
            { DeliveryStatus: DeliveryStatus.Blocked } => "The recipient's phone or network blocked the message.",
            { DeliveryStatus: DeliveryStatus.Failed } => "The phone network could not deliver the message.",
            _ => null,
        };

    /// <summary>Replies per message, of replies received since <paramref name="since"/> (a reply comes after what it answers).</summary>
    private async Task<Dictionary<string, int>> RepliesAsync(string accountId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (since is null)
        {
            return counts;
        }
        var table = await tables.GetAsync(StorageTables.Replies, cancellationToken);
        await foreach (
            var reply in table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and ReceivedAt ge {since}"),
                select: [nameof(ReplyEntity.ReminderId)],
                cancellationToken: cancellationToken
            )
        )
        {
            if (reply.GetString(nameof(ReplyEntity.ReminderId)) is { Length: > 0 } reminderId)
            {
                counts[reminderId] = counts.GetValueOrDefault(reminderId) + 1;
            }
        }
        return counts;
    }

    private static DateOnly? Date(FieldErrors errors, string field, string? value, DateOnly today)
    {
        if (value is null or "")
        {
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, "Use a date as YYYY-MM-DD.");
            return null;
        }
        if (!DateWindow.FilterAllows(date, today))
        {
            errors.Add(field, DateWindow.FilterProblem(today));
            return null;
        }
        return date;
    }
}
