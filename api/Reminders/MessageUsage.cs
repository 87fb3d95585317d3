namespace ClientReminders.Reminders;

/// <summary>What an account has sent this calendar month (UTC): SMS segments and emails.</summary>
public sealed record MonthUsage(int SmsSegments, int Emails)
{
    public static readonly MonthUsage None = new(0, 0);

    public MonthUsage Add(ReminderChannel channel, int segments) =>
        channel == ReminderChannel.Sms ? this with { SmsSegments = SmsSegments + segments } : this with { Emails = Emails + 1 };
}

/// <summary>Messages sent this calendar month, counted from the sent reminders themselves (the send ledger) so it can never drift.</summary>
public sealed class MessageUsage(TableClients tables, AccountChanges changes, TimeProvider time)
{
    /// <summary>How long the sender trusts a count it made, adding its own sends to it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Counted> _counted = new(StringComparer.Ordinal);

    private sealed record Counted(DateTimeOffset Month, long Version, DateTimeOffset CountedAt, MonthUsage Used);

    public async Task<MonthUsage> ThisMonthAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var filter =
            ReminderKeys.DaysFilter(accountId, FirstPartition(now), LastPartition(now))
            + " and "
            + TableClient.CreateQueryFilter($"SentAt ge {MonthStart(now)}");
        var rows = await table.ListAsync<ReminderEntity>(filter, select: Columns, cancellationToken: cancellationToken);
        return Count(rows, now);
    }

    /// <summary>The columns <see cref="Count"/> reads.</summary>
    public static readonly string[] Columns = ["PartitionKey", "RowKey", "Channel", "Segments", "SentAt"];

    /// <summary>The first reminder day that can hold a send of this month: a row's partition is the day it was due; a retry may send it a day or two later.</summary>
    public static DateOnly FirstPartition(DateTimeOffset now) => DateOnly.FromDateTime(MonthStart(now).UtcDateTime).AddDays(-2);

    /// <summary>The last reminder day that can hold a send by now: a message is never sent before it is due (tomorrow allows for a clock a little ahead).</summary>
    public static DateOnly LastPartition(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);

    /// <summary>This month's sends among rows that include every reminder partition from <see cref="FirstPartition"/> to <see cref="LastPartition"/>.</summary>
    public static MonthUsage Count(IEnumerable<ReminderEntity> rows, DateTimeOffset now)
    {
        var monthStart = MonthStart(now);
        var used = MonthUsage.None;
        foreach (var sent in rows.Where(r => r.SentAt >= monthStart))
        {
            used = used.Add(sent.Channel ?? ReminderChannel.Sms, sent.Segments ?? 1);
        }
        return used;
    }

    /// <summary>
    /// The sender's view: counted from the ledger at most <see cref="MaxAge"/> ago (or since the account last changed
    /// here), plus what this instance sent since. Other instances' sends show within <see cref="MaxAge"/>.
    /// </summary>
    public async Task<MonthUsage> RecentThisMonthAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var version = changes.Of(accountId);
        if (
            _counted.TryGetValue(accountId, out var counted)
            && counted.Month == MonthStart(now)
            && counted.Version == version
            && now - counted.CountedAt < MaxAge
        )
        {
            return counted.Used;
        }
        var used = await ThisMonthAsync(accountId, cancellationToken);
        if (_counted.Count > 10_000)
        {
            _counted.Clear();
        }
        _counted[accountId] = new Counted(MonthStart(now), version, now, used);
        return used;
    }

    /// <summary>Adds a send of this instance to its recent count.</summary>
    public void Sent(string accountId, ReminderChannel channel, int segments)
    {
        while (
            _counted.TryGetValue(accountId, out var counted)
            && !_counted.TryUpdate(accountId, counted with { Used = counted.Used.Add(channel, segments) }, counted)
        ) { }
    }

    public static DateTimeOffset MonthStart(DateTimeOffset now) => new(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
}
