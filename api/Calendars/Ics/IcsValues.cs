namespace ClientReminders.Calendars.Ics;

internal static class IcsTime
{
    public static DateTimeOffset ToUtc(DateTime clock, TimeZoneInfo zone) =>
        zone == TimeZoneInfo.Utc
            ? new DateTimeOffset(DateTime.SpecifyKind(clock, DateTimeKind.Unspecified), TimeSpan.Zero)
            : ReminderTiming.ToInstant(clock, zone).ToUniversalTime();

    public static DateTime ToClock(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);
}

/// <summary>Parsers for DATE, DATE-TIME, DURATION and UTC-OFFSET values; a bad value throws <see cref="IcsValueException"/>.</summary>
internal static class IcsValues
{
    /// <summary>yyyyMMdd, or yyyyMMddTHHmmss with an optional Z; <paramref name="isDate"/> and <paramref name="isUtc"/> say which.</summary>
    public static DateTime ParseDateTime(ReadOnlySpan<char> text, out bool isDate, out bool isUtc)
    {
        text = text.Trim();
        isUtc = text.Length > 0 && (text[^1] == 'Z' || text[^1] == 'z');
        if (isUtc)
        {
            text = text[..^1];
        }
        isDate = text.Length == 8;
        if (!(isDate && !isUtc) && !(text.Length == 15 && (text[8] == 'T' || text[8] == 't')))
        {
            throw Bad(text);
        }
        var year = Digits(text, 0, 4);
        var month = Digits(text, 4, 2);
        var day = Digits(text, 6, 2);
        var (hour, minute, second) = isDate ? (0, 0, 0) : (Digits(text, 9, 2), Digits(text, 11, 2), Digits(text, 13, 2));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
        {
            throw Bad(text);
        }
        // A leap second is read as the last second of its minute.
        return new DateTime(year, month, day, hour, minute, Math.Min(second, 59), DateTimeKind.Unspecified);

        int Digits(ReadOnlySpan<char> s, int start, int length)
        {
            var value = 0;
            for (var i = start; i < start + length; i++)
            {
                if (s[i] is < '0' or > '9')
                {
                    throw Bad(s);
                }
                value = value * 10 + s[i] - '0';
            }
            return value;
        }
    }

    /// <summary>[+-]P[nW][nD][T[nH][nM][nS]].</summary>
    public static TimeSpan ParseDuration(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        var original = text.ToString();
        var negative = false;
        if (text.Length > 0 && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }
        if (text.Length < 2 || text[0] is not ('P' or 'p'))
        {
            throw new IcsValueException($"'{original}' is not a duration.");
        }
        var total = TimeSpan.Zero;
        var inTime = false;
        var number = -1L;
        foreach (var c in text[1..])
        {
            if (c is >= '0' and <= '9')
            {
                number = (number < 0 ? 0 : number * 10) + (c - '0');
                if (number > 100_000_000)
                {
                    throw new IcsValueException($"'{original}' is not a duration.");
                }
                continue;
            }
            var unit = char.ToUpperInvariant(c);
            if (unit == 'T' && number < 0 && !inTime)
            {
                inTime = true;
                continue;
            }
            if (number < 0)
            {
                throw new IcsValueException($"'{original}' is not a duration.");
            }
            total += (unit, inTime) switch
            {
                ('W', false) => TimeSpan.FromDays(7 * number),
                ('D', false) => TimeSpan.FromDays(number),
                ('H', true) => TimeSpan.FromHours(number),
                ('M', true) => TimeSpan.FromMinutes(number),
                ('S', true) => TimeSpan.FromSeconds(number),
                _ => throw new IcsValueException($"'{original}' is not a duration."),
            };
            number = -1;
        }
        if (number >= 0)
        {
            throw new IcsValueException($"'{original}' is not a duration.");
        }
        return negative ? -total : total;
    }

    /// <summary>UTC-OFFSET: +hhmm or -hhmm[ss].</summary>
    public static TimeSpan ParseUtcOffset(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (
            text.Length is not (5 or 7)
            || text[0] is not ('+' or '-')
            || !int.TryParse(text[1..3], out var hours)
            || !int.TryParse(text[3..5], out var minutes)
            || hours > 23
            || minutes > 59
        )
        {
            throw new IcsValueException($"'{text}' is not a UTC offset.");
        }
        var offset = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -offset : offset;
    }

    private static IcsValueException Bad(ReadOnlySpan<char> text) => new($"'{text}' is not a valid date or date-time.");
}
