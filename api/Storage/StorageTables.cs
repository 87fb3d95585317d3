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

    public static readonly StorageTable AuditLog = new(
        "AuditLog",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(365), "At"),
        "One row per security event on an account (sign-in, password or email change, export, closure): when, what, the client's network (IPv4 /24, IPv6 /48) and user agent. Never passwords or tokens.");

    public static IReadOnlyList<StorageTable> All { get; } = [RetentionRuns, AuditLog];
}
