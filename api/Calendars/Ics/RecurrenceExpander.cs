namespace ClientReminders.Calendars.Ics;

public sealed record IcsExpansionOptions
{
    /// <summary>More occurrences than this in the window fail the whole feed with <see cref="IcsLimitExceededException"/>.</summary>
    public int MaxOccurrences { get; init; } = 5_000;

    /// <summary>Recurrence periods (days, weeks, months or years) one series may step through; beyond, the series is skipped with a warning.</summary>
    public int MaxPeriodsPerSeries { get; init; } = 100_000;

    /// <summary>Recurrence periods the whole feed may step through; beyond, the feed fails with <see cref="IcsLimitExceededException"/>.</summary>
    public int MaxPeriodsPerFeed { get; init; } = 2_000_000;
}

/// <summary>The occurrences starting in the window, ordered by start, and what could not be expanded.</summary>
public sealed record IcsExpansion(IReadOnlyList<IcsOccurrence> Occurrences, IReadOnlyList<IcsWarning> Warnings)
{
    /// <summary>UIDs skipped when parsing or expanding: none of their occurrences are listed; keep their previous state.</summary>
    public IReadOnlySet<string> UnreadableUids { get; } =
        Warnings.Where(w => w.SkippedEvent && w.Uid is not null).Select(w => w.Uid!).ToHashSet(StringComparer.Ordinal);
}

/// <summary>
/// Expands events into the occurrences that start in [from, to): RRULE, RDATE, EXDATE and RECURRENCE-ID overrides (a moved
/// occurrence is listed at its new time with its original start as key, a cancelled one with <see cref="IcsOccurrence.IsCancelled"/>;
/// RANGE=THISANDFUTURE carries the override's shift and details to later occurrences). Recurrence runs on the event's own clock,
/// so a weekly 09:00 stays 09:00 local across DST. DTSTART is always the first occurrence, as RFC 5545 counts it.
/// </summary>
public static class RecurrenceExpander
{
    public static IcsExpansion Expand(IcsCalendar calendar, DateTimeOffset from, DateTimeOffset to, IcsExpansionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        options ??= new IcsExpansionOptions();
        if (to <= from)
        {
            return new IcsExpansion([], calendar.Warnings);
        }
        var warnings = new List<IcsWarning>(calendar.Warnings);
        var budget = new Budget(options);
        var occurrences = new List<IcsOccurrence>();
        var unreadable = new HashSet<string>(calendar.UnreadableUids, StringComparer.Ordinal);
        var masters = new Dictionary<string, IcsEvent>(StringComparer.Ordinal);
        var overrides = new Dictionary<string, Dictionary<DateTimeOffset, IcsEvent>>(StringComparer.Ordinal);

        foreach (var item in calendar.Events)
        {
            if (item.RecurrenceId is { } recurrenceId)
            {
                var forSeries = overrides.TryGetValue(item.Uid, out var existing) ? existing : overrides[item.Uid] = [];
                var original = OriginalKey(recurrenceId, item.IsAllDay);
                if (!forSeries.TryGetValue(original, out var other) || item.Sequence >= other.Sequence)
                {
                    forSeries[original] = item;
                }
            }
            else if (masters.TryGetValue(item.Uid, out var other))
            {
                warnings.Add(
                    new IcsWarning(
                        item.LineNumber,
                        item.Uid,
                        $"The UID is also used by the event at line {other.LineNumber}; the one with the higher SEQUENCE (or the later one) is used.",
                        false
                    )
                );
                if (item.Sequence >= other.Sequence)
                {
                    masters[item.Uid] = item;
                }
            }
            else
            {
                masters[item.Uid] = item;
            }
        }

        foreach (var master in masters.Values)
        {
            if (unreadable.Contains(master.Uid))
            {
                continue;
            }
            var seriesOverrides = overrides.GetValueOrDefault(master.Uid);
            try
            {
                budget.StartSeries();
                var series = new List<IcsOccurrence>();
                ExpandMaster(master, seriesOverrides, calendar.DefaultTimeZone, from, to, budget, series);
                occurrences.AddRange(series);
            }
            catch (SeriesTooLongException)
            {
                unreadable.Add(master.Uid);
                warnings.Add(
                    new IcsWarning(
                        master.LineNumber,
                        master.Uid,
                        $"The recurrence steps through more than {options.MaxPeriodsPerSeries:N0} periods before the window ends; the series was skipped.",
                        true
                    )
                );
            }
            CheckCount(occurrences, options, from, to);
        }

        foreach (var (uid, forSeries) in overrides)
        {
            if (unreadable.Contains(uid))
            {
                continue;
            }
            foreach (var (original, item) in forSeries)
            {
                var occurrence = Occurrence(item, item.Start, original, calendar.DefaultTimeZone);
                if (occurrence.StartUtc >= from && occurrence.StartUtc < to)
                {
                    occurrences.Add(occurrence);
                }
            }
            CheckCount(occurrences, options, from, to);
        }

        occurrences.Sort((a, b) => a.StartUtc != b.StartUtc ? a.StartUtc.CompareTo(b.StartUtc) : string.CompareOrdinal(a.Key, b.Key));
        return new IcsExpansion(occurrences, warnings);
    }

