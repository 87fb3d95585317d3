namespace ClientReminders.Reminders;

public enum ReminderDecision
{
    Schedule,
    SendNow,
    Skip,
}

/// <summary>When a reminder is due, from an appointment stored as a local date-time in an IANA zone.</summary>
public static class ReminderTiming
{
    public const string AlreadyStarted = "The appointment has already started.";
    public const string CreatedLate = "The appointment was created after its reminder time.";

    /// <summary>
    /// The instant of a local date-time in a zone.
    /// A time in a DST gap (spring forward) moves forward by the gap's length: 02:30 in New York on the March change day is 03:30 EDT.
    /// An ambiguous time (fall back) is its first, daylight-saving occurrence: 01:30 in London on the October change day is 01:30 BST.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var clock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset =
            zone.IsInvalidTime(clock) ? OffsetBeforeGap(clock, zone)
            : zone.IsAmbiguousTime(clock) ? zone.GetAmbiguousTimeOffsets(clock).Max()
            : zone.GetUtcOffset(clock);
        return TimeZoneInfo.ConvertTime(new DateTimeOffset(clock.Ticks - offset.Ticks, TimeSpan.Zero), zone);
    }

    /// <summary>
    /// When to send a reminder <paramref name="offsetBeforeStart"/> before an appointment; outside the sending window it moves to
    /// the latest time the window allows before it (the previous day's end when too early, the same day's end when too late).
    /// Whole days of the offset are calendar days that keep the local clock time (23 or 25 hours across a DST change); the rest is elapsed time.
    /// </summary>
    public static DateTimeOffset Due(DateTime appointmentLocalStart, TimeZoneInfo zone, TimeSpan offsetBeforeStart, SendingWindow? window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(offsetBeforeStart, TimeSpan.Zero);
        var start = ToInstant(appointmentLocalStart, zone);
        var days = offsetBeforeStart.Days;
        var nominal = ToInstant(appointmentLocalStart.AddDays(-days), zone) - (offsetBeforeStart - TimeSpan.FromDays(days));
        if (window is null)
        {
            return nominal;
        }

        var local = TimeZoneInfo.ConvertTime(nominal, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        if (window.Contains(time))
        {
            return nominal;
        }

        var day = time < window.Start ? local.Date.AddDays(-1) : local.Date;
        var adjusted = ToInstant(day + window.End.ToTimeSpan(), zone);
        return adjusted < start ? adjusted : nominal;
    }

    /// <summary>What to do with a reminder, given when it is due and when the appointment starts.</summary>
    public static (ReminderDecision Decision, string? Reason) Decide(DateTimeOffset due, DateTimeOffset appointmentStart, DateTimeOffset now) =>
        now >= appointmentStart ? (ReminderDecision.Skip, AlreadyStarted)
        : due > now ? (ReminderDecision.Schedule, null)
        : (ReminderDecision.SendNow, CreatedLate);

    /// <summary>
    /// When a reminder whose time has passed goes: now, or, outside the rule's sending window, when the window next opens
    /// (today or tomorrow, in the appointment's zone).
    /// </summary>
    public static DateTimeOffset LateSendTime(DateTimeOffset now, TimeZoneInfo zone, SendingWindow? window)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        if (window is null || window.Contains(TimeOnly.FromDateTime(local)))
        {
            return now;
        }
        var day = TimeOnly.FromDateTime(local) < window.Start ? local.Date : local.Date.AddDays(1);
        return ToInstant(day + window.Start.ToTimeSpan(), zone);
    }

    // A day earlier is before the gap: no zone changes its offset twice within a day.
    private static TimeSpan OffsetBeforeGap(DateTime clock, TimeZoneInfo zone) => zone.GetUtcOffset(clock.AddDays(-1));
}
