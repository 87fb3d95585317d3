using ClientReminders.AzureClients.Tables;
using ClientReminders.Storage;

namespace ClientReminders.Reminders;

/// <summary>SMS segments sent this calendar month, counted from the sent reminders themselves so it can never drift.</summary>
public sealed class SmsUsage(Tables tables, TimeProvider time)
{
    public async Task<int> ThisMonthAsync(string accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var filter = ReminderKeys.DaysFilter(accountId, DateOnly.FromDateTime(monthStart.UtcDateTime).AddDays(-2))
            + " and " + TableClient.CreateQueryFilter($"SentAt ge {monthStart} and Channel eq {ReminderChannel.Sms}");
        var used = 0;
        await foreach (var sent in table.QueryAsync<TableEntity>(filter, select: ["Segments"], cancellationToken: cancellationToken))
        {
            used += sent.GetInt32("Segments") ?? 1;
        }
        return used;
    }
}