    private static void CheckCount(List<IcsOccurrence> occurrences, IcsExpansionOptions options, DateTimeOffset from, DateTimeOffset to)
    {
        if (occurrences.Count > options.MaxOccurrences)
        {
            throw new IcsLimitExceededException(
                $"The calendar has more than {options.MaxOccurrences:N0} occurrences between {from:yyyy-MM-dd} and {to:yyyy-MM-dd}; it was not read."
            );
        }
    }

    private static void ExpandMaster(
        IcsEvent master,
        Dictionary<DateTimeOffset, IcsEvent>? overrides,
        IcsTimeZone calendarZone,
        DateTimeOffset from,
        DateTimeOffset to,
        Budget budget,
        List<IcsOccurrence> output
    )
    {
        if (master.Rule is null && master.RecurrenceDates.Count == 0)
        {
            var single = Occurrence(master, master.Start, null, calendarZone);
            if (single.StartUtc >= from && single.StartUtc < to)
            {
                output.Add(single);
            }
            return;
        }

        var zone = master.Start.Zone.Info;
        var futureChanges = (overrides?.Values ?? Enumerable.Empty<IcsEvent>())
            .Where(o => o.AppliesToFutureOccurrences)
            .Select(o => (Original: OriginalKey(o.RecurrenceId!.Value, master.IsAllDay), Template: o, Shift: Shift(master, o)))
            .OrderBy(c => c.Original)
            .ToList();
        var margin = TimeSpan.FromDays(1) + futureChanges.Select(c => c.Shift.Duration()).DefaultIfEmpty().Max();
        var excludedInstants = new HashSet<DateTimeOffset>();
        var excludedDates = new HashSet<DateTime>();
        foreach (var exception in master.ExceptionDates)
        {
            if (exception.IsDate)
            {
                excludedDates.Add(exception.Value.Date);
            }
            else
            {
                excludedInstants.Add(OriginalKey(exception, master.IsAllDay));
            }
        }

        var windowStart = IcsTime.ToClock(from - margin, zone);
        var windowEnd = IcsTime.ToClock(to + margin, zone);
        var seen = new HashSet<DateTimeOffset>();
        var instances = master.Rule is null ? [master.Start.Value] : RuleInstances(master, master.Rule, windowStart, windowEnd, budget);
        var extra = master.RecurrenceDates.Select(r => (Clock: master.IsAllDay ? r.Start.Value.Date : IcsTime.ToClock(r.Start.ToUtc(), zone), r.Duration));
        foreach (var (clock, ownDuration) in instances.Select(c => (Clock: c, Duration: (TimeSpan?)null)).Concat(extra))
        {
            if (clock < windowStart || clock > windowEnd)
            {
                continue;
            }
            var instant = master.IsAllDay ? new DateTimeOffset(clock.Date, TimeSpan.Zero) : IcsTime.ToUtc(clock, zone);
            if (!seen.Add(instant) || excludedInstants.Contains(instant) || excludedDates.Contains(clock.Date) || overrides?.ContainsKey(instant) == true)
            {
                continue;
            }
            var template = master;
            var shift = TimeSpan.Zero;
            foreach (var change in futureChanges)
            {
                if (change.Original <= instant)
                {
                    (template, shift) = (change.Template, change.Shift);
                }
            }
            var start = master.Start with { Value = clock + shift };
            var occurrence = Occurrence(
                ownDuration is { } period ? template with { Duration = period, HasExactDuration = !master.IsAllDay } : template,
                start,
                instant,
                calendarZone
            );
            if (occurrence.StartUtc >= from && occurrence.StartUtc < to)
            {
                output.Add(occurrence);
            }
        }
    }

