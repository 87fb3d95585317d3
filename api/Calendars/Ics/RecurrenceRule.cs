namespace ClientReminders.Calendars.Ics;

public enum RecurrenceFrequency
{
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// <summary>A BYDAY entry: a weekday, with an ordinal (2MO, -1FR) or 0 for every such weekday.</summary>
public readonly record struct WeekdayOrdinal(int Ordinal, DayOfWeek Day);

/// <summary>An RRULE (RFC 5545 §3.3.10) for the frequencies reminders need: DAILY, WEEKLY, MONTHLY and YEARLY.</summary>
public sealed record RecurrenceRule
{
    public required RecurrenceFrequency Frequency { get; init; }

    public int Interval { get; init; } = 1;

    public int? Count { get; init; }

    /// <summary>The last allowed start, in the kind written (UTC, floating or DATE).</summary>
    public (DateTime Value, bool IsUtc, bool IsDate)? Until { get; init; }

    public IReadOnlyList<WeekdayOrdinal> ByDay { get; init; } = [];

    public IReadOnlyList<int> ByMonthDay { get; init; } = [];

    public IReadOnlyList<int> ByMonth { get; init; } = [];

    public IReadOnlyList<int> ByYearDay { get; init; } = [];

    public IReadOnlyList<int> ByWeekNo { get; init; } = [];

    public IReadOnlyList<int> BySetPos { get; init; } = [];

    public IReadOnlyList<int> ByHour { get; init; } = [];

    public IReadOnlyList<int> ByMinute { get; init; } = [];

    public IReadOnlyList<int> BySecond { get; init; } = [];

    public DayOfWeek WeekStart { get; init; } = DayOfWeek.Monday;

    /// <summary>Reads an RRULE value such as FREQ=MONTHLY;BYDAY=-1FR; a bad or unsupported part throws <see cref="IcsValueException"/>.</summary>
    internal static RecurrenceRule Parse(string value)
    {
        RecurrenceFrequency? frequency = null;
        var rule = new RecurrenceRule { Frequency = RecurrenceFrequency.Daily };
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw new IcsValueException($"RRULE part '{part}' has no value.");
            }
            var name = part[..equals].ToUpperInvariant();
            var text = part[(equals + 1)..];
            switch (name)
            {
                case "FREQ":
                    frequency = text.ToUpperInvariant() switch
                    {
                        "DAILY" => RecurrenceFrequency.Daily,
                        "WEEKLY" => RecurrenceFrequency.Weekly,
                        "MONTHLY" => RecurrenceFrequency.Monthly,
                        "YEARLY" => RecurrenceFrequency.Yearly,
                        "HOURLY" or "MINUTELY" or "SECONDLY" => throw new IcsValueException($"RRULE FREQ={text} is not supported."),
                        _ => throw new IcsValueException($"RRULE FREQ={text} is not a frequency."),
                    };
                    break;
                case "INTERVAL":
                    rule = rule with { Interval = Number(name, text, 1, 100_000) };
                    break;
                case "COUNT":
                    rule = rule with { Count = Number(name, text, 1, int.MaxValue) };
                    break;
                case "UNTIL":
                    var until = IcsValues.ParseDateTime(text, out var isDate, out var isUtc);
                    rule = rule with { Until = (until, isUtc, isDate) };
                    break;
                case "BYDAY":
                    rule = rule with { ByDay = [.. text.Split(',').Select(Weekday)] };
                    break;
                case "BYMONTHDAY":
                    rule = rule with { ByMonthDay = Numbers(name, text, -31, 31) };
                    break;
                case "BYMONTH":
                    rule = rule with { ByMonth = Numbers(name, text, 1, 12) };
                    break;
                case "BYYEARDAY":
                    rule = rule with { ByYearDay = Numbers(name, text, -366, 366) };
                    break;
                case "BYWEEKNO":
                    rule = rule with { ByWeekNo = Numbers(name, text, -53, 53) };
                    break;
                case "BYSETPOS":
                    rule = rule with { BySetPos = Numbers(name, text, -366, 366) };
                    break;
                case "BYHOUR":
                    rule = rule with { ByHour = Numbers(name, text, 0, 23, allowZero: true) };
                    break;
                case "BYMINUTE":
                    rule = rule with { ByMinute = Numbers(name, text, 0, 59, allowZero: true) };
                    break;
                case "BYSECOND":
                    rule = rule with { BySecond = Numbers(name, text, 0, 60, allowZero: true) };
                    break;
                case "WKST":
                    rule = rule with { WeekStart = Day(text) };
                    break;
                default:
                    // X-names and RSCALE-style extensions: ignored, as RFC 5545 asks of unknown parts.
                    break;
            }
        }
        if (frequency is null)
        {
            throw new IcsValueException("RRULE has no FREQ.");
        }
        return rule with { Frequency = frequency.Value };
    }

    private static int Number(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new IcsValueException($"RRULE {name}={text} is out of range.");

    private static int[] Numbers(string name, string text, int min, int max, bool allowZero = false) =>
        [
            .. text.Split(',', StringSplitOptions.TrimEntries)
                .Select(t =>
                    Number(name, t, min, max) is var n && (n != 0 || allowZero) ? n : throw new IcsValueException($"RRULE {name}={text} is out of range.")
                ),
        ];

    private static WeekdayOrdinal Weekday(string text)
    {
        text = text.Trim();
        if (text.Length < 2)
        {
            throw new IcsValueException($"RRULE BYDAY={text} is not a weekday.");
        }
        var ordinal = text.Length == 2 ? 0 : Number("BYDAY", text[..^2], -53, 53);
        if (text.Length > 2 && ordinal == 0)
        {
            throw new IcsValueException($"RRULE BYDAY={text} is not a weekday.");
        }
        return new WeekdayOrdinal(ordinal, Day(text[^2..]));
    }

    private static DayOfWeek Day(string text) =>
        text.ToUpperInvariant() switch
        {
            "MO" => DayOfWeek.Monday,
            "TU" => DayOfWeek.Tuesday,
            "WE" => DayOfWeek.Wednesday,
            "TH" => DayOfWeek.Thursday,
            "FR" => DayOfWeek.Friday,
            "SA" => DayOfWeek.Saturday,
            "SU" => DayOfWeek.Sunday,
            _ => throw new IcsValueException($"'{text}' is not a weekday."),
        };
}
