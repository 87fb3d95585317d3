namespace ClientReminders.Calendars.Ics;

public sealed record IcsParserOptions
{
    /// <summary>The zone for floating times and all-day dates when the feed names none (X-WR-TIMEZONE): the owner's zone.</summary>
    public string DefaultTimeZone { get; init; } = "Etc/UTC";
}

/// <summary>A component as read: its properties and, for VTIMEZONE, its observances.</summary>
internal sealed class IcsComponent(string name, int lineNumber, bool keep)
{
    public string Name { get; } = name;

    public int LineNumber { get; } = lineNumber;

    public bool Keep { get; } = keep;

    public List<IcsContentLine> Properties { get; } = [];

    public List<IcsComponent> Children { get; } = [];

    /// <summary>The first malformed line inside, which makes an event unreadable.</summary>
    public int? MalformedLine { get; set; }

    public IcsContentLine? Property(string name) => Properties.Find(p => p.Name == name);

    public string? Value(string name) => Property(name)?.Value;
}

/// <summary>
/// Reads an RFC 5545 stream. Errors that make the whole file untrustworthy (not a calendar, truncated, a component not closed)
/// throw <see cref="IcsFormatException"/> with the line, because reading half a file would look like deleted events.
/// A bad value inside one event (a date, a duration, an RRULE) skips that event with a warning naming its line and UID
/// (see <see cref="IcsCalendar.UnreadableUids"/>); unknown properties and components (VTODO, VALARM, X-*) are ignored.
/// </summary>
public static class IcsParser
{
    public static IcsCalendar Parse(string text, IcsParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        return Parse(reader, options);
    }

    public static IcsCalendar Parse(TextReader reader, IcsParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= new IcsParserOptions();
        var warnings = new List<IcsWarning>();
        var calendar = ReadComponents(reader, warnings);

        var definitions = new Dictionary<string, IcsComponent>(StringComparer.Ordinal);
        foreach (var zone in calendar.Children.Where(c => c.Name == "VTIMEZONE"))
        {
            if (zone.Value("TZID")?.Trim() is { Length: > 0 } tzid)
            {
                definitions.TryAdd(tzid, zone);
            }
        }
        var zones = new IcsTimeZones(definitions);
        var defaultZone = DefaultZone(calendar, options, warnings);
        var events = new List<IcsEvent>();
        var reader2 = new EventReader(zones, defaultZone, warnings);
        foreach (var component in calendar.Children.Where(c => c.Name == "VEVENT"))
        {
            if (reader2.Read(component) is { } read)
            {
                events.Add(read);
            }
        }
        var name = calendar.Value("X-WR-CALNAME") is { } calendarName ? IcsText.Unescape(calendarName) : null;
        return new IcsCalendar(name, defaultZone, events, warnings);
    }

    private static IcsTimeZone DefaultZone(IcsComponent calendar, IcsParserOptions options, List<IcsWarning> warnings)
    {
        if (calendar.Property("X-WR-TIMEZONE") is { } named)
        {
            if (IcsTimeZones.FindSystemZone(named.Value) is { } zone)
            {
                return zone;
            }
            warnings.Add(
                new IcsWarning(named.LineNumber, null, $"X-WR-TIMEZONE '{named.Value}' is not a known zone; {options.DefaultTimeZone} is used.", false)
            );
        }
        return IcsTimeZones.FindSystemZone(options.DefaultTimeZone)
            ?? throw new ArgumentException($"'{options.DefaultTimeZone}' is not a known time zone.", nameof(options));
    }