    /// <summary>How far a THISANDFUTURE override moves its occurrences, on the series' clock.</summary>
    private static TimeSpan Shift(IcsEvent master, IcsEvent change)
    {
        var zone = master.Start.Zone.Info;
        var original = change.RecurrenceId!.Value;
        if (master.IsAllDay)
        {
            return change.Start.Value.Date - original.Value.Date;
        }
        return IcsTime.ToClock(change.Start.ToUtc(), zone) - IcsTime.ToClock(original.ToUtc(), zone);
    }

    /// <summary>The key an occurrence's original start is matched by: the instant, or for all-day events the date at 00:00 UTC.</summary>
    private static DateTimeOffset OriginalKey(IcsDateTime value, bool allDay) =>
        allDay || value.IsDate ? new DateTimeOffset(value.Value.Date, TimeSpan.Zero) : value.ToUtc();

    private static IcsOccurrence Occurrence(IcsEvent item, IcsDateTime start, DateTimeOffset? recurrenceId, IcsTimeZone calendarZone)
    {
        var display = start.Kind == IcsDateKind.Utc ? calendarZone : start.Zone;
        DateTime localStart,
            localEnd;
        DateTimeOffset startUtc,
            endUtc;
        if (start.Kind == IcsDateKind.Utc)
        {
            startUtc = new DateTimeOffset(start.Value, TimeSpan.Zero);
            endUtc = startUtc + item.Duration;
            localStart = IcsTime.ToClock(startUtc, display.Info);
            localEnd = IcsTime.ToClock(endUtc, display.Info);
        }
        else if (item.HasExactDuration)
        {
            localStart = start.Value;
            startUtc = IcsTime.ToUtc(localStart, display.Info);
            var days = TimeSpan.FromDays(item.Duration.Days);
            endUtc = IcsTime.ToUtc(localStart + days, display.Info) + (item.Duration - days);
            localEnd = IcsTime.ToClock(endUtc, display.Info);
        }
        else
        {
            localStart = start.Value;
            localEnd = start.Value + item.Duration;
            startUtc = IcsTime.ToUtc(localStart, display.Info);
            endUtc = IcsTime.ToUtc(localEnd, display.Info);
        }
        return new IcsOccurrence
        {
            Uid = item.Uid,
            RecurrenceId = recurrenceId,
            StartUtc = startUtc,
            EndUtc = endUtc < startUtc ? startUtc : endUtc,
            TimeZone = display.Id,
            IsIanaTimeZone = display.IsIana,
            Start = localStart,
            End = localEnd,
            IsAllDay = start.IsDate,
            IsCancelled = item.IsCancelled,
            IsFree = item.IsFree,
            Summary = item.Summary,
            Description = item.Description,
            Location = item.Location,
            OrganizerEmail = item.OrganizerEmail,
            AttendeeEmails = item.AttendeeEmails,
            Sequence = item.Sequence,
        };
    }

    /// <summary>
    /// The rule's starts on the series' clock, in order, from DTSTART until COUNT, UNTIL or the window's end. Without COUNT the
    /// periods before the window are skipped arithmetically; with COUNT they must be counted, within the period budget.
    /// </summary>
    private static IEnumerable<DateTime> RuleInstances(IcsEvent master, RecurrenceRule rule, DateTime windowStart, DateTime windowEnd, Budget budget)
    {
        var start = master.Start.Value;
        var zone = master.Start.Zone.Info;
        var count = 1;
        yield return start;
        if (rule.Count == 1)
        {
            yield break;
        }
        var firstPeriod = FirstPeriodStart(rule, start);
        var skip = rule.Count is null ? PeriodsBefore(rule, firstPeriod, windowStart.Date.AddDays(-1)) : 0;
        var times = master.IsAllDay ? [TimeSpan.Zero] : Times(rule, start);
        var candidates = new List<DateTime>();
        for (var period = skip; ; period++)
        {
            budget.Spend();
            if (PeriodStart(rule, firstPeriod, period) is not { } periodStart || periodStart > windowEnd)
            {
                yield break;
            }
            candidates.Clear();
            PeriodCandidates(rule, start, periodStart, times, candidates);
            foreach (var candidate in candidates)
            {
                if (candidate <= start)
                {
                    continue;
                }
                if (PastUntil(rule, candidate, zone) || count >= rule.Count)
                {
                    yield break;
                }
                count++;
                yield return candidate;
            }
        }
    }

