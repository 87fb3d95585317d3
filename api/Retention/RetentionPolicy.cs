namespace ClientReminders.Retention;

/// <summary>
/// How long a table's rows live. Age-based rows go once <see cref="DateProperty"/> is older than <see cref="Age"/>;
/// account-scoped tables (PartitionKey = account id) also lose a closed account's rows (those matching
/// <see cref="ClosureFilter"/> when set); rows of <see cref="Managed"/> tables are removed by their feature itself.
/// </summary>
public sealed record RetentionPolicy
{
    public TimeSpan? Age { get; private init; }
    public string DateProperty { get; private init; } = "Timestamp";
    public bool AccountScoped { get; private init; }
    public string? ClosureFilter { get; private init; }
    public string? Managed { get; private init; }

    /// <summary>For day-partitioned tables: months after its day that a whole partition is deleted.</summary>
    public int? DayPartitionMonths { get; private init; }

    public static RetentionPolicy DeleteAfter(TimeSpan age, string dateProperty = "Timestamp") =>
        age > TimeSpan.Zero
            ? new RetentionPolicy { Age = age, DateProperty = dateProperty }
            : throw new ArgumentOutOfRangeException(nameof(age), "A retention period must be positive.");

    /// <summary>
    /// Rows live in one partition per account and day; the purge deletes a day's partition once the day is
    /// <paramref name="months"/> old, reading nothing younger (Table Storage has no time-to-live of its own).
    /// </summary>
    public static RetentionPolicy DeleteDaysAfter(int months) =>
        months > 0
            ? new RetentionPolicy { DayPartitionMonths = months }
            : throw new ArgumentOutOfRangeException(nameof(months), "A retention period must be positive.");

    /// <summary>Kept while the account exists; deleted by the purge after the account closes.</summary>
    public static RetentionPolicy WhileAccountExists() => new() { AccountScoped = true };

    /// <summary>Removed by the owning feature as part of another change, which <paramref name="how"/> explains.</summary>
    public static RetentionPolicy ManagedBy(string how) => new() { Managed = how };

    /// <param name="deleteOnlyWhere">An OData clause limiting what closure deletes; the rest lives out its age.</param>
    public RetentionPolicy AndWhileAccountExists(string? deleteOnlyWhere = null) => this with { AccountScoped = true, ClosureFilter = deleteOnlyWhere };
}
