namespace ClientReminders.Tests.Calendars.Ics;

/// <summary>The hand-written feeds in Feeds/, and small calendars written inline.</summary>
internal static class IcsFeeds
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Calendars", "Ics", "Feeds", name));

    public static IcsCalendar Parse(string name, string defaultTimeZone = "Etc/UTC") =>
        IcsParser.Parse(Text(name), new IcsParserOptions { DefaultTimeZone = defaultTimeZone });

    /// <summary>A VCALENDAR around the given lines, CRLF-terminated.</summary>
    public static string Calendar(params string[] lines) =>
        string.Join("\r\n", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tests//EN", .. lines, "END:VCALENDAR"]) + "\r\n";

    /// <summary>One VEVENT with the given properties.</summary>
    public static string[] Event(string uid, params string[] properties) => ["BEGIN:VEVENT", $"UID:{uid}", .. properties, "END:VEVENT"];

    public static IReadOnlyList<IcsOccurrence> Expand(IcsCalendar calendar, DateTimeOffset from, DateTimeOffset to, IcsExpansionOptions? options = null) =>
        RecurrenceExpander.Expand(calendar, from, to, options).Occurrences;

    public static IReadOnlyList<IcsOccurrence> ExpandRule(string start, string rule, DateTimeOffset from, DateTimeOffset to, params string[] more) =>
        Expand(IcsParser.Parse(Calendar(Event("rule@test", [$"DTSTART;TZID=Europe/London:{start}", $"RRULE:{rule}", .. more]))), from, to);

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public static DateTime Local(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0);
}
