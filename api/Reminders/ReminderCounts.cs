namespace ClientReminders.Reminders;

/// <summary>
/// What one reminder row adds to its account's counts, on the UTC day it counts on: sent (with its SMS segments and what the
/// delivery report said), failed to send, or skipped; by channel. Encoded as "{yyyyMMdd} name=n name=n", the form kept on the
/// row itself (<see cref="ReminderEntity.CountedAs"/>) so that whatever changes it next knows exactly what to take back.
/// </summary>
public static class ReminderContribution
{
    public const string Sent = "sent";
    public const string Segments = "segments";
    public const string Delivered = "delivered";
    public const string Undelivered = "undelivered";
    public const string Failed = "failed";
    public const string Skipped = "skipped";

    /// <summary>"reminded:{appointmentId}:{unix seconds sent}": which appointments were reminded when (the confirmation rate counts each once).</summary>
    public const string Reminded = "reminded";

    /// <summary>The same rules as the history's own count (<see cref="Messaging.MessageHistory.Daily"/>) and the month's usage (<see cref="MessageUsage.Count"/>).</summary>
    public static string? Of(ReminderEntity row)
    {
        if (row.SentAt is { } sentAt)
        {
            var channel = (row.Channel ?? ReminderChannel.Sms).Name();
            var counts = new List<string> { $"{Sent}.{channel}=1" };
            if (row.Channel is null or ReminderChannel.Sms)
            {
                counts.Add($"{Segments}.{channel}={(row.Segments ?? 1).ToString(CultureInfo.InvariantCulture)}");
            }
            if (row.DeliveryStatus == DeliveryStatus.Delivered)
            {
                counts.Add($"{Delivered}.{channel}=1");
            }
            else if (row.DeliveryStatus is DeliveryStatus.Failed or DeliveryStatus.Blocked)
            {
                counts.Add($"{Undelivered}.{channel}=1");
            }
            if (row.Kind == ReminderKind.Reminder && row.AppointmentId.Length > 0)
            {
                counts.Add($"{Reminded}:{row.AppointmentId}:{sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}=1");
            }
            return Encode(sentAt, counts);
        }
        return row.Status switch
        {
            ReminderStatus.Failed => Encode(row.ClaimedAt ?? row.DueAt, [$"{Failed}.{(row.Channel ?? row.RuleChannel).Name()}=1"]),
            ReminderStatus.Skipped or ReminderStatus.Cancelled => Encode(row.DueAt, [$"{Skipped}.{(row.Channel ?? row.RuleChannel).Name()}=1"]),
            _ => null,
        };
    }

    private static string Encode(DateTimeOffset at, IEnumerable<string> counts) => $"{ReminderKeys.Day(at)} {string.Join(' ', counts)}";

    /// <summary>Adds (or with <paramref name="sign"/> −1 takes back) an encoded contribution.</summary>
    public static void Apply(DailyCounts counts, string? contribution, int sign)
    {
        if (contribution?.Split(' ') is not [var day, .. var items])
        {
            return;
        }
        foreach (var item in items)
        {
            if (item.Split('=') is [var name, var value] && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                counts.Add(day, name, sign * n);
            }
        }
    }
}

/// <summary>Counts by UTC day ("yyyyMMdd") and name ("sent.sms", "delivered.sms", "failed.email", ...).</summary>
public sealed class DailyCounts
{
    public Dictionary<string, Dictionary<string, int>> Days { get; init; } = new(StringComparer.Ordinal);

    public void Add(string day, string name, int n)
    {
        if (!Days.TryGetValue(day, out var counts))
        {
            Days[day] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
        }
        var total = counts.GetValueOrDefault(name) + n;
        if (total == 0)
        {
            counts.Remove(name);
            if (counts.Count == 0)
            {
                Days.Remove(day);
            }
        }
        else
        {
            counts[name] = total;
        }
    }

    public void Add(DailyCounts other)
    {
        foreach (var (day, counts) in other.Days)
        {
            foreach (var (name, n) in counts)
            {
                Add(day, name, n);
            }
        }
    }

    public DailyCounts Copy()
    {
        var copy = new DailyCounts();
        copy.Add(this);
        return copy;
    }

