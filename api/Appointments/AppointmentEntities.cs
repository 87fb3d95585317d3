namespace ClientReminders.Appointments;

public static class AppointmentStatus
{
    public const string Scheduled = "scheduled";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// An appointment (PartitionKey = account id, RowKey = appointment id) from any source. Start and End are local
/// ISO date-times in <see cref="TimeZone"/>; Title, Location and Notes hold FieldCipher values.
/// </summary>
public sealed class AppointmentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ClientId { get; set; } = "";
    public string Start { get; set; } = "";
    public string End { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public DateTimeOffset StartUtc { get; set; }
    public string? Title { get; set; }
    public string? Location { get; set; }
    public string? Notes { get; set; }
    public string Status { get; set; } = AppointmentStatus.Scheduled;
    public string Source { get; set; } = "manual";

    /// <summary>For an appointment from a calendar: the calendar source's id and name, and a link to the event there.</summary>
    public string? SourceId { get; set; }
    public string? SourceName { get; set; }
    public string? SourceLink { get; set; }

    /// <summary>The client's SMS answer: "confirmed" or "cancellation-requested"; set without bumping <see cref="Version"/>.</summary>
    public string? Response { get; set; }

    /// <summary>Bumped on every change, so a reminder planned from an older version knows it is stale.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string Id => RowKey;

    /// <summary>The UTC days ("yyyyMMdd", comma-separated) its reminders were planned on: where to find them again.</summary>
    public string? ReminderDays { get; set; }

    public IEnumerable<string> KnownReminderDays() => (ReminderDays ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
}