    private static bool PastUntil(RecurrenceRule rule, DateTime candidate, TimeZoneInfo zone) =>
        rule.Until switch
        {
            null => false,
            { IsDate: true } until => candidate.Date > until.Value.Date,
            { IsUtc: true } until => IcsTime.ToUtc(candidate, zone) > new DateTimeOffset(until.Value, TimeSpan.Zero),
            var until => candidate > until.Value.Value,
        };

    private static DateTime FirstPeriodStart(RecurrenceRule rule, DateTime start) =>
        rule.Frequency switch
        {
            RecurrenceFrequency.Daily => start.Date,
            RecurrenceFrequency.Weekly => start.Date.AddDays(-(((int)start.DayOfWeek - (int)rule.WeekStart + 7) % 7)),
            RecurrenceFrequency.Monthly => new DateTime(start.Year, start.Month, 1),
            _ => new DateTime(start.Year, 1, 1),
        };

    private static int PeriodsBefore(RecurrenceRule rule, DateTime firstPeriod, DateTime target)
    {
        if (target <= firstPeriod)
        {
            return 0;
        }
        var units = rule.Frequency switch
        {
            RecurrenceFrequency.Daily => (target - firstPeriod).Days,
            RecurrenceFrequency.Weekly => (target - firstPeriod).Days / 7,
            RecurrenceFrequency.Monthly => (target.Year - firstPeriod.Year) * 12 + target.Month - firstPeriod.Month,
            _ => target.Year - firstPeriod.Year,
        };
        return units / rule.Interval;
    }

    private static DateTime? PeriodStart(RecurrenceRule rule, DateTime firstPeriod, int period)
    {
        var steps = (long)period * rule.Interval;
        var last = new DateTime(9998, 1, 1);
        return rule.Frequency switch
        {
            RecurrenceFrequency.Daily => steps < (last - firstPeriod).Days ? firstPeriod.AddDays(steps) : null,
            RecurrenceFrequency.Weekly => steps * 7 < (last - firstPeriod).Days ? firstPeriod.AddDays(steps * 7) : null,
            RecurrenceFrequency.Monthly => steps < (last.Year - firstPeriod.Year) * 12 ? firstPeriod.AddMonths((int)steps) : null,
            _ => steps < last.Year - firstPeriod.Year ? firstPeriod.AddYears((int)steps) : null,
        };
    }

    private static TimeSpan[] Times(RecurrenceRule rule, DateTime start)
    {
        IEnumerable<int> hours = rule.ByHour.Count > 0 ? rule.ByHour : [start.Hour];
        IEnumerable<int> minutes = rule.ByMinute.Count > 0 ? rule.ByMinute : [start.Minute];
        IEnumerable<int> seconds = rule.BySecond.Count > 0 ? rule.BySecond : [start.Second];
        return
        [
            .. (from h in hours from m in minutes from s in seconds select new TimeSpan(h, m, Math.Min(s, 59)))
                .Distinct()
                .Order(),
        ];
    }

    private static void PeriodCandidates(RecurrenceRule rule, DateTime start, DateTime periodStart, TimeSpan[] times, List<DateTime> candidates)
    {
        var days = rule.Frequency switch
        {
            RecurrenceFrequency.Daily => 1,
            RecurrenceFrequency.Weekly => 7,
            RecurrenceFrequency.Monthly => DateTime.DaysInMonth(periodStart.Year, periodStart.Month),
            _ => DateTime.IsLeapYear(periodStart.Year) ? 366 : 365,
        };
        for (var i = 0; i < days; i++)
        {
            var day = periodStart.AddDays(i);
            if (Matches(rule, start, day))
            {
                foreach (var time in times)
                {
                    candidates.Add(day + time);
                }
            }
        }
        if (rule.BySetPos.Count > 0 && candidates.Count > 0)
        {
            var all = candidates.ToArray();
            candidates.Clear();
            foreach (var position in rule.BySetPos)
            {
                var index = position > 0 ? position - 1 : all.Length + position;
                if (index >= 0 && index < all.Length)
                {
                    candidates.Add(all[index]);
                }
            }
            candidates.Sort();
            for (var i = candidates.Count - 1; i > 0; i--)
            {
                if (candidates[i] == candidates[i - 1])
                {
                    candidates.RemoveAt(i);
                }
            }
        }
    }

