namespace ClientReminders.Retention;

/// <summary>Rows are deleted once the date in <paramref name="DateProperty"/> is older than <paramref name="Age"/>.</summary>
public sealed record RetentionPolicy(TimeSpan Age, string DateProperty)
{
    public static RetentionPolicy DeleteAfter(TimeSpan age, string dateProperty = "Timestamp") =>
        age > TimeSpan.Zero
            ? new RetentionPolicy(age, dateProperty)
            : throw new ArgumentOutOfRangeException(nameof(age), "A retention period must be positive.");
}
