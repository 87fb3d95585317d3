namespace ClientReminders.Calendars.Ics;

/// <summary>A parsed iCalendar stream: its events (series masters, overrides and single events) and what was skipped and why.</summary>
public sealed record IcsCalendar(string? Name, IcsTimeZone DefaultTimeZone, IReadOnlyList<IcsEvent> Events, IReadOnlyList<IcsWarning> Warnings)
{
    /// <summary>UIDs of events that were skipped as unreadable: keep their previous state rather than treat them as deleted.</summary>
    public IReadOnlySet<string> UnreadableUids { get; } =
        Warnings.Where(w => w.SkippedEvent && w.Uid is not null).Select(w => w.Uid!).ToHashSet(StringComparer.Ordinal);
}

/// <summary>Something in the feed that was not understood. <see cref="SkippedEvent"/> says the event with <see cref="Uid"/> (when known) was left out.</summary>
public sealed record IcsWarning(int LineNumber, string? Uid, string Message, bool SkippedEvent)
{
    public override string ToString() => $"Line {LineNumber}{(Uid is null ? "" : $" (UID {Uid})")}: {Message}";
}

/// <summary>A zone events are expressed in: an IANA zone, or a zone defined only by the feed's own VTIMEZONE (then <see cref="IsIana"/> is false and <see cref="Id"/> is its TZID).</summary>
public sealed record IcsTimeZone(string Id, TimeZoneInfo Info, bool IsIana)
{
    public static IcsTimeZone Utc { get; } = new("Etc/UTC", TimeZoneInfo.Utc, true);
}

public enum IcsDateKind
{
    /// <summary>A whole day (VALUE=DATE); <see cref="IcsDateTime.Value"/> is midnight.</summary>
    Date,

    /// <summary>No zone in the feed; read in the calendar's default zone.</summary>
    Floating,

    /// <summary>Ends in Z.</summary>
    Utc,

    /// <summary>Has a TZID.</summary>
    Zoned,
}

/// <summary>A DATE or DATE-TIME value: the clock time <see cref="Value"/> (unspecified kind) in <see cref="Zone"/>.</summary>
public readonly record struct IcsDateTime(DateTime Value, IcsDateKind Kind, IcsTimeZone Zone)
{
    public bool IsDate => Kind == IcsDateKind.Date;

    /// <summary>The instant; a clock time in a DST gap moves forward by the gap, an ambiguous one is its first (daylight) occurrence.</summary>
    public DateTimeOffset ToUtc() => IcsTime.ToUtc(Value, Zone.Info);
}

/// <summary>An RDATE: a start, and for PERIOD values its own duration.</summary>
public readonly record struct IcsRecurrenceDate(IcsDateTime Start, TimeSpan? Duration);

/// <summary>One VEVENT as written: a single event, a series master (with <see cref="Rule"/> or RDATEs) or an override (with <see cref="RecurrenceId"/>).</summary>
public sealed record IcsEvent
{
    public required string Uid { get; init; }

    public required IcsDateTime Start { get; init; }

    /// <summary>From DTEND or DURATION; a day for an all-day event without either, zero for a timed one.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>
    /// True when the length came from DURATION: its days are calendar days and its hours exact (RFC 5545), so PT45M from 01:30 on a
    /// fall-back day ends at the second 01:15. Otherwise the end is a clock time, as DTEND was written.
    /// </summary>
    public bool HasExactDuration { get; init; }

    public string? Summary { get; init; }

    public string? Description { get; init; }

    public string? Location { get; init; }

    public bool IsAllDay => Start.IsDate;

    /// <summary>STATUS:CANCELLED.</summary>
    public bool IsCancelled { get; init; }

    /// <summary>TRANSP:TRANSPARENT ("show as free").</summary>
    public bool IsFree { get; init; }

    public string? OrganizerEmail { get; init; }

    public IReadOnlyList<string> AttendeeEmails { get; init; } = [];

    public RecurrenceRule? Rule { get; init; }

    public IReadOnlyList<IcsDateTime> ExceptionDates { get; init; } = [];

    public IReadOnlyList<IcsRecurrenceDate> RecurrenceDates { get; init; } = [];

    /// <summary>RECURRENCE-ID: the original start of the occurrence this VEVENT overrides.</summary>
    public IcsDateTime? RecurrenceId { get; init; }

    /// <summary>RECURRENCE-ID;RANGE=THISANDFUTURE: the override applies to this and every later occurrence.</summary>
    public bool AppliesToFutureOccurrences { get; init; }

    public int Sequence { get; init; }

    /// <summary>Where BEGIN:VEVENT is, 1-based.</summary>
    public int LineNumber { get; init; }
}

/// <summary>
/// One occurrence in the window. <see cref="Key"/> is stable across fetches for reconciliation: the UID for a single event,
/// the UID and the original start for an occurrence of a series (so a moved occurrence keeps its key).
/// </summary>
public sealed record IcsOccurrence
{
    public required string Uid { get; init; }

    /// <summary>The occurrence's original start in UTC (for all-day series: the original date at 00:00 UTC); null for a single event.</summary>
    public DateTimeOffset? RecurrenceId { get; init; }

    public required DateTimeOffset StartUtc { get; init; }

    public required DateTimeOffset EndUtc { get; init; }

    /// <summary>The zone <see cref="Start"/> and <see cref="End"/> are in: IANA, or a feed-defined TZID when <see cref="IsIanaTimeZone"/> is false.</summary>
    public required string TimeZone { get; init; }

    public bool IsIanaTimeZone { get; init; } = true;

    public required DateTime Start { get; init; }

    public required DateTime End { get; init; }

    public bool IsAllDay { get; init; }

    public bool IsCancelled { get; init; }

    public bool IsFree { get; init; }

    public string? Summary { get; init; }

    public string? Description { get; init; }

    public string? Location { get; init; }

    public string? OrganizerEmail { get; init; }

    public IReadOnlyList<string> AttendeeEmails { get; init; } = [];

    public int Sequence { get; init; }

    public string Key => RecurrenceId is { } original ? $"{Uid}|{original.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}" : Uid;
}
