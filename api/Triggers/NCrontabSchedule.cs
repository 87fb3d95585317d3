namespace ClientReminders.Triggers;

/// <summary>A six-field NCRONTAB expression ({second} {minute} {hour} {day} {month} {day-of-week}), evaluated in UTC as the Functions host does by default.</summary>
public sealed class NCrontabSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] _seconds;
    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _days;
    private readonly bool[] _months;
    private readonly bool[] _daysOfWeek;
    private readonly bool _dayIsWildcard;
    private readonly bool _dayOfWeekIsWildcard;

    private NCrontabSchedule(string expression, string[] fields)
    {
        Expression = expression;
        _seconds = ParseField(fields[0], 0, 59, null, "second");
        _minutes = ParseField(fields[1], 0, 59, null, "minute");
        _hours = ParseField(fields[2], 0, 23, null, "hour");
        _days = ParseField(fields[3], 1, 31, null, "day");
        _months = ParseField(fields[4], 1, 12, MonthNames, "month");
        _daysOfWeek = ParseField(fields[5], 0, 7, DayNames, "day-of-week");
        _daysOfWeek[0] |= _daysOfWeek[7];
        _dayIsWildcard = fields[3] is "*" or "?";
        _dayOfWeekIsWildcard = fields[5] is "*" or "?";
    }

    public string Expression { get; }

    public static NCrontabSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            throw new FormatException($"'{expression}' has {fields.Length} fields; an NCRONTAB schedule needs 6: second minute hour day month day-of-week.");
        }
        return new NCrontabSchedule(expression, fields);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public DateTimeOffset GetNextOccurrence(DateTimeOffset after)
    {
        var start = after.UtcDateTime;
        var candidate = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, DateTimeKind.Utc).AddSeconds(1);
        var limit = candidate.AddYears(5);

        while (candidate < limit)
        {
            if (!_months[candidate.Month])
            {
                candidate = new DateTime(candidate.Year, candidate.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
                continue;
            }
            if (!DayMatches(candidate))
            {
                candidate = candidate.Date.AddDays(1);
                continue;
            }
            if (!_hours[candidate.Hour])
            {
                candidate = candidate.Date.AddHours(candidate.Hour + 1);
                continue;
            }
            if (!_minutes[candidate.Minute])
            {
                candidate = candidate.Date.AddHours(candidate.Hour).AddMinutes(candidate.Minute + 1);
                continue;
            }
            if (!_seconds[candidate.Second])
            {
                candidate = candidate.AddSeconds(1);
                continue;
            }
            return new DateTimeOffset(candidate);
        }
        throw new InvalidOperationException($"The schedule '{Expression}' has no occurrence in the next five years.");
    }

    // As in cron: when both day fields are restricted, either may match.
    private bool DayMatches(DateTime date)
    {
        var day = _days[date.Day];
        var dayOfWeek = _daysOfWeek[(int)date.DayOfWeek];
        return (_dayIsWildcard, _dayOfWeekIsWildcard) switch
        {
            (true, true) => true,
            (true, false) => dayOfWeek,
            (false, true) => day,
            _ => day || dayOfWeek,
        };
    }

    private static bool[] ParseField(string field, int min, int max, string[]? names, string fieldName)
    {
        var allowed = new bool[max + 1];
        foreach (var part in field.Split(','))
        {
            var (range, step) = SplitStep(part, field, fieldName);
            int from, to;
            if (range is "*" or "?")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var low, var high])
            {
                from = ParseValue(low, min, max, names, field, fieldName);
                to = ParseValue(high, min, max, names, field, fieldName);
                if (from > to)
                {
                    throw new FormatException($"The {fieldName} range '{range}' in '{field}' runs backwards.");
                }
            }
            else
            {
                from = ParseValue(range, min, max, names, field, fieldName);
                to = step > 1 ? max : from;
            }
            for (var value = from; value <= to; value += step)
            {
                allowed[value] = true;
            }
        }
        return allowed;
    }

    private static (string Range, int Step) SplitStep(string part, string field, string fieldName)
    {
        var slash = part.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return (part, 1);
        }
        if (!int.TryParse(part.AsSpan(slash + 1), out var step) || step < 1)
        {
            throw new FormatException($"The {fieldName} step in '{field}' must be a positive number.");
        }
        return (part[..slash], step);
    }

    private static int ParseValue(string text, int min, int max, string[]? names, string field, string fieldName)
    {
        if (int.TryParse(text, out var number))
        {
            return number >= min && number <= max
                ? number
                : throw new FormatException($"The {fieldName} value {number} in '{field}' is outside {min}-{max}.");
        }
        var index = names is null ? -1 : Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? index + (min == 1 ? 1 : 0)
            : throw new FormatException($"'{text}' is not a valid {fieldName} in '{field}'.");
    }
}
