namespace ClientReminders.Reminders;

/// <summary>How reminders are sent and swept (<c>Reminders:*</c>).</summary>
public sealed class ReminderOptions
{
    /// <summary>SMS templates whose preview needs more segments than this are refused at save time.</summary>
    [Range(1, 10)]
    public int MaxSmsSegments { get; set; } = 3;

    /// <summary>A claim younger than this belongs to an instance that may still be sending (<c>Reminders:ClaimLease</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = DefaultClaimLease;

    public static readonly TimeSpan DefaultClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>How long past its due time (or its claim's lease) a reminder still unsent counts as stuck and is queued again (<c>Reminders:StuckAfter</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The planner timer looks for stuck reminders at most once in this long (<c>Reminders:SweepEvery</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A reminder the sweep queued again counts as stuck again only this long after (<c>Reminders:ResweepAfter</c>): its message
    /// may be waiting behind a long backlog rather than lost, and each sweep would otherwise add another.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ResweepAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A reminder whose time had already passed when its appointment was booked or moved is not sent at all when the appointment
    /// is closer than this (<c>Reminders:LateReminderCutoff</c>): no text about a slot that starts now.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LateReminderCutoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A change notice waits this long before it goes (<c>Reminders:NoticeDelay</c>), so several moves in quick succession
    /// send one notice, for the last start.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan NoticeDelay { get; set; } = TimeSpan.FromMinutes(2);
}
