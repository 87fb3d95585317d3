namespace ClientReminders.Tests.Reminders;

public class ReminderTimingTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
    private static readonly SendingWindow Daytime = new(new TimeOnly(8, 0), new TimeOnly(20, 0));

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void AWinterTimeInLondonIsTheSameClockTimeInUtc()
    {
        Assert.Equal(Utc(2026, 11, 21, 14, 30), ReminderTiming.ToInstant(new DateTime(2026, 11, 21, 14, 30, 0), London));
    }

    [Fact]
    public void ASummerTimeInLondonIsAnHourAheadOfUtc()
    {
        Assert.Equal(Utc(2026, 7, 1, 13, 30), ReminderTiming.ToInstant(new DateTime(2026, 7, 1, 14, 30, 0), London));
    }

    [Fact]
    public void TheInstantIsExpressedInTheZonesOffset()
    {
        Assert.Equal(TimeSpan.FromHours(5.5), ReminderTiming.ToInstant(new DateTime(2026, 3, 10, 10, 0, 0), Kolkata).Offset);
    }

    [Fact]
    public void TheKindOfTheLocalDateTimeIsIgnored()
    {
        Assert.Equal(Utc(2026, 7, 1, 13, 30), ReminderTiming.ToInstant(new DateTime(2026, 7, 1, 14, 30, 0, DateTimeKind.Utc), London));
    }

    [Fact]
    public void ALocalTimeInTheSpringForwardGapInLondonMovesForwardByTheGap()
    {
        var instant = ReminderTiming.ToInstant(new DateTime(2026, 3, 29, 1, 30, 0), London);

        Assert.Equal(Utc(2026, 3, 29, 1, 30), instant);
        Assert.Equal(new DateTime(2026, 3, 29, 2, 30, 0), instant.DateTime);
    }

    [Fact]
    public void AnAppointmentAtHalfPastTwoOnTheGapDayInNewYorkIsAtHalfPastThreeDaylightTime()
    {
        var instant = ReminderTiming.ToInstant(new DateTime(2026, 3, 8, 2, 30, 0), NewYork);

        Assert.Equal(Utc(2026, 3, 8, 7, 30), instant);
        Assert.Equal(new DateTime(2026, 3, 8, 3, 30, 0), instant.DateTime);
    }

    [Fact]
    public void HalfPastTwoOnTheSpringForwardDayInLondonIsAnOrdinarySummerTime()
    {
        Assert.Equal(Utc(2026, 3, 29, 1, 30), ReminderTiming.ToInstant(new DateTime(2026, 3, 29, 2, 30, 0), London));
    }

    [Fact]
    public void AnAmbiguousLocalTimeInTheAutumnIsItsFirstDaylightOccurrence()
    {
        Assert.Equal(Utc(2026, 10, 25, 0, 30), ReminderTiming.ToInstant(new DateTime(2026, 10, 25, 1, 30, 0), London));
        Assert.Equal(Utc(2026, 11, 1, 5, 30), ReminderTiming.ToInstant(new DateTime(2026, 11, 1, 1, 30, 0), NewYork));
    }

    [Fact]
    public void AOneDayBeforeReminderInLondonIsTheSameTimeTheDayBefore()
    {
        var due = ReminderTiming.Due(new DateTime(2026, 11, 21, 14, 30, 0), London, TimeSpan.FromDays(1), null);

        Assert.Equal(Utc(2026, 11, 20, 14, 30), due);
    }

    [Fact]
    public void ATwoHourBeforeReminderInNewYorkIsTwoHoursEarlier()
    {
        var due = ReminderTiming.Due(new DateTime(2026, 7, 10, 9, 0, 0), NewYork, TimeSpan.FromHours(2), null);

        Assert.Equal(Utc(2026, 7, 10, 11, 0), due);
    }

    [Fact]
    public void AOneDayBeforeReminderInSydneyInItsSummerIsElevenHoursAheadOfUtc()
    {
        var due = ReminderTiming.Due(new DateTime(2026, 1, 15, 10, 0, 0), Sydney, TimeSpan.FromDays(1), null);

        Assert.Equal(Utc(2026, 1, 13, 23, 0), due);
    }

    [Fact]
    public void AOneDayBeforeReminderInKolkataKeepsTheHalfHourOffset()
    {
        var due = ReminderTiming.Due(new DateTime(2026, 3, 10, 10, 0, 0), Kolkata, TimeSpan.FromDays(1), null);

        Assert.Equal(Utc(2026, 3, 9, 4, 30), due);
    }

    [Fact]
    public void AOneDayBeforeReminderAcrossSpringForwardIs23HoursBeforeAtTheSameClockTime()
    {
        var start = new DateTime(2026, 3, 29, 10, 0, 0);

        var due = ReminderTiming.Due(start, London, TimeSpan.FromDays(1), null);

        Assert.Equal(TimeSpan.FromHours(23), ReminderTiming.ToInstant(start, London) - due);
        Assert.Equal(new DateTime(2026, 3, 28, 10, 0, 0), TimeZoneInfo.ConvertTime(due, London).DateTime);
    }

    [Fact]
    public void AOneDayBeforeReminderAcrossFallBackIs25HoursBeforeAtTheSameClockTime()
    {
        var start = new DateTime(2026, 10, 25, 10, 0, 0);

        var due = ReminderTiming.Due(start, London, TimeSpan.FromDays(1), null);

        Assert.Equal(TimeSpan.FromHours(25), ReminderTiming.ToInstant(start, London) - due);
        Assert.Equal(new DateTime(2026, 10, 24, 10, 0, 0), TimeZoneInfo.ConvertTime(due, London).DateTime);
    }

    [Fact]
    public void AOneDayBeforeReminderAcrossSydneysSpringForwardIs23HoursBefore()
    {
        var start = new DateTime(2026, 10, 4, 10, 0, 0);

        var due = ReminderTiming.Due(start, Sydney, TimeSpan.FromDays(1), null);

        Assert.Equal(TimeSpan.FromHours(23), ReminderTiming.ToInstant(start, Sydney) - due);
    }

    [Fact]
    public void AReminderForAnAppointmentInTheGapIsCountedFromTheShiftedStart()
    {
        var due = ReminderTiming.Due(new DateTime(2026, 3, 8, 2, 30, 0), NewYork, TimeSpan.FromHours(1), null);

        Assert.Equal(Utc(2026, 3, 8, 6, 30), due);
    }

    [Fact]
    public void AnOffsetOfZeroIsDueAtTheStart()
    {
        var due = ReminderTiming.Due(new DateTime(2026, 11, 21, 14, 30, 0), London, TimeSpan.Zero, Daytime);

        Assert.Equal(Utc(2026, 11, 21, 14, 30), due);
    }

    [Fact]
    public void ANegativeOffsetIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReminderTiming.Due(new DateTime(2026, 11, 21, 14, 30, 0), London, TimeSpan.FromHours(-1), null));
    }

    [Fact]
    public void AReminderDueBeforeTheWindowOpensMovesToTheEndOfThePreviousDay()
    {
        var due = ReminderTiming.Due(new DateTime(2026, 11, 21, 6, 0, 0), London, TimeSpan.FromDays(1), Daytime);

        Assert.Equal(Utc(2026, 11, 19, 20, 0), due);
    }

    [Fact]
    public void AReminderDueAfterTheWindowClosesMovesToTheEndOfTheSameDay()
    {
        var due = ReminderTiming.Due(new DateTime(2026, 11, 21, 21, 30, 0), London, TimeSpan.FromDays(1), Daytime);

        Assert.Equal(Utc(2026, 11, 20, 20, 0), due);
    }

    [Fact]
    public void AReminderDueInsideTheWindowIsUnchanged()
    {
        var due = ReminderTiming.Due(new DateTime(2026, 11, 21, 14, 30, 0), London, TimeSpan.FromDays(1), Daytime);

        Assert.Equal(Utc(2026, 11, 20, 14, 30), due);
    }

    [Fact]
    public void TheEdgesOfTheWindowAreInsideIt()
    {
        Assert.Equal(Utc(2026, 11, 20, 8, 0), ReminderTiming.Due(new DateTime(2026, 11, 21, 8, 0, 0), London, TimeSpan.FromDays(1), Daytime));
        Assert.Equal(Utc(2026, 11, 20, 20, 0), ReminderTiming.Due(new DateTime(2026, 11, 21, 20, 0, 0), London, TimeSpan.FromDays(1), Daytime));
    }

    [Fact]
    public void ATwoHourReminderForANineOClockAppointmentMovesToTheEveningBefore()
    {
        var due = ReminderTiming.Due(new DateTime(2026, 11, 21, 9, 0, 0), London, TimeSpan.FromHours(2), Daytime);

        Assert.Equal(Utc(2026, 11, 20, 20, 0), due);
    }

    [Fact]
    public void TheWindowIsReadInTheAppointmentsZone()
    {
        var due = ReminderTiming.Due(new DateTime(2026, 7, 10, 21, 30, 0), NewYork, TimeSpan.FromDays(1), Daytime);

        Assert.Equal(new DateTimeOffset(2026, 7, 9, 20, 0, 0, TimeSpan.FromHours(-4)), due);
    }

    [Fact]
    public void AWindowEndInTheSpringForwardGapMovesForwardByTheGap()
    {
        var window = new SendingWindow(new TimeOnly(0, 0), new TimeOnly(1, 30));

        var due = ReminderTiming.Due(new DateTime(2026, 3, 29, 12, 0, 0), London, TimeSpan.FromHours(2), window);

        Assert.Equal(Utc(2026, 3, 29, 1, 30), due);
    }

    [Fact]
    public void AnAdjustedTimeThatIsNotBeforeTheStartFallsBackToTheNominalTime()
    {
        var window = new SendingWindow(new TimeOnly(0, 0), new TimeOnly(1, 30));

        var due = ReminderTiming.Due(new DateTime(2026, 3, 29, 2, 15, 0), London, TimeSpan.Zero, window);

        Assert.Equal(Utc(2026, 3, 29, 1, 15), due);
    }

    [Fact]
    public void AWindowMustStartBeforeItEnds()
    {
        Assert.Throws<ArgumentException>(() => new SendingWindow(new TimeOnly(20, 0), new TimeOnly(8, 0)));
        Assert.Throws<ArgumentException>(() => new SendingWindow(new TimeOnly(8, 0), new TimeOnly(8, 0)));
    }

    [Fact]
    public void AReminderDueInTheFutureIsScheduled()
    {
        var decision = ReminderTiming.Decide(Utc(2026, 11, 20, 14, 30), Utc(2026, 11, 21, 14, 30), Utc(2026, 11, 19, 9, 0));

        Assert.Equal((ReminderDecision.Schedule, (string?)null), decision);
    }

    [Fact]
    public void AReminderWhoseTimeHasPassedIsSentNowWhileTheAppointmentIsAhead()
    {
        var decision = ReminderTiming.Decide(Utc(2026, 11, 20, 14, 30), Utc(2026, 11, 21, 14, 30), Utc(2026, 11, 21, 9, 0));

        Assert.Equal(ReminderDecision.SendNow, decision.Decision);
        Assert.Contains("created after its reminder time", decision.Reason);
    }

    [Fact]
    public void AReminderDueExactlyNowIsSentNow()
    {
        var decision = ReminderTiming.Decide(Utc(2026, 11, 20, 14, 30), Utc(2026, 11, 21, 14, 30), Utc(2026, 11, 20, 14, 30));

        Assert.Equal(ReminderDecision.SendNow, decision.Decision);
    }

    [Fact]
    public void AReminderForAnAppointmentThatHasStartedIsSkipped()
    {
        Assert.Equal(
            (ReminderDecision.Skip, "The appointment has already started."),
            ReminderTiming.Decide(Utc(2026, 11, 20, 14, 30), Utc(2026, 11, 21, 14, 30), Utc(2026, 11, 21, 14, 30))
        );
        Assert.Equal(
            (ReminderDecision.Skip, "The appointment has already started."),
            ReminderTiming.Decide(Utc(2026, 11, 20, 14, 30), Utc(2026, 11, 21, 14, 30), Utc(2026, 11, 22, 9, 0))
        );
    }

    [Fact]
    public void ALateReminderInsideItsSendingWindowGoesNow()
    {
        Assert.Equal(Utc(2026, 11, 21, 14, 5), ReminderTiming.LateSendTime(Utc(2026, 11, 21, 14, 5), London, Daytime));
    }

    [Fact]
    public void ALateReminderBeforeItsWindowOpensGoesWhenItOpensThatDay()
    {
        Assert.Equal(Utc(2026, 11, 21, 8, 0), ReminderTiming.LateSendTime(Utc(2026, 11, 21, 6, 40), London, Daytime));
    }

    [Fact]
    public void ALateReminderAfterItsWindowClosedGoesWhenItOpensTheNextDayInTheAppointmentsZone()
    {
        // 21:30 in New York is 02:30 UTC the next day; the window opens again at 08:00 New York time, 13:00 UTC.
        Assert.Equal(Utc(2026, 11, 22, 13, 0), ReminderTiming.LateSendTime(Utc(2026, 11, 22, 2, 30), NewYork, Daytime));
    }
}