    /// <summary>Every VCALENDAR in the stream merged into one; events keep their properties, time zones their observances.</summary>
    private static IcsComponent ReadComponents(TextReader text, List<IcsWarning> warnings)
    {
        var lines = new IcsLineReader(text);
        var calendar = new IcsComponent("VCALENDAR", 1, true);
        var open = new Stack<IcsComponent>();
        var sawCalendar = false;
        while (lines.ReadLine(out var number) is { } line)
        {
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var content = IcsContentLine.TryParse(line, number);
            if (!sawCalendar && (content is null || content.Name != "BEGIN" || !content.Value.Trim().Equals("VCALENDAR", StringComparison.OrdinalIgnoreCase)))
            {
                throw new IcsFormatException(number, "this is not an iCalendar file: it does not start with BEGIN:VCALENDAR.");
            }
            if (content is null)
            {
                if (open.TryPeek(out var inside))
                {
                    inside.MalformedLine ??= number;
                }
                warnings.Add(new IcsWarning(number, null, "A line that is not NAME:VALUE was ignored.", false));
                continue;
            }
            if (content.Name == "BEGIN")
            {
                var name = content.Value.Trim().ToUpperInvariant();
                if (open.Count == 0)
                {
                    if (name != "VCALENDAR")
                    {
                        throw new IcsFormatException(number, $"BEGIN:{name} outside of a VCALENDAR.");
                    }
                    sawCalendar = true;
                    open.Push(calendar);
                    continue;
                }
                var parent = open.Peek();
                var keep = parent == calendar ? name is "VEVENT" or "VTIMEZONE" : parent.Keep && parent.Name == "VTIMEZONE" && name is "STANDARD" or "DAYLIGHT";
                var component = new IcsComponent(name, number, keep);
                if (keep)
                {
                    parent.Children.Add(component);
                }
                open.Push(component);
                continue;
            }
            if (content.Name == "END")
            {
                var name = content.Value.Trim().ToUpperInvariant();
                if (open.Count == 0)
                {
                    throw new IcsFormatException(number, $"END:{name} without a matching BEGIN.");
                }
                var closing = open.Peek();
                if (closing.Name != name)
                {
                    throw new IcsFormatException(number, $"END:{name} does not close BEGIN:{closing.Name} from line {closing.LineNumber}.");
                }
                open.Pop();
                continue;
            }
            if (open.Count == 0)
            {
                continue;
            }
            if (open.Peek() is { Keep: true } current)
            {
                current.Properties.Add(content);
            }
        }
        if (!sawCalendar)
        {
            throw new IcsFormatException(Math.Max(1, lines.PhysicalLines), "the file is empty: it has no BEGIN:VCALENDAR.");
        }
        if (open.TryPeek(out var unclosed))
        {
            throw new IcsFormatException(
                Math.Max(1, lines.PhysicalLines),
                $"the file ends inside BEGIN:{unclosed.Name} from line {unclosed.LineNumber}: it is truncated (END:{unclosed.Name} is missing)."
            );
        }
        return calendar;
    }

    private sealed class EventReader(IcsTimeZones zones, IcsTimeZone defaultZone, List<IcsWarning> warnings)
    {
        public IcsEvent? Read(IcsComponent component)
        {
            var uid = component.Value("UID")?.Trim() is { Length: > 0 } written ? written : null;
            try
            {
                if (component.MalformedLine is { } malformed)
                {
                    throw new IcsValueException($"line {malformed} is not NAME:VALUE.");
                }
                if (uid is null)
                {
                    uid = GeneratedUid(component);
                    warnings.Add(new IcsWarning(component.LineNumber, uid, "The event has no UID; one was made from its start, summary and rule.", false));
                }
                return Build(component, uid);
            }
            catch (Exception ex) when (ex is IcsValueException or ArgumentException or FormatException or OverflowException)
            {
                warnings.Add(new IcsWarning(component.LineNumber, uid, $"The event was skipped: {ex.Message}", true));
                return null;
            }
        }