    /// <summary>One count of a day, summed over channels when <paramref name="name"/> has none ("sent" adds sent.sms and sent.email).</summary>
    public int Get(DateOnly day, string name) =>
        Days.TryGetValue(ReminderKeys.Day(day), out var counts)
            ? counts.Where(c => c.Key == name || c.Key.StartsWith(name + ".", StringComparison.Ordinal)).Sum(c => c.Value)
            : 0;

    /// <summary>The appointments reminded at or after <paramref name="since"/> (each once, whatever its number of reminders).</summary>
    public HashSet<string> RemindedSince(DateTimeOffset since)
    {
        var reminded = new HashSet<string>(StringComparer.Ordinal);
        var from = since.ToUnixTimeSeconds();
        foreach (var name in Days.Values.SelectMany(d => d.Keys))
        {
            if (
                name.Split(':') is [ReminderContribution.Reminded, var appointmentId, var seconds]
                && long.TryParse(seconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
                && at >= from
            )
            {
                reminded.Add(appointmentId);
            }
        }
        return reminded;
    }

    private const int ChunkLength = 30_000;
    private const int MaxChunks = 30;

    /// <summary>The columns a counts row may use, for a query that selects columns.</summary>
    public static readonly string[] Columns = [.. Enumerable.Range(0, MaxChunks).Select(i => $"C{i}")];

    /// <summary>Writes the counts as JSON into "C0", "C1", ... (a string column holds at most 32K characters; a row 1 MB).</summary>
    public TableEntity ToEntity(string partitionKey, string rowKey)
    {
        var json = JsonSerializer.Serialize(Days);
        var entity = new TableEntity(partitionKey, rowKey);
        for (var i = 0; i * ChunkLength < json.Length; i++)
        {
            if (i == MaxChunks)
            {
                throw new InvalidOperationException($"The counts of {partitionKey} no longer fit one row ({json.Length} characters).");
            }
            entity[$"C{i}"] = json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - i * ChunkLength));
        }
        return entity;
    }

    public static DailyCounts Parse(TableEntity? entity)
    {
        var json = new StringBuilder();
        for (var i = 0; entity?.GetString($"C{i}") is { } chunk; i++)
        {
            json.Append(chunk);
        }
        return new()
        {
            Days =
                json.Length > 0
                    ? new(JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int>>>(json.ToString()) ?? [], StringComparer.Ordinal)
                    : new(StringComparer.Ordinal),
        };
    }
}

// A row of counts in a reminders partition, beside the reminders it counts: "~counts" (lanes folded by the upkeep) and
// "~counts-{instance}-{n}" (one per writer lane, so concurrent sends never wait on each other's row). Numbers by day and
// appointment ids only: no personal data.

/// <summary>
/// Kept counts of what an account's messages became, changed in the same table transaction as the reminder row whose
/// change they count, guarded by that row's ETag: a handler that runs twice finds the row already changed and counts
/// nothing, and a crash between the two cannot happen. Each reminder partition (account and day due) holds its own
/// counts, so the retention purge takes them with the day. <see cref="RepairAsync"/> rebuilds a partition's counts
/// from its rows (for rows written by something that did not count them, such as the demo's history).
/// </summary>
public sealed class ReminderCounts(TableClients tables, TimeProvider time, ILogger<ReminderCounts> logger)
{
    public const string RowPrefix = "~counts";

    /// <summary>Reminder ids start with a digit: every counts row sorts after them.</summary>
    public const string FirstCountsKey = "~";

    private const int MaxAttempts = 5;

    private static readonly string Instance = Guid.NewGuid().ToString("N")[..12];
    private long _lanes;
    private readonly ConcurrentDictionary<string, ConcurrentBag<Lane>> _free = new(StringComparer.Ordinal);

    private sealed class Lane(string rowKey)
    {
        public string RowKey { get; } = rowKey;
        public ETag ETag { get; set; }
        public DailyCounts Counts { get; set; } = new();
    }

    /// <summary>Only reminder rows, not the counts beside them.</summary>
    public static string RemindersOnly => TableClient.CreateQueryFilter($"RowKey lt {FirstCountsKey}");

