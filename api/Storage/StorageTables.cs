using ClientReminders.Retention;

namespace ClientReminders.Storage;

public sealed record StorageTable(string Name, RetentionPolicy Retention, string Holds);

/// <summary>Every table the app keeps, with what it holds and how long: the retention purge enforces exactly this list.</summary>
public static class StorageTables
{
    public static readonly StorageTable RetentionRuns = new(
        "RetentionRuns",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(400), "RanAt"),
        "One row per retention purge: when it ran and how many rows it deleted from each table. No personal data.");

    public static IReadOnlyList<StorageTable> All { get; } = [RetentionRuns];
}
