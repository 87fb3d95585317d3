using ClientReminders.Tests.Reminders.Pipeline;
using static ClientReminders.Tests.Calendars.Ics.IcsFeeds;

namespace ClientReminders.Tests.Calendars;

/// <summary>A clock a week before the UK clocks go forward (Sunday 28 March 2027), so the sync window crosses the change.</summary>
public sealed class IcsBeforeSpringForwardApp() : IcsFeedApp(new DateTimeOffset(2027, 3, 22, 9, 0, 0, TimeSpan.Zero));

public class IcsDstTests(IcsBeforeSpringForwardApp fixture) : IClassFixture<IcsBeforeSpringForwardApp>
{
    [Fact]
    public async Task AWeeklySeriesAcrossTheClockChangeKeepsItsLocalTimeAndItsRemindersFollow()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        await owner.AddPublishedFeedAsync(
            fixture,
            Calendar([
                "BEGIN:VTIMEZONE",
                "TZID:Europe/London",
                "BEGIN:DAYLIGHT",
                "TZOFFSETFROM:+0000",
                "TZOFFSETTO:+0100",
                "TZNAME:BST",
                "DTSTART:19700329T010000",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                "END:DAYLIGHT",
                "BEGIN:STANDARD",
                "TZOFFSETFROM:+0100",
                "TZOFFSETTO:+0000",
                "TZNAME:GMT",
                "DTSTART:19701025T020000",
                "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                "END:STANDARD",
                "END:VTIMEZONE",
                .. Event(
                    "weekly@salon",
                    "DTSTART;TZID=Europe/London:20270324T090000",
                    "DTEND;TZID=Europe/London:20270324T100000",
                    "RRULE:FREQ=WEEKLY;COUNT=3",
                    "SUMMARY:Ada Lovelace physio"
                ),
            ])
        );

        await IcsFeedActions.SyncOwnerAsync(fixture, owner);

        var appointments = (await owner.CalendarAppointmentsAsync()).OrderBy(a => a.StartUtc).ToList();
        Assert.Equal(["2027-03-24T09:00:00", "2027-03-31T09:00:00", "2027-04-07T09:00:00"], appointments.Select(a => a.Start));
        Assert.All(appointments, a => Assert.Equal("Europe/London", a.TimeZone));
        Assert.Equal(
            [
                new DateTimeOffset(2027, 3, 24, 9, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2027, 3, 31, 8, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2027, 4, 7, 8, 0, 0, TimeSpan.Zero),
            ],
            appointments.Select(a => a.StartUtc)
        );
        Assert.All(appointments, a => Assert.Equal(AppointmentStatus.Scheduled, a.Status));
        var afterTheChange = Assert.Single(await owner.RemindersOfAsync(appointments[1].Id));
        Assert.Equal(ReminderStatus.Scheduled, afterTheChange.Status);
        Assert.Equal(new DateTimeOffset(2027, 3, 30, 8, 0, 0, TimeSpan.Zero), afterTheChange.DueAt);
    }
}