    /// <summary>
    /// Writes the reminder row (<paramref name="action"/>: add, replace or delete, guarded by <paramref name="ifMatch"/>) and, when
    /// what it counts for changes, its partition's counts in the same transaction. Fails exactly as the write alone would
    /// (a 412 when the row changed meanwhile, 409 when an added row exists, 404 when it is gone).
    /// </summary>
    public async Task WriteAsync(TableClient table, ReminderEntity row, TableTransactionActionType action, ETag ifMatch, CancellationToken cancellationToken)
    {
        var before = row.CountedAs;
        var after = action == TableTransactionActionType.Delete ? null : ReminderContribution.Of(row);
        if (before == after)
        {
            await WriteAloneAsync(table, row, action, ifMatch, cancellationToken);
            return;
        }
        var delta = new DailyCounts();
        ReminderContribution.Apply(delta, before, -1);
        ReminderContribution.Apply(delta, after, +1);
        row.CountedAs = after;
        var lane = Take(row.PartitionKey);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var next = lane.Counts.Copy();
                next.Add(delta);
                var counts = next.ToEntity(row.PartitionKey, lane.RowKey);
                TableTransactionAction[] actions =
                [
                    action == TableTransactionActionType.Delete
                        ? new(action, new TableEntity(row.PartitionKey, row.RowKey), ifMatch)
                        : new(action, row, ifMatch),
                    lane.ETag == default ? new(TableTransactionActionType.Add, counts) : new(TableTransactionActionType.UpdateReplace, counts, lane.ETag),
                ];
                try
                {
                    var responses = (await table.SubmitCheckedTransactionAsync(actions, cancellationToken)).Value;
                    lane.Counts = next;
                    lane.ETag = responses[1].Headers.ETag ?? default;
                    if (action != TableTransactionActionType.Delete)
                    {
                        row.ETag = responses[0].Headers.ETag ?? row.ETag;
                    }
                    if (lane.ETag == default)
                    {
                        await ReloadAsync(table, row.PartitionKey, lane, cancellationToken);
                    }
                    return;
                }
                catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 1 && attempt < MaxAttempts)
                {
                    // The lane was folded into "~counts" by a repair (or is not as this instance remembers it): read it again.
                    logger.LogInformation(
                        "Reminder counts lane {Lane} of {Partition} was stale ({Status}); read again",
                        lane.RowKey,
                        row.PartitionKey,
                        ex.Status
                    );
                    await ReloadAsync(table, row.PartitionKey, lane, cancellationToken);
                }
            }
        }
        catch
        {
            row.CountedAs = before;
            throw;
        }
        finally
        {
            _free.GetOrAdd(row.PartitionKey, _ => []).Add(lane);
        }
    }

    private static async Task WriteAloneAsync(
        TableClient table,
        ReminderEntity row,
        TableTransactionActionType action,
        ETag ifMatch,
        CancellationToken cancellationToken
    )
    {
        switch (action)
        {
            case TableTransactionActionType.Add:
                row.ETag = (await table.AddEntityAsync(row, cancellationToken)).Headers.ETag ?? row.ETag;
                break;
            case TableTransactionActionType.Delete:
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ifMatch, cancellationToken);
                break;
            default:
                row.ETag = (await table.UpdateEntityAsync(row, ifMatch, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? row.ETag;
                break;
        }
    }

    private Lane Take(string partitionKey)
    {
        if (_free.TryGetValue(partitionKey, out var free) && free.TryTake(out var lane))
        {
            return lane;
        }
        // Partitions are days: a day's lanes are forgotten after a while, and new ones start afresh as rows of their own.
        if (_free.Count > 20_000)
        {
            _free.Clear();
        }
        return new Lane($"{RowPrefix}-{Instance}-{Interlocked.Increment(ref _lanes).ToString(CultureInfo.InvariantCulture)}");
    }

    private static async Task ReloadAsync(TableClient table, string partitionKey, Lane lane, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, lane.RowKey, cancellationToken: cancellationToken);
        (lane.ETag, lane.Counts) = found.HasValue ? (found.Value!.ETag, DailyCounts.Parse(found.Value)) : (default, new DailyCounts());
    }

    /// <summary>The counts kept for the account's reminder partitions from <paramref name="from"/> to <paramref name="to"/> (due days, both included).</summary>
    public async Task<DailyCounts> ReadAsync(string accountId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var total = new DailyCounts();
        foreach (var row in await table.ListAsync<TableEntity>(CountsFilter(accountId, from, to), cancellationToken: cancellationToken))
        {
            total.Add(DailyCounts.Parse(row));
        }
        return total;
    }

    /// <summary>The counts rows of the account's partitions from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static string CountsFilter(string accountId, DateOnly from, DateOnly to) =>
        TableClient.CreateQueryFilter(
            $"PartitionKey ge {ReminderKeys.Partition(accountId, ReminderKeys.Day(from))} and PartitionKey lt {ReminderKeys.Partition(accountId, ReminderKeys.Day(to.AddDays(1)))} and RowKey ge {RowPrefix} and RowKey lt {RowPrefix + "~"}"
        );

    /// <summary>
    /// Rebuilds one partition's counts from its rows: a row that does not say what it counts for, or says it wrongly (written
    /// by something that did not count it), is counted afresh, one transaction each; then the writers' lanes are folded into
    /// "~counts", guarded by their ETags (a lane in use meanwhile is read again, and its writer starts it afresh). Safe to
    /// run at any time, and again.
    /// </summary>
    /// <returns>How many rows had to be counted afresh.</returns>
    public async Task<int> RepairAsync(string accountId, DateOnly day, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var partition = ReminderKeys.Partition(accountId, ReminderKeys.Day(day));
        var recounted = 0;
        var uncounted = (await RowsAsync(table, partition, cancellationToken)).Where(row => row.CountedAs != ReminderContribution.Of(row)).ToList();
        foreach (var chunk in uncounted.Chunk(TableTransactions.MaxActions - 1))
        {
            if (await TryCountTogetherAsync(table, partition, chunk, cancellationToken))
            {
                recounted += chunk.Length;
                continue;
            }
            foreach (var row in chunk)
            {
                try
                {
                    await WriteAsync(table, row, TableTransactionActionType.UpdateReplace, row.ETag, cancellationToken);
                    recounted++;
                }
                catch (RequestFailedException ex) when (ex.Status is 404 or 412)
                {
                    // Changed meanwhile: whoever changed it counted it.
                }
            }
        }
        await FoldAsync(table, partition, cancellationToken);
        return recounted;
    }

    /// <summary>Counts up to 99 rows of one partition in one transaction with a lane; false when one of them changed meanwhile.</summary>
    private async Task<bool> TryCountTogetherAsync(TableClient table, string partition, ReminderEntity[] rows, CancellationToken cancellationToken)
    {
        var delta = new DailyCounts();
        foreach (var row in rows)
        {
            ReminderContribution.Apply(delta, row.CountedAs, -1);
            ReminderContribution.Apply(delta, ReminderContribution.Of(row), +1);
        }
        var lane = Take(partition);
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var next = lane.Counts.Copy();
                next.Add(delta);
                var actions = rows.Select(row =>
                    {
                        var counted = new TableEntity(row.PartitionKey, row.RowKey) { [nameof(ReminderEntity.CountedAs)] = ReminderContribution.Of(row) };
                        return new TableTransactionAction(TableTransactionActionType.UpdateMerge, counted, row.ETag);
                    })
                    .Append(
                        lane.ETag == default
                            ? new TableTransactionAction(TableTransactionActionType.Add, next.ToEntity(partition, lane.RowKey))
                            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next.ToEntity(partition, lane.RowKey), lane.ETag)
                    )
                    .ToList();
                try
                {
                    var responses = (await table.SubmitCheckedTransactionAsync(actions, cancellationToken)).Value;
                    lane.Counts = next;
                    lane.ETag = responses[^1].Headers.ETag ?? default;
                    if (lane.ETag == default)
                    {
                        await ReloadAsync(table, partition, lane, cancellationToken);
                    }
                    return true;
                }
                catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == rows.Length)
                {
                    await ReloadAsync(table, partition, lane, cancellationToken);
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
                {
                    return false;
                }
            }
            return false;
        }
        finally
        {
            _free.GetOrAdd(partition, _ => []).Add(lane);
        }
    }

    /// <summary>Adds the lanes into "~counts" and deletes them, in transactions of at most 99: fewer rows for every later read.</summary>
    private static async Task FoldAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts * 4; attempt++)
        {
            var rows = await table.ListAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {RowPrefix} and RowKey lt {RowPrefix + "~"}"),
                cancellationToken: cancellationToken
            );
            var existing = rows.FirstOrDefault(r => r.RowKey == RowPrefix);
            var lanes = rows.Where(r => r.RowKey != RowPrefix).Take(TableTransactions.MaxActions - 1).ToList();
            if (lanes.Count == 0)
            {
                return;
            }
            var total = DailyCounts.Parse(existing);
            lanes.ForEach(lane => total.Add(DailyCounts.Parse(lane)));
            var folded = total.ToEntity(partition, RowPrefix);
            try
            {
                await table.SubmitCheckedTransactionAsync(
                    lanes
                        .Select(l => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, l.RowKey), l.ETag))
                        .Prepend(
                            existing is null
                                ? new TableTransactionAction(TableTransactionActionType.Add, folded)
                                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, folded, existing.ETag)
                        ),
                    cancellationToken
                );
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // A lane was written meanwhile: read again.
            }
        }
    }

    /// <summary>Marks (in AccountNotices) an account whose rows from before counts were kept have all been counted.</summary>
    public const string CountedNotice = "reminder-counts-v1";

    private static readonly string[] ContributionColumns =
    [
        "PartitionKey",
        "RowKey",
        "CountedAs",
        "SentAt",
        "Channel",
        "RuleChannel",
        "Segments",
        "DeliveryStatus",
        "Status",
        "ClaimedAt",
        "DueAt",
    ];

    private static readonly TimeSpan UpkeepEvery = TimeSpan.FromHours(1);
    private long _lastUpkeep = long.MinValue;

    /// <summary>
    /// At most hourly per instance, for every active account: once, counts every row written before counts were kept (each
    /// partition with such a row is repaired); then folds the lanes of the last two days, so a day's counts are one row.
    /// </summary>
    public async Task<int?> UpkeepIfDueAsync(IAsyncEnumerable<string> activeAccounts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var last = Interlocked.Read(ref _lastUpkeep);
        if (last != long.MinValue && now.UtcTicks - last < UpkeepEvery.Ticks || Interlocked.CompareExchange(ref _lastUpkeep, now.UtcTicks, last) != last)
        {
            return null;
        }
        var repaired = 0;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await foreach (var accountId in activeAccounts.WithCancellation(cancellationToken))
        {
            repaired += await BackfillAsync(accountId, cancellationToken);
            var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
            foreach (var day in new[] { today.AddDays(-2), today.AddDays(-1) })
            {
                await FoldAsync(table, ReminderKeys.Partition(accountId, ReminderKeys.Day(day)), cancellationToken);
            }
        }
        return repaired;
    }

    /// <summary>Once per account: counts the rows it held before counts were kept. Returns how many rows were counted.</summary>
    public async Task<int> BackfillAsync(string accountId, CancellationToken cancellationToken)
    {
        var notices = await tables.GetAsync(StorageTables.AccountNotices, cancellationToken);
        if ((await notices.GetEntityIfExistsAsync<AccountNoticeEntity>(accountId, CountedNotice, cancellationToken: cancellationToken)).HasValue)
        {
            return 0;
        }
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var uncounted = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (
            var row in table.QueryAsync<ReminderEntity>(
                ReminderKeys.AccountFilter(accountId),
                select: ContributionColumns,
                cancellationToken: cancellationToken
            )
        )
        {
            if (row.CountedAs != ReminderContribution.Of(row))
            {
                uncounted.Add(row.PartitionKey);
            }
        }
        var repaired = 0;
        foreach (var partition in uncounted)
        {
            var day = DateOnly.ParseExact(partition[(partition.LastIndexOf('_') + 1)..], "yyyyMMdd", CultureInfo.InvariantCulture);
            repaired += await RepairAsync(accountId, day, cancellationToken);
        }
        await notices.UpsertEntityAsync(
            new AccountNoticeEntity
            {
                PartitionKey = accountId,
                RowKey = CountedNotice,
                SentAt = time.GetUtcNow(),
            },
            TableUpdateMode.Replace,
            cancellationToken
        );
        if (repaired > 0)
        {
            logger.LogInformation("Counted {Count} reminder row(s) of account {AccountId} written before counts were kept", repaired, accountId);
        }
        return repaired;
    }

    private static async Task<List<ReminderEntity>> RowsAsync(TableClient table, string partition, CancellationToken cancellationToken) =>
        await table.ListAsync<ReminderEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and " + RemindersOnly,
            cancellationToken: cancellationToken
        );
}
