namespace ClientReminders.Calendars;

/// <summary>
/// An event from any calendar source, normalized: Graph events and ICS entries both become this before matching.
/// Times are UTC instants; <see cref="TimeZone"/> is the IANA zone the event was made in, where its local time lives.
/// </summary>
public sealed record CalendarEvent(
    string Id,
    string? SeriesId,
    DateTimeOffset? OriginalStartUtc,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    string TimeZone,
    string Subject,
    string BodyText,
    string Location,
    IReadOnlyList<string> AttendeeEmails,
    bool IsAllDay,
    bool IsFree,
    bool IsCancelled,
    string? WebLink
)
{
    /// <summary>What identifies this occurrence across syncs: the series and original start for a recurring one, else the event id.</summary>
    public string Key =>
        SeriesId is { Length: > 0 } series && OriginalStartUtc is { } original ? $"{series}|{original.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}" : Id;
}

/// <summary>Maps a source's time zone name (IANA, or Windows as Graph and Outlook often give) to an IANA zone this machine knows.</summary>
public static class CalendarTimeZones
{
    public static string ToIana(string? name, string fallback)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return fallback;
        }
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(name, out var iana))
        {
            return iana;
        }
        return name != "UTC" && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) && zone.HasIanaId ? zone.Id
            : name is "UTC" or "Etc/UTC" ? "Etc/UTC"
            : fallback;
    }
}
