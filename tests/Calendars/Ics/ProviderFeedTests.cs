using static ClientReminders.Tests.Calendars.Ics.IcsFeeds;

namespace ClientReminders.Tests.Calendars.Ics;

public class ProviderFeedTests
{
    private const string PhysioUid = "7kukuqrfedlm2f9t0vn5dhu4e8@google.com";

    private static IReadOnlyList<IcsOccurrence> Google(DateTimeOffset from, DateTimeOffset to) => Expand(Parse("google.ics"), from, to);

    private static IReadOnlyList<IcsOccurrence> Outlook(DateTimeOffset from, DateTimeOffset to) => Expand(Parse("outlook.ics"), from, to);

    private static IReadOnlyList<IcsOccurrence> ICloud(DateTimeOffset from, DateTimeOffset to) => Expand(Parse("icloud.ics"), from, to);

    [Fact]
    public void TheGoogleFeedParsesWithoutWarnings()
    {
        var calendar = Parse("google.ics");

        Assert.Empty(calendar.Warnings);
        Assert.Equal("Clinic diary", calendar.Name);
        Assert.Equal("Europe/London", calendar.DefaultTimeZone.Id);
        Assert.Equal(8, calendar.Events.Count);
    }

    [Fact]
    public void AGoogleWeeklySeriesKeepsNineInTheMorningLocalAcrossTheSpringChange()
    {
        var physio = Google(Utc(2026, 3, 1), Utc(2026, 5, 1)).Where(o => o.Uid == PhysioUid && !o.IsCancelled && o.RecurrenceId == o.StartUtc).ToList();

        Assert.Equal(
            [Utc(2026, 3, 3, 9), Utc(2026, 3, 10, 9), Utc(2026, 3, 31, 8), Utc(2026, 4, 14, 8), Utc(2026, 4, 21, 8), Utc(2026, 4, 28, 8)],
            physio.Select(o => o.StartUtc)
        );
        Assert.All(physio, o => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(o.Start)));
        Assert.All(physio, o => Assert.Equal("Europe/London", o.TimeZone));
    }

    [Fact]
    public void AGoogleSeriesLeavesOutTheDeletedOccurrence()
    {
        var physio = Google(Utc(2026, 3, 1), Utc(2026, 5, 1)).Where(o => o.Uid == PhysioUid);

        Assert.DoesNotContain(physio, o => o.Start.Date == Local(2026, 3, 17) || o.RecurrenceId == Utc(2026, 3, 17, 9));
    }

    [Fact]
    public void AGoogleSeriesListsTheMovedOccurrenceAtItsNewTimeUnderItsOriginalStart()
    {
        var moved = Assert.Single(Google(Utc(2026, 3, 1), Utc(2026, 5, 1)), o => o.RecurrenceId == Utc(2026, 3, 24, 9));

        Assert.Equal(Utc(2026, 3, 26, 14), moved.StartUtc);
        Assert.Equal(Utc(2026, 3, 26, 15), moved.EndUtc);
        Assert.Equal("Physio - Jane Doe (moved)", moved.Summary);
        Assert.Equal(3, moved.Sequence);
        Assert.Equal($"{PhysioUid}|20260324T090000Z", moved.Key);
    }

    [Fact]
    public void AMovedOccurrenceIsInTheWindowOfItsNewTimeNotItsOriginalOne()
    {
        Assert.DoesNotContain(Google(Utc(2026, 3, 24), Utc(2026, 3, 25)), o => o.Uid == PhysioUid);
        Assert.Contains(Google(Utc(2026, 3, 26), Utc(2026, 3, 27)), o => o.RecurrenceId == Utc(2026, 3, 24, 9));
    }

    [Fact]
    public void AGoogleSeriesListsTheCancelledOccurrenceAsCancelled()
    {
        var cancelled = Assert.Single(Google(Utc(2026, 4, 7), Utc(2026, 4, 8)));

        Assert.True(cancelled.IsCancelled);
        Assert.Equal(Utc(2026, 4, 7, 8), cancelled.RecurrenceId);
    }

    [Fact]
    public void TheGoogleSeriesEndsOnItsUntilInstantInclusive()
    {
        var physio = Google(Utc(2026, 4, 20), Utc(2026, 12, 31)).Where(o => o.Uid == PhysioUid).ToList();

        Assert.Equal(Utc(2026, 4, 28, 8), physio[^1].StartUtc);
        Assert.Equal(2, physio.Count);
    }

    [Fact]
    public void AGoogleOccurrenceCarriesTheEventsDetailsUnescaped()
    {
        var first = Google(Utc(2026, 3, 3), Utc(2026, 3, 4)).Single();

        Assert.Equal("Physio - Jane Doe", first.Summary);
        Assert.Equal("Weekly physio, room 2", first.Description);
        Assert.Equal("12 High Street, Leeds", first.Location);
        Assert.Equal(["jane.doe@example.com"], first.AttendeeEmails);
        Assert.Equal("owner@example.com", first.OrganizerEmail);
        Assert.Equal(2, first.Sequence);
        Assert.False(first.IsFree);
    }

    [Fact]
    public void AGoogleLastFridayRuleFallsOnTheLastFridayOfEveryMonth()
    {
        var reviews = Google(Utc(2026, 1, 1), Utc(2027, 1, 1)).Where(o => o.Summary == "Review - Sam O'Neill").Select(o => o.Start).ToList();

        int[] lastFridays = [30, 27, 27, 24, 29, 26, 31, 28, 25, 30, 27, 25];
        Assert.Equal(lastFridays.Select((day, month) => Local(2026, month + 1, day, 16, 15)), reviews);
    }

    [Fact]
    public void AGoogleDescriptionKeepsItsNewLinesSemicolonsAndBackslashes()
    {
        var review = Google(Utc(2026, 1, 30), Utc(2026, 1, 31)).Single();

        Assert.Equal("Monthly review.\nBring the notes; and the invoice \\ receipt.", review.Description);
    }

    [Fact]
    public void AGoogleAllDayEventIsTheWholeLocalDayAndFree()
    {
        var holiday = Assert.Single(Google(Utc(2026, 4, 9), Utc(2026, 4, 11)), o => o.IsAllDay);

        Assert.Equal(Local(2026, 4, 10), holiday.Start);
        Assert.Equal(Local(2026, 4, 11), holiday.End);
        Assert.Equal(Utc(2026, 4, 9, 23), holiday.StartUtc);
        Assert.True(holiday.IsFree);
        Assert.Null(holiday.RecurrenceId);
        Assert.Equal("0a1b2c3d4e5f@google.com", holiday.Key);
    }

    [Fact]
    public void AGoogleUtcEventIsShownInTheCalendarsZone()
    {
        var consultation = Assert.Single(Google(Utc(2026, 4, 2), Utc(2026, 4, 3)));

        Assert.Equal(Utc(2026, 4, 2, 13), consultation.StartUtc);
        Assert.Equal(Local(2026, 4, 2, 14), consultation.Start);
        Assert.Equal(Local(2026, 4, 2, 14, 45), consultation.End);
        Assert.Equal("Europe/London", consultation.TimeZone);
        Assert.Equal(["alex@example.org"], consultation.AttendeeEmails);
        Assert.Equal("Join: https://meet.google.com/abc-defg-hij\nPhone: +44 20 7946 0958", consultation.Description);
    }

    [Fact]
    public void AGoogleCancelledEventIsListedAsCancelled()
    {
        var massage = Assert.Single(Google(Utc(2026, 4, 5), Utc(2026, 4, 6)));

        Assert.True(massage.IsCancelled);
        Assert.Equal("cancelled-single@google.com", massage.Key);
    }

    [Fact]
    public void HalfPastOneOnTheLondonFallBackDayIsTheFirstHalfPastOne()
    {
        var handover = Assert.Single(Google(Utc(2026, 10, 24), Utc(2026, 10, 26)));

        Assert.Equal(Utc(2026, 10, 25, 0, 30), handover.StartUtc);
        Assert.Equal(Local(2026, 10, 25, 1, 30), handover.Start);
        Assert.Equal(Utc(2026, 10, 25, 2, 15), handover.EndUtc);
    }

    [Fact]
    public void TheOutlookFeedMapsWindowsZoneNamesToIana()
    {
        var calendar = Parse("outlook.ics");

        Assert.Empty(calendar.Warnings);
        Assert.Equal("Europe/Berlin", calendar.Events[0].Start.Zone.Id);
        Assert.Equal("America/New_York", calendar.Events[1].Start.Zone.Id);
        Assert.Equal("Europe/London", calendar.Events[2].Start.Zone.Id);
    }

    [Fact]
    public void AnOutlookWeeklySeriesStopsAfterItsCountAndKeepsItsLocalTimeAcrossTheChange()
    {
        var massages = Outlook(Utc(2026, 1, 1), Utc(2027, 1, 1)).Where(o => o.Summary == "Sports massage - Lukas Becker").ToList();

        Assert.Equal(10, massages.Count);
        Assert.Equal(Utc(2026, 3, 23, 8), massages[3].StartUtc);
        Assert.Equal(Utc(2026, 3, 30, 7), massages[4].StartUtc);
        Assert.Equal(Local(2026, 5, 4, 9), massages[^1].Start);
        Assert.All(massages, o => Assert.Equal("Europe/Berlin", o.TimeZone));
    }

    [Fact]
    public void AnOutlookQuotedParameterMayHoldCommasAndColons()
    {
        var massage = Outlook(Utc(2026, 3, 2), Utc(2026, 3, 3)).Single();

        Assert.Equal(["lukas.becker@example.de"], massage.AttendeeEmails);
        Assert.Equal("owner@example.com", massage.OrganizerEmail);
    }

    [Fact]
    public void HalfPastOneOnTheNewYorkFallBackDayIsTheFirstHalfPastOne()
    {
        var call = Assert.Single(Outlook(Utc(2026, 10, 31), Utc(2026, 11, 2)));

        Assert.Equal(Utc(2026, 11, 1, 5, 30), call.StartUtc);
        Assert.Equal("America/New_York", call.TimeZone);
    }

    [Fact]
    public void AnOutlookEveryOtherDayRuleEndsOnItsUntil()
    {
        var lessons = Outlook(Utc(2026, 4, 1), Utc(2026, 6, 1)).Where(o => o.Summary == "Swim lesson - Tom Price").Select(o => o.StartUtc);

        Assert.Equal([Utc(2026, 5, 1, 6, 45), Utc(2026, 5, 3, 6, 45), Utc(2026, 5, 5, 6, 45), Utc(2026, 5, 7, 6, 45), Utc(2026, 5, 9, 6, 45)], lessons);
    }

    [Fact]
    public void AnOutlookLastWeekdayRuleUsesBySetPos()
    {
        var accounts = Outlook(Utc(2026, 1, 1), Utc(2027, 1, 1)).Where(o => o.Summary == "Month-end accounts").ToList();

        int[] lastWeekdays = [30, 27, 31, 30, 29, 30, 31, 31, 30, 30, 30, 31];
        Assert.Equal(lastWeekdays.Select((day, month) => Local(2026, month + 1, day, 17)), accounts.Select(o => o.Start));
        Assert.All(accounts, o => Assert.True(o.IsFree));
    }

    [Fact]
    public void AnOutlookCustomisedZoneFollowsItsOwnDaylightSavingRules()
    {
        var yoga = Outlook(Utc(2026, 1, 1), Utc(2027, 1, 1)).Where(o => o.Summary!.StartsWith("Yoga")).ToList();

        Assert.Equal([Utc(2026, 4, 10, 7), Utc(2026, 4, 11, 7), Utc(2026, 4, 12, 6), Utc(2026, 4, 13, 6), Utc(2026, 12, 15, 7)], yoga.Select(o => o.StartUtc));
        Assert.All(yoga, o => Assert.Equal("Customized Time Zone", o.TimeZone));
        Assert.All(yoga, o => Assert.False(o.IsIanaTimeZone));
        Assert.All(yoga, o => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(o.Start)));
    }

    [Fact]
    public void TheICloudFeedParsesWithoutWarningsAndIgnoresTheTodo()
    {
        var calendar = Parse("icloud.ics");

        Assert.Empty(calendar.Warnings);
        Assert.Equal("Studio", calendar.Name);
        Assert.DoesNotContain(calendar.Events, e => e.Uid == "todo-1");
    }

    [Fact]
    public void AnICloudWeeklySeriesKeepsNineInTheMorningAcrossTheAmericanSpringChange()
    {
        var piano = ICloud(Utc(2026, 2, 1), Utc(2026, 4, 1)).Where(o => o.Summary == "Piano - Emma Wilson").ToList();

        Assert.Equal([Utc(2026, 2, 26, 14), Utc(2026, 3, 5, 14), Utc(2026, 3, 12, 13), Utc(2026, 3, 19, 13)], piano.Select(o => o.StartUtc));
        Assert.All(piano, o => Assert.Equal(["emma.wilson@example.com"], o.AttendeeEmails));
    }

    [Fact]
    public void AnICloudEventWithADurationEndsThatLongAfterItStarts()
    {
        var lesson = Assert.Single(ICloud(Utc(2026, 11, 1), Utc(2026, 11, 2)), o => o.Summary == "Late lesson - Noah Brown");

        Assert.Equal(Utc(2026, 11, 1, 5, 30), lesson.StartUtc);
        Assert.Equal(Utc(2026, 11, 1, 6, 15), lesson.EndUtc);
        Assert.Equal(Local(2026, 11, 1, 1, 15), lesson.End);
    }

    [Fact]
    public void AnICloudYearlyFourthThursdayIsThanksgiving()
    {
        var closed = ICloud(Utc(2024, 1, 1), Utc(2028, 1, 1)).Where(o => o.IsAllDay).ToList();

        Assert.Equal([Local(2024, 11, 28), Local(2025, 11, 27), Local(2026, 11, 26), Local(2027, 11, 25)], closed.Select(o => o.Start));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), closed[2].RecurrenceId);
    }

    [Fact]
    public void AnICloudSeriesAddsItsRDateAndDropsItsExDate()
    {
        var theory = ICloud(Utc(2026, 1, 1), Utc(2026, 3, 1)).Where(o => o.Summary == "Theory class - Liam Davis").Select(o => o.Start);

        Assert.Equal([Local(2026, 1, 7, 10), Local(2026, 1, 10, 10), Local(2026, 1, 21, 10)], theory);
    }

    [Fact]
    public void AnICloudThisAndFutureOverrideMovesEveryLaterOccurrence()
    {
        var guitar = ICloud(Utc(2026, 5, 1), Utc(2026, 8, 1)).Where(o => o.Uid == "9C4E2F6A-5B7D-4E9F-1A2B-567890ABCDEF").ToList();

        Assert.Equal(
            [Local(2026, 6, 1, 15), Local(2026, 6, 8, 15), Local(2026, 6, 15, 16), Local(2026, 6, 22, 16), Local(2026, 6, 29, 16), Local(2026, 7, 6, 16)],
            guitar.Select(o => o.Start)
        );
        Assert.Equal("Guitar - Mia Clark", guitar[1].Summary);
        Assert.All(guitar.Skip(2), o => Assert.Equal("Guitar - Mia Clark (new time)", o.Summary));
        Assert.Equal(Utc(2026, 6, 22, 19), guitar[3].RecurrenceId);
    }

    [Fact]
    public void AnICloudLastDayOfTheMonthRuleUsesANegativeMonthDay()
    {
        var invoices = ICloud(Utc(2026, 1, 1), Utc(2027, 1, 1)).Where(o => o.Summary == "Invoices").Select(o => o.Start);

        Assert.Equal([Local(2026, 1, 31, 12), Local(2026, 2, 28, 12), Local(2026, 3, 31, 12), Local(2026, 4, 30, 12)], invoices);
    }
}
