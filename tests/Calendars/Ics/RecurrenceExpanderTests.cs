using System.Diagnostics;
using static ClientReminders.Tests.Calendars.Ics.IcsFeeds;

namespace ClientReminders.Tests.Calendars.Ics;

public class RecurrenceExpanderTests
{
    private static IEnumerable<DateTime> Starts(string start, string rule, int year = 2026, params string[] more) =>
        ExpandRule(start, rule, Utc(year, 1, 1), Utc(year + 1, 1, 1), more).Select(o => o.Start);

    [Fact]
    public void OnlyOccurrencesStartingInTheWindowAreListed()
    {
        var starts = ExpandRule("20260101T090000", "FREQ=DAILY", Utc(2026, 2, 10, 9), Utc(2026, 2, 13, 9)).Select(o => o.StartUtc);

        Assert.Equal([Utc(2026, 2, 10, 9), Utc(2026, 2, 11, 9), Utc(2026, 2, 12, 9)], starts);
    }

    [Fact]
    public void AnIntervalSkipsPeriods()
    {
        Assert.Equal([Local(2026, 1, 5, 9), Local(2026, 1, 19, 9), Local(2026, 2, 2, 9)], Starts("20260105T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=3"));
    }

    [Fact]
    public void WeekStartDecidesWhichDaysShareAFortnightlyWeek()
    {
        Assert.Equal(
            [Local(2026, 1, 6, 9), Local(2026, 1, 11, 9), Local(2026, 1, 20, 9), Local(2026, 1, 25, 9)],
            Starts("20260106T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO")
        );
        Assert.Equal(
            [Local(2026, 1, 6, 9), Local(2026, 1, 18, 9), Local(2026, 1, 20, 9), Local(2026, 2, 1, 9)],
            Starts("20260106T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU")
        );
    }

    [Fact]
    public void AnOrdinalWeekdayPicksThatWeekdayOfTheMonth()
    {
        Assert.Equal([Local(2026, 1, 12, 10), Local(2026, 2, 9, 10), Local(2026, 3, 9, 10)], Starts("20260112T100000", "FREQ=MONTHLY;BYDAY=2MO;COUNT=3"));
    }

    [Fact]
    public void AMonthDayThatSomeMonthsLackIsSkippedInThem()
    {
        Assert.Equal([Local(2026, 1, 31, 9), Local(2026, 3, 31, 9), Local(2026, 5, 31, 9)], Starts("20260131T090000", "FREQ=MONTHLY;COUNT=3"));
    }

    [Fact]
    public void NegativeMonthDaysCountFromTheEnd()
    {
        Assert.Equal(
            [Local(2026, 2, 1, 9), Local(2026, 2, 27, 9), Local(2026, 3, 1, 9), Local(2026, 3, 30, 9)],
            Starts("20260201T090000", "FREQ=MONTHLY;BYMONTHDAY=1,-2;COUNT=4")
        );
    }

    [Fact]
    public void ByMonthLimitsADailyRule()
    {
        var starts = Starts("20260201T090000", "FREQ=DAILY;BYMONTH=2").ToList();

        Assert.Equal(28, starts.Count);
        Assert.All(starts, s => Assert.Equal(2, s.Month));
    }

    [Fact]
    public void AYearlyRuleWithMonthsAndAnOrdinalWeekdayIsInEachMonth()
    {
        Assert.Equal([Local(2026, 3, 1, 9), Local(2026, 9, 6, 9)], Starts("20260301T090000", "FREQ=YEARLY;BYMONTH=3,9;BYDAY=1SU"));
    }

    [Fact]
    public void AYearlyOrdinalWithoutMonthsCountsWithinTheYear()
    {
        Assert.Equal(
            [Local(2026, 12, 28, 9), Local(2027, 12, 27, 9)],
            ExpandRule("20261228T090000", "FREQ=YEARLY;BYDAY=-1MO", Utc(2026, 1, 1), Utc(2028, 1, 1)).Select(o => o.Start)
        );
    }