        private IcsEvent Build(IcsComponent component, string uid)
        {
            var startLine = component.Property("DTSTART") ?? throw new IcsValueException("it has no DTSTART.");
            var start = DateTimeValue(startLine, startLine.Value, uid);
            var duration = Duration(component, start, uid);
            var exact = component.Property("DTEND") is null && component.Property("DURATION") is not null && !start.IsDate;
            var rules = component.Properties.Where(p => p.Name == "RRULE").ToList();
            if (rules.Count > 1)
            {
                warnings.Add(new IcsWarning(rules[1].LineNumber, uid, "Only the first of several RRULEs is used.", false));
            }
            var recurrenceIdLine = component.Property("RECURRENCE-ID");
            return new IcsEvent
            {
                Uid = uid,
                Start = start,
                Duration = duration,
                HasExactDuration = exact,
                Summary = Text(component, "SUMMARY"),
                Description = Text(component, "DESCRIPTION"),
                Location = Text(component, "LOCATION"),
                IsCancelled = component.Value("STATUS")?.Trim().Equals("CANCELLED", StringComparison.OrdinalIgnoreCase) == true,
                IsFree = component.Value("TRANSP")?.Trim().Equals("TRANSPARENT", StringComparison.OrdinalIgnoreCase) == true,
                OrganizerEmail = component.Property("ORGANIZER") is { } organizer ? Email(organizer) : null,
                AttendeeEmails =
                [
                    .. component.Properties.Where(p => p.Name == "ATTENDEE").Select(Email).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase),
                ],
                Rule = rules.Count > 0 ? RecurrenceRule.Parse(rules[0].Value) : null,
                ExceptionDates =
                [
                    .. component
                        .Properties.Where(p => p.Name == "EXDATE")
                        .SelectMany(p =>
                            p.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => DateTimeValue(p, v, uid))
                        ),
                ],
                RecurrenceDates =
                [
                    .. component
                        .Properties.Where(p => p.Name == "RDATE")
                        .SelectMany(p =>
                            p.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => RecurrenceDate(p, v, uid))
                        ),
                ],
                RecurrenceId = recurrenceIdLine is null ? null : DateTimeValue(recurrenceIdLine, recurrenceIdLine.Value, uid),
                AppliesToFutureOccurrences = recurrenceIdLine?.Parameter("RANGE")?.Trim().Equals("THISANDFUTURE", StringComparison.OrdinalIgnoreCase) == true,
                Sequence = Sequence(component, uid),
                LineNumber = component.LineNumber,
            };
        }

        private TimeSpan Duration(IcsComponent component, IcsDateTime start, string uid)
        {
            TimeSpan duration;
            if (component.Property("DTEND") is { } endLine)
            {
                var end = DateTimeValue(endLine, endLine.Value, uid);
                duration = end.Zone == start.Zone && end.IsDate == start.IsDate ? end.Value - start.Value : end.ToUtc() - start.ToUtc();
            }
            else if (component.Value("DURATION") is { } text)
            {
                duration = IcsValues.ParseDuration(text);
            }
            else
            {
                return start.IsDate ? TimeSpan.FromDays(1) : TimeSpan.Zero;
            }
            if (duration < TimeSpan.Zero)
            {
                warnings.Add(new IcsWarning(component.LineNumber, uid, "The event ends before it starts; it is read as having no length.", false));
                return start.IsDate ? TimeSpan.FromDays(1) : TimeSpan.Zero;
            }
            return duration;
        }

        private IcsRecurrenceDate RecurrenceDate(IcsContentLine line, string value, string uid)
        {
            var slash = value.IndexOf('/');
            if (slash < 0)
            {
                return new IcsRecurrenceDate(DateTimeValue(line, value, uid), null);
            }
            var start = DateTimeValue(line, value[..slash], uid);
            var rest = value[(slash + 1)..];
            var duration =
                rest.StartsWith('P') || rest.StartsWith('+') || rest.StartsWith('-')
                    ? IcsValues.ParseDuration(rest)
                    : DateTimeValue(line, rest, uid).ToUtc() - start.ToUtc();
            return new IcsRecurrenceDate(start, duration < TimeSpan.Zero ? TimeSpan.Zero : duration);
        }

        private IcsDateTime DateTimeValue(IcsContentLine line, string value, string uid)
        {
            var clock = IcsValues.ParseDateTime(value, out var isDate, out var isUtc);
            if (isDate)
            {
                return new IcsDateTime(clock, IcsDateKind.Date, defaultZone);
            }
            if (isUtc)
            {
                return new IcsDateTime(clock, IcsDateKind.Utc, IcsTimeZone.Utc);
            }
            if (line.Parameter("TZID") is not { } tzid)
            {
                return new IcsDateTime(clock, IcsDateKind.Floating, defaultZone);
            }
            if (zones.Find(tzid, out var problem) is { } zone)
            {
                return new IcsDateTime(clock, IcsDateKind.Zoned, zone);
            }
            warnings.Add(new IcsWarning(line.LineNumber, uid, problem ?? $"The time zone '{tzid}' is not known; the time is read in {defaultZone.Id}.", false));
            return new IcsDateTime(clock, IcsDateKind.Zoned, defaultZone);
        }

        private int Sequence(IcsComponent component, string uid)
        {
            if (component.Property("SEQUENCE") is not { } line)
            {
                return 0;
            }
            if (int.TryParse(line.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return sequence;
            }
            warnings.Add(new IcsWarning(line.LineNumber, uid, $"SEQUENCE '{line.Value}' is not a number; 0 is used.", false));
            return 0;
        }

        private static string? Text(IcsComponent component, string name) => component.Value(name) is { } value ? IcsText.Unescape(value) : null;

        private static string? Email(IcsContentLine line) =>
            IcsText.MailtoAddress(line.Value) ?? (line.Parameter("EMAIL") is { } email && email.Contains('@') ? email.Trim() : null);

        private static string GeneratedUid(IcsComponent component)
        {
            var identity = $"{component.Value("DTSTART")}\n{component.Value("SUMMARY")}\n{component.Value("RRULE")}\n{component.Value("RECURRENCE-ID")}";
            return "generated-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
        }
    }
}