    private static bool Matches(RecurrenceRule rule, DateTime start, DateTime day)
    {
        if (rule.ByMonth.Count > 0 && !rule.ByMonth.Contains(day.Month))
        {
            return false;
        }
        var daysInMonth = DateTime.DaysInMonth(day.Year, day.Month);
        if (rule.ByMonthDay.Count > 0 && !rule.ByMonthDay.Any(n => n > 0 ? day.Day == n : daysInMonth + n + 1 == day.Day))
        {
            return false;
        }
        var daysInYear = DateTime.IsLeapYear(day.Year) ? 366 : 365;
        if (rule.ByYearDay.Count > 0 && !rule.ByYearDay.Any(n => n > 0 ? day.DayOfYear == n : daysInYear + n + 1 == day.DayOfYear))
        {
            return false;
        }
        if (rule.ByWeekNo.Count > 0 && rule.Frequency == RecurrenceFrequency.Yearly && !MatchesWeekNumber(rule, day))
        {
            return false;
        }
        if (rule.ByDay.Count > 0 && !rule.ByDay.Any(weekday => weekday.Day == day.DayOfWeek && MatchesOrdinal(rule, weekday.Ordinal, day)))
        {
            return false;
        }
        var noDayParts = rule.ByDay.Count == 0 && rule.ByMonthDay.Count == 0 && rule.ByYearDay.Count == 0;
        return rule.Frequency switch
        {
            RecurrenceFrequency.Weekly => rule.ByDay.Count > 0 || day.DayOfWeek == start.DayOfWeek,
            RecurrenceFrequency.Monthly => !noDayParts || day.Day == start.Day,
            RecurrenceFrequency.Yearly when noDayParts && rule.ByWeekNo.Count > 0 => day.DayOfWeek == start.DayOfWeek,
            RecurrenceFrequency.Yearly when noDayParts => day.Day == start.Day && (rule.ByMonth.Count > 0 || day.Month == start.Month),
            _ => true,
        };
    }

    /// <summary>2MO is the second Monday of the month (MONTHLY, or YEARLY with BYMONTH) or of the year (YEARLY); -1FR the last Friday.</summary>
    private static bool MatchesOrdinal(RecurrenceRule rule, int ordinal, DateTime day)
    {
        if (ordinal == 0 || rule.Frequency is RecurrenceFrequency.Daily or RecurrenceFrequency.Weekly)
        {
            return true;
        }
        var inYear = rule.Frequency == RecurrenceFrequency.Yearly && rule.ByMonth.Count == 0;
        var (position, length) = inYear ? (day.DayOfYear, DateTime.IsLeapYear(day.Year) ? 366 : 365) : (day.Day, DateTime.DaysInMonth(day.Year, day.Month));
        return ordinal > 0 ? (position - 1) / 7 + 1 == ordinal : (length - position) / 7 + 1 == -ordinal;
    }

    private static bool MatchesWeekNumber(RecurrenceRule rule, DateTime day)
    {
        var firstWeek = FirstWeekStart(day.Year, rule.WeekStart);
        var weeksInYear = (FirstWeekStart(day.Year + 1, rule.WeekStart) - firstWeek).Days / 7;
        var week = day < firstWeek ? -1 : (day - firstWeek).Days / 7 + 1;
        if (week < 1 || week > weeksInYear)
        {
            return false;
        }
        return rule.ByWeekNo.Any(n => n > 0 ? week == n : weeksInYear + n + 1 == week);
    }

    /// <summary>Week 1 is the first week with at least four days in the year, weeks starting on WKST.</summary>
    private static DateTime FirstWeekStart(int year, DayOfWeek weekStart)
    {
        var january1 = new DateTime(year, 1, 1);
        var intoWeek = ((int)january1.DayOfWeek - (int)weekStart + 7) % 7;
        return intoWeek <= 3 ? january1.AddDays(-intoWeek) : january1.AddDays(7 - intoWeek);
    }

    private sealed class SeriesTooLongException : Exception;

    private sealed class Budget(IcsExpansionOptions options)
    {
        private int series;
        private int feed;

        public void StartSeries() => series = 0;

        public void Spend()
        {
            if (++feed > options.MaxPeriodsPerFeed)
            {
                throw new IcsLimitExceededException(
                    $"The calendar's recurrences step through more than {options.MaxPeriodsPerFeed:N0} periods; it was not read."
                );
            }
            if (++series > options.MaxPeriodsPerSeries)
            {
                throw new SeriesTooLongException();
            }
        }
    }
}
