namespace ClientReminders.Calendars.Ics;

/// <summary>
/// Finds the zone a TZID names: a system zone when the name is IANA or Windows ("W. Europe Standard Time") or ends in an IANA name
/// ("/citadel.org/20190914_1/Europe/London"); otherwise the feed's own VTIMEZONE, built from its STANDARD and DAYLIGHT rules.
/// System zones win over an embedded definition of the same name: they know the zone's history, the feed only its current rules.
/// </summary>
internal sealed class IcsTimeZones(IReadOnlyDictionary<string, IcsComponent> embedded)
{
    private readonly Dictionary<string, IcsTimeZone?> resolved = new(StringComparer.Ordinal);

    /// <summary>The zone, or null when the name is unknown and the feed does not define it.</summary>
    public IcsTimeZone? Find(string tzid, out string? problem)
    {
        problem = null;
        if (resolved.TryGetValue(tzid, out var known))
        {
            return known;
        }
        var zone = FindSystemZone(tzid);
        if (zone is null && embedded.TryGetValue(tzid, out var definition))
        {
            try
            {
                zone = FromDefinition(tzid, definition);
            }
            catch (Exception ex) when (ex is IcsValueException or ArgumentException or InvalidTimeZoneException)
            {
                problem = $"The time zone '{tzid}' defined at line {definition.LineNumber} cannot be read: {ex.Message}";
            }
        }
        resolved[tzid] = zone;
        return zone;
    }

    public static IcsTimeZone? FindSystemZone(string name)
    {
        name = name.Trim().Trim('"');
        if (name.Length == 0)
        {
            return null;
        }
        if (name is "UTC" or "Z" or "GMT" or "Etc/UTC")
        {
            return IcsTimeZone.Utc;
        }
        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(name, out var ianaFromWindows) && TryFindIana(ianaFromWindows, out var fromWindows))
        {
            return fromWindows;
        }
        if (TryFindIana(name, out var zone))
        {
            return zone;
        }
        for (var slash = name.IndexOf('/'); slash >= 0; slash = name.IndexOf('/', slash + 1))
        {
            if (TryFindIana(name[(slash + 1)..], out var suffixZone))
            {
                return suffixZone;
            }
        }
        return null;
    }

    private static bool TryFindIana(string name, out IcsTimeZone? zone)
    {
        zone = null;
        if (name.Length == 0 || !TimeZoneInfo.TryFindSystemTimeZoneById(name, out var info))
        {
            return false;
        }
        if (!info.HasIanaId)
        {
            if (!TimeZoneInfo.TryConvertWindowsIdToIanaId(info.Id, out var iana) || !TimeZoneInfo.TryFindSystemTimeZoneById(iana, out info))
            {
                return false;
            }
        }
        zone = new IcsTimeZone(info.Id, info, true);
        return true;
    }

    /// <summary>A zone from the latest STANDARD and DAYLIGHT observances: yearly RRULEs become .NET adjustment rules.</summary>
    private static IcsTimeZone FromDefinition(string tzid, IcsComponent definition)
    {
        var standard = Latest(definition, "STANDARD");
        var daylight = Latest(definition, "DAYLIGHT");
        if (standard is null && daylight is null)
        {
            throw new IcsValueException("it has no STANDARD or DAYLIGHT observance.");
        }
        if (standard is null || daylight is null || daylight.Value.Rule is null || standard.Value.Rule is null)
        {
            // No recurring daylight saving time: the latest observance's offset holds from then on.
            var last = new[] { standard, daylight }.Where(o => o is not null).Select(o => o!.Value).MaxBy(o => o.Start);
            return new IcsTimeZone(tzid, TimeZoneInfo.CreateCustomTimeZone(tzid, last.OffsetTo, tzid, tzid), false);
        }
        var baseOffset = standard.Value.OffsetTo;
        var adjustment = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            DateTime.MinValue.Date,
            DateTime.MaxValue.Date,
            daylight.Value.OffsetTo - baseOffset,
            Transition(daylight.Value),
            Transition(standard.Value)
        );
        return new IcsTimeZone(tzid, TimeZoneInfo.CreateCustomTimeZone(tzid, baseOffset, tzid, tzid, tzid, [adjustment]), false);
    }

    private static (DateTime Start, TimeSpan OffsetTo, RecurrenceRule? Rule)? Latest(IcsComponent definition, string kind)
    {
        (DateTime Start, TimeSpan OffsetTo, RecurrenceRule? Rule)? latest = null;
        foreach (var observance in definition.Children.Where(c => c.Name == kind))
        {
            var start = IcsValues.ParseDateTime(observance.Value("DTSTART") ?? throw new IcsValueException($"{kind} has no DTSTART."), out _, out _);
            var offsetTo = IcsValues.ParseUtcOffset(observance.Value("TZOFFSETTO") ?? throw new IcsValueException($"{kind} has no TZOFFSETTO."));
            var rule = observance.Value("RRULE") is { } text ? RecurrenceRule.Parse(text) : null;
            if (latest is null || start > latest.Value.Start)
            {
                latest = (start, offsetTo, rule);
            }
        }
        return latest;
    }

    private static TimeZoneInfo.TransitionTime Transition((DateTime Start, TimeSpan OffsetTo, RecurrenceRule? Rule) observance)
    {
        var rule = observance.Rule!;
        if (rule.Frequency != RecurrenceFrequency.Yearly || rule.ByMonth.Count != 1)
        {
            throw new IcsValueException("only yearly rules in one month are understood.");
        }
        var timeOfDay = new DateTime(1, 1, 1) + observance.Start.TimeOfDay;
        var month = rule.ByMonth[0];
        if (rule.ByDay is [var weekday] && weekday.Ordinal is >= -1 and <= 4 && weekday.Ordinal != 0 && rule.ByMonthDay.Count == 0)
        {
            return TimeZoneInfo.TransitionTime.CreateFloatingDateRule(timeOfDay, month, weekday.Ordinal == -1 ? 5 : weekday.Ordinal, weekday.Day);
        }
        if (
            rule.ByDay is [{ Ordinal: 0 } everyWeekday]
            && rule.ByMonthDay.Count == 7
            && rule.ByMonthDay.Min() > 0
            && rule.ByMonthDay.Max() - rule.ByMonthDay.Min() == 6
        )
        {
            // The older form of "second Sunday": BYDAY=SU;BYMONTHDAY=8,9,10,11,12,13,14.
            return TimeZoneInfo.TransitionTime.CreateFloatingDateRule(timeOfDay, month, (rule.ByMonthDay.Min() - 1) / 7 + 1, everyWeekday.Day);
        }
        if (rule.ByDay.Count == 0 && rule.ByMonthDay is [var day] && day > 0)
        {
            return TimeZoneInfo.TransitionTime.CreateFixedDateRule(timeOfDay, month, day);
        }
        if (rule.ByDay.Count == 0 && rule.ByMonthDay.Count == 0)
        {
            return TimeZoneInfo.TransitionTime.CreateFixedDateRule(timeOfDay, month, observance.Start.Day);
        }
        throw new IcsValueException("its transition rule is not understood.");
    }
}
