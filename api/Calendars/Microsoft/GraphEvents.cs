using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Graph.Models;

namespace ClientReminders.Calendars.Microsoft;

/// <summary>Graph events to <see cref="CalendarEvent"/>s; fields the delta response leaves out get safe defaults.</summary>
public static partial class GraphEvents
{
    public static bool IsRemoved(Event item) => item.AdditionalData?.ContainsKey("@removed") == true;

    public static CalendarEvent Normalize(Event item, string fallbackZone)
    {
        var start = Instant(item.Start);
        var end = item.End is null ? start : Instant(item.End);
        var isOccurrence = item.Type is EventType.Occurrence or EventType.Exception;
        return new CalendarEvent(
            item.Id ?? "",
            isOccurrence ? item.SeriesMasterId : null,
            isOccurrence ? item.OriginalStart?.ToUniversalTime() ?? null : null,
            start,
            end,
            CalendarTimeZones.ToIana(item.OriginalStartTimeZone ?? (item.Start?.TimeZone is { } zone && zone != "UTC" ? zone : null), fallbackZone),
            item.Subject ?? "",
            BodyText(item),
            item.Location?.DisplayName ?? "",
            [.. (item.Attendees ?? []).Select(a => a.EmailAddress?.Address).OfType<string>().Where(a => a.Length > 0)],
            item.IsAllDay == true,
            item.ShowAs == FreeBusyStatus.Free,
            item.IsCancelled == true,
            item.WebLink
        );
    }

    private static DateTimeOffset Instant(DateTimeTimeZone? time)
    {
        if (time?.DateTime is not { } text || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new FormatException("A calendar event has no readable start or end.");
        }
        var zoneName = time.TimeZone is null or "UTC" ? "Etc/UTC" : CalendarTimeZones.ToIana(time.TimeZone, "Etc/UTC");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        return ReminderTiming.ToInstant(local, zone).ToUniversalTime();
    }

    private static string BodyText(Event item)
    {
        var content = item.Body?.Content ?? item.BodyPreview ?? "";
        return item.Body?.ContentType == BodyType.Html ? WebUtility.HtmlDecode(Tags().Replace(content, " ")) : content;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
