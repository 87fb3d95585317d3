using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Counts;

/// <summary>An account's kept counts beside the same counts made afresh from its rows, both as JSON in one order.</summary>
public static class CountsKit
{
    public sealed record Counts(string Kept, string Recounted, IReadOnlyList<string> Miscounted, int CountRows);

    public static async Task<Counts> OfAsync(TableClient reminders, string accountId)
    {
        var (kept, recounted, miscounted, countRows) = (new DailyCounts(), new DailyCounts(), new List<string>(), 0);
        await foreach (var row in reminders.QueryAsync<TableEntity>(StorageTables.Reminders.AccountFilter(accountId)))
        {
            if (row.RowKey.StartsWith(ReminderCounts.RowPrefix, StringComparison.Ordinal))
            {
                kept.Add(DailyCounts.Parse(row));
                countRows++;
            }
        }
        await foreach (var reminder in reminders.QueryAsync<ReminderEntity>(ReminderKeys.AccountFilter(accountId)))
        {
            ReminderContribution.Apply(recounted, ReminderContribution.Of(reminder), +1);
            if (reminder.CountedAs != ReminderContribution.Of(reminder))
            {
                miscounted.Add($"{reminder.Id}: counted as '{reminder.CountedAs}', counts for '{ReminderContribution.Of(reminder)}'");
            }
        }
        return new Counts(Json(kept), Json(recounted), miscounted, countRows);
    }

    public static async Task<Counts> OfAsync(this Owner owner) =>
        await OfAsync(await owner.App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders), owner.AccountId);

    public static string Json(DailyCounts counts) =>
        JsonSerializer.Serialize(
            counts.Days.OrderBy(d => d.Key).ToDictionary(d => d.Key, d => new SortedDictionary<string, int>(d.Value, StringComparer.Ordinal))
        );

    public static void AssertKeptEqualRecounted(Counts counts)
    {
        Assert.Equal(counts.Recounted, counts.Kept);
        Assert.Empty(counts.Miscounted);
    }
}
