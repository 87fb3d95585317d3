namespace ClientReminders.Reminders;

/// <summary>
/// Where reminders live: one partition per account and UTC day they are due ("{accountId}_{yyyyMMdd}"), and ids that
/// start with that day, so an id finds its row, an account's reminders are one key range, and the retention purge
/// deletes whole expired days without reading a live one.
/// </summary>
public static class ReminderKeys
{
    private const string DayFormat = "yyyyMMdd";

    public static string Day(DateTimeOffset dueAt) => dueAt.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string Partition(string accountId, string day) => $"{accountId}_{day}";

    public static string Partition(string accountId, DateTimeOffset dueAt) => Partition(accountId, Day(dueAt));

    /// <summary>The partition a reminder id belongs to, or null when the id is not one of ours.</summary>
    public static string? PartitionOf(string accountId, string reminderId) =>
        reminderId.Length > DayFormat.Length + 1 && reminderId[DayFormat.Length] == '-' && reminderId[..DayFormat.Length].All(char.IsAsciiDigit)
            ? Partition(accountId, reminderId[..DayFormat.Length])
            : null;

    public static string AccountOf(string partitionKey) => StorageTables.Reminders.AccountOf(partitionKey);

    /// <summary>Every reminder of the account (not the counts kept beside them).</summary>
    public static string AccountFilter(string accountId) => StorageTables.Reminders.AccountFilter(accountId) + " and " + ReminderCounts.RemindersOnly;

    /// <summary>The account's reminders on days from <paramref name="from"/> up to and including <paramref name="to"/> (open-ended when null).</summary>
    public static string DaysFilter(string accountId, DateOnly from, DateOnly? to = null) =>
        TableClient.CreateQueryFilter(
            $"PartitionKey ge {Partition(accountId, Day(from))} and PartitionKey lt {(to is { } last ? Partition(accountId, Day(last.AddDays(1))) : accountId + "`")}"
        )
        + " and "
        + ReminderCounts.RemindersOnly;

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