    [Fact]
    public void BySetPosPicksTheSecondToLastWeekday()
    {
        Assert.Equal(
            [Local(2026, 1, 29, 9), Local(2026, 2, 26, 9), Local(2026, 3, 30, 9)],
            Starts("20260129T090000", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2;COUNT=3")
        );
    }

    [Fact]
    public void BySetPosCanPickSeveralPositions()
    {
        Assert.Equal(
            [Local(2026, 1, 1, 9), Local(2026, 1, 31, 9), Local(2026, 2, 1, 9), Local(2026, 2, 28, 9)],
            Starts("20260101T090000", "FREQ=MONTHLY;BYMONTHDAY=1,10,20,-1;BYSETPOS=1,-1;COUNT=4")
        );
    }

    [Fact]
    public void ByYearDayAndByWeekNoAreUnderstood()
    {
        Assert.Equal([Local(2026, 1, 1, 9), Local(2026, 4, 10, 9), Local(2026, 12, 31, 9)], Starts("20260101T090000", "FREQ=YEARLY;BYYEARDAY=1,100,-1"));
        Assert.Equal([Local(2026, 3, 2, 9)], Starts("20260302T090000", "FREQ=YEARLY;BYWEEKNO=10;BYDAY=MO"));
    }

    [Fact]
    public void ByHourAddsTimesWithinTheDay()
    {
        Assert.Equal(
            [Local(2026, 1, 5, 9, 30), Local(2026, 1, 5, 14, 30), Local(2026, 1, 6, 9, 30)],
            Starts("20260105T093000", "FREQ=DAILY;BYHOUR=9,14;COUNT=3")
        );
    }

    [Fact]
    public void AnUntilDateIncludesThatDay()
    {
        Assert.Equal([Local(2026, 1, 5, 9), Local(2026, 1, 6, 9), Local(2026, 1, 7, 9)], Starts("20260105T090000", "FREQ=DAILY;UNTIL=20260107"));
    }

    [Fact]
    public void AnExceptionDateWrittenAsADateRemovesThatDaysOccurrence()
    {
        Assert.Equal([Local(2026, 1, 5, 9), Local(2026, 1, 7, 9)], Starts("20260105T090000", "FREQ=DAILY;COUNT=3", 2026, "EXDATE;VALUE=DATE:20260106"));
    }

    [Fact]
    public void ExceptionAndRecurrenceDatesInUtcMatchLocalOccurrences()
    {
        Assert.Equal(
            [Local(2026, 7, 6, 9), Local(2026, 7, 8, 15)],
            Starts("20260706T090000", "FREQ=DAILY;COUNT=2", 2026, "EXDATE:20260707T080000Z", "RDATE:20260708T140000Z")
        );
    }

    [Fact]
    public void ARecurrenceDatePeriodHasItsOwnLength()
    {
        var calendar = IcsParser.Parse(
            Calendar(Event("period", "DTSTART:20260105T090000Z", "DTEND:20260105T100000Z", "RDATE;VALUE=PERIOD:20260110T090000Z/PT3H"))
        );

        var added = Expand(calendar, Utc(2026, 1, 1), Utc(2026, 2, 1))[1];
        Assert.Equal(Utc(2026, 1, 10, 12), added.EndUtc);
        Assert.Equal(Utc(2026, 1, 10, 9), added.RecurrenceId);
    }

    [Fact]
    public void AnAllDayWeeklySeriesIsWholeDays()
    {
        var calendar = IcsParser.Parse(
            Calendar(Event("days", "DTSTART;VALUE=DATE:20260105", "RRULE:FREQ=WEEKLY;COUNT=2")),
            new IcsParserOptions { DefaultTimeZone = "Europe/London" }
        );

        var days = Expand(calendar, Utc(2026, 1, 1), Utc(2026, 2, 1));
        Assert.Equal([Local(2026, 1, 5), Local(2026, 1, 12)], days.Select(o => o.Start));
        Assert.Equal([Local(2026, 1, 6), Local(2026, 1, 13)], days.Select(o => o.End));
        Assert.All(days, o => Assert.True(o.IsAllDay));
        Assert.Equal(["days|20260105T000000Z", "days|20260112T000000Z"], days.Select(o => o.Key));
    }

    [Fact]
    public void AUtcSeriesRecursInUtc()
    {
        var calendar = IcsParser.Parse(
            Calendar(Event("utc", "DTSTART:20260327T090000Z", "RRULE:FREQ=WEEKLY;COUNT=2")),
            new IcsParserOptions { DefaultTimeZone = "Europe/London" }
        );

        var occurrences = Expand(calendar, Utc(2026, 3, 1), Utc(2026, 5, 1));
        Assert.Equal([Utc(2026, 3, 27, 9), Utc(2026, 4, 3, 9)], occurrences.Select(o => o.StartUtc));
        Assert.Equal([Local(2026, 3, 27, 9), Local(2026, 4, 3, 10)], occurrences.Select(o => o.Start));
    }

    [Fact]
    public void ACancelledSeriesListsEveryOccurrenceAsCancelled()
    {
        var occurrences = ExpandRule("20260105T090000", "FREQ=DAILY;COUNT=3", Utc(2026, 1, 1), Utc(2026, 2, 1), "STATUS:CANCELLED");

        Assert.Equal(3, occurrences.Count);
        Assert.All(occurrences, o => Assert.True(o.IsCancelled));
    }

    [Fact]
    public void TheHigherSequenceWinsWhenAUidIsRepeated()
    {
        var calendar = IcsParser.Parse(
            Calendar([
                .. Event("twice", "DTSTART:20260105T090000Z", "SEQUENCE:2", "SUMMARY:New"),
                .. Event("twice", "DTSTART:20260105T080000Z", "SEQUENCE:1", "SUMMARY:Old"),
            ])
        );

        var expansion = RecurrenceExpander.Expand(calendar, Utc(2026, 1, 1), Utc(2026, 2, 1));
        Assert.Equal("New", Assert.Single(expansion.Occurrences).Summary);
        Assert.Contains(expansion.Warnings, w => w.Uid == "twice");
    }

    [Fact]
    public void ACountOfOneBillionIsCheapWhenTheWindowIsNear()
    {
        var clock = Stopwatch.StartNew();

        var occurrences = Expand(Parse("huge-count.ics"), Utc(2026, 3, 1), Utc(2026, 3, 31));

        Assert.Equal(30, occurrences.Count(o => o.Uid == "billion@example.com"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void ARuleThatNeverMatchesListsNothing()
    {
        var occurrences = Expand(Parse("huge-count.ics"), Utc(2026, 1, 1), Utc(2027, 1, 1));

        Assert.DoesNotContain(occurrences, o => o.Uid == "never@example.com");
    }

    [Fact]
    public void ASeriesThatMustCountThroughCenturiesIsSkippedWithAWarning()
    {
        var expansion = RecurrenceExpander.Expand(Parse("huge-count.ics"), Utc(2026, 3, 1), Utc(2026, 3, 31));

        Assert.Contains("ancient@example.com", expansion.UnreadableUids);
        Assert.DoesNotContain(expansion.Occurrences, o => o.Uid == "ancient@example.com");
        Assert.Contains(expansion.Warnings, w => w.Uid == "ancient@example.com" && w.Message.Contains("100,000 periods"));
    }

    [Fact]
    public void TooManyOccurrencesInTheWindowFailTheWholeFeed()
    {
        var calendar = IcsParser.Parse(
            Calendar(Event("often", "DTSTART:20260101T090000Z", "RRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23"))
        );

        var failure = Assert.Throws<IcsLimitExceededException>(() => RecurrenceExpander.Expand(calendar, Utc(2026, 1, 1), Utc(2026, 12, 1)));

        Assert.Contains("more than 5,000 occurrences", failure.Message);
        Assert.Equal(
            48,
            RecurrenceExpander.Expand(calendar, Utc(2026, 1, 2), Utc(2026, 1, 4), new IcsExpansionOptions { MaxOccurrences = 48 }).Occurrences.Count
        );
    }

    [Fact]
    public void TheFeedsTotalWorkIsCapped()
    {
        var calendar = IcsParser.Parse(
            Calendar([.. Enumerable.Range(0, 5).SelectMany(i => Event($"old-{i}", "DTSTART:19000101T090000Z", "RRULE:FREQ=DAILY;COUNT=1000000000"))])
        );

        Assert.Throws<IcsLimitExceededException>(() =>
            RecurrenceExpander.Expand(calendar, Utc(2026, 1, 1), Utc(2026, 2, 1), new IcsExpansionOptions { MaxPeriodsPerFeed = 100_000 })
        );
    }

    [Fact]
    public void OccurrencesOfAnUnreadableUidAreNotListedAtAll()
    {
        var calendar = IcsParser.Parse(
            Calendar([
                .. Event("series", "DTSTART:20260105T090000Z", "RRULE:FREQ=DAILY;BYDAY=XX"),
                .. Event("series", "DTSTART:20260106T100000Z", "RECURRENCE-ID:20260106T090000Z"),
            ])
        );

        var expansion = RecurrenceExpander.Expand(calendar, Utc(2026, 1, 1), Utc(2026, 2, 1));

        Assert.Empty(expansion.Occurrences);
        Assert.Contains("series", expansion.UnreadableUids);
    }

    [Fact]
    public void AnOverrideWithoutItsSeriesIsStillListed()
    {
        var calendar = IcsParser.Parse(Calendar(Event("orphan", "DTSTART:20260106T100000Z", "RECURRENCE-ID:20260106T090000Z")));

        var occurrence = Assert.Single(Expand(calendar, Utc(2026, 1, 1), Utc(2026, 2, 1)));

        Assert.Equal("orphan|20260106T090000Z", occurrence.Key);
    }

    [Fact]
    public void AWeeklyNineOClockInNewYorkStaysNineOClockThroughBothChanges()
    {
        var calendar = IcsParser.Parse(Calendar(Event("ny", "DTSTART;TZID=America/New_York:20260302T090000", "RRULE:FREQ=WEEKLY;UNTIL=20261110T000000Z")));

        var occurrences = Expand(calendar, Utc(2026, 3, 1), Utc(2026, 12, 1));

        Assert.All(occurrences, o => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(o.Start)));
        Assert.Equal(Utc(2026, 3, 2, 14), occurrences[0].StartUtc);
        Assert.Equal(Utc(2026, 3, 9, 13), occurrences[1].StartUtc);
        Assert.Equal(Utc(2026, 11, 9, 14), occurrences[^1].StartUtc);
    }
}
