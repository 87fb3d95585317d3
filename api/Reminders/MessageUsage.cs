using System.Collections.Concurrent;
using ClientReminders.Accounts;
using ClientReminders.AzureClients.Tables;
using ClientReminders.Storage;

namespace ClientReminders.Reminders;

/// <summary>What an account has sent this calendar month (UTC): SMS segments and emails.</summary>
public sealed record MonthUsage(int SmsSegments, int Emails)
{
    public static readonly MonthUsage None = new(0, 0);

    public MonthUsage Add(string channel, int segments) =>
        channel == ReminderChannel.Sms ? this with { SmsSegments = SmsSegments + segments } : this with { Emails = Emails + 1 };
}

/// <summary>Messages sent this calendar month, counted from the sent reminders themselves (the send ledger) so it can never drift.</summary>
public sealed class MessageUsage(Tables tables, AccountChanges changes, TimeProvider time)
{
    /// <summary>How long the sender trusts a count it made, adding its own sends to it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Counted> _counted = new(StringComparer.Ordinal);

    private sealed record Counted(DateTimeOffset Month, long Version, DateTimeOffset CountedAt, MonthUsage Used);

    public async Task<MonthUsage> ThisMonthAsync(string accountId, CancellationToken cancellationToken)
    {
        var monthStart = MonthStart(time.GetUtcNow());
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        // A row's partition is the day it was due; a retry may send it a day or two later, into this month.
        var filter = ReminderKeys.DaysFilter(accountId, DateOnly.FromDateTime(monthStart.UtcDateTime).AddDays(-2))
            + " and " + TableClient.CreateQueryFilter($"SentAt ge {monthStart}");
        var used = MonthUsage.None;
        await foreach (var sent in table.QueryAsync<TableEntity>(filter, select: ["Channel", "Segments"], cancellationToken: cancellationToken))
        {
            used = used.Add(sent.GetString("Channel") ?? ReminderChannel.Sms, sent.GetInt32("Segments") ?? 1);
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
        if (_counted.TryGetValue(accountId, out var counted) && counted.Month == MonthStart(now) && counted.Version == version && now - counted.CountedAt < MaxAge)
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
    public void Sent(string accountId, string channel, int segments)
    {
        while (_counted.TryGetValue(accountId, out var counted) && !_counted.TryUpdate(accountId, counted with { Used = counted.Used.Add(channel, segments) }, counted))
        {
        }
    }

    public static DateTimeOffset MonthStart(DateTimeOffset now) => new(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
}
