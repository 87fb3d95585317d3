using ClientReminders.Tests.Reminders.Pipeline;
using static ClientReminders.Tests.Calendars.Ics.IcsFeeds;
using static ClientReminders.Tests.Calendars.IcsFeedActions;

namespace ClientReminders.Tests.Calendars;

public class IcsSyncTests(IcsFeedApp fixture) : IClassFixture<IcsFeedApp>
{
    [Fact]
    public async Task AMatchedEventBecomesAnAppointmentWithRemindersAndAnUnmatchedOneWaitsForReview()
    {
        var (owner, clientId) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        await owner.AddPublishedFeedAsync(
            fixture,
            Calendar([
                .. At("checkup@salon", fixture.DaysAhead(3), "Ada Lovelace check-up", "LOCATION:Room 2"),
                .. At("meeting@salon", fixture.DaysAhead(4), "Supplier meeting"),
            ]),
            name: "Salon diary"
        );

        var outcome = await fixture.SyncOwnerAsync(owner);

        Assert.Equal(new CalendarSync.Outcome(1, 0), outcome);
        var appointment = Assert.Single(await owner.CalendarAppointmentsAsync());
        Assert.Equal(clientId, appointment.ClientId);
        Assert.Equal(fixture.DaysAhead(3), appointment.StartUtc);
        Assert.Equal(SourceKind.Ics, appointment.Source);
        Assert.Equal("Salon diary", appointment.SourceName);
        Assert.Null(appointment.SourceLink);
        var reminder = Assert.Single(await owner.RemindersOfAsync(appointment.Id));
        Assert.Equal(ReminderStatus.Scheduled, reminder.Status);
        Assert.Equal(fixture.DaysAhead(2), reminder.DueAt);
        var review = Assert.Single((await owner.ReviewAsync()).EnumerateArray());
        Assert.Equal("Supplier meeting", review.GetProperty("subject").GetString());
        Assert.Equal("Salon diary", review.GetProperty("calendarName").GetString());
        Assert.Equal("unmatched", review.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AnAttendeeWhoseEmailIsAClientsMatchesThatClient()
    {
        var (owner, clientId) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        await owner.AddPublishedFeedAsync(
            fixture,
            Calendar(At("consult@salon", fixture.DaysAhead(5), "Initial consultation", "ATTENDEE;CN=Ada:mailto:ADA@example.com"))
        );

        await fixture.SyncOwnerAsync(owner);

        Assert.Equal(clientId, Assert.Single(await owner.CalendarAppointmentsAsync()).ClientId);
    }

    [Fact]
    public async Task AWeeklySeriesWithOneMovedAndOneDeletedOccurrenceGivesOneAppointmentPerRemainingOccurrence()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var first = fixture.DaysAhead(1);
        await owner.AddPublishedFeedAsync(
            fixture,
            Calendar([
                .. Event(
                    "weekly@salon",
                    $"DTSTART:{Utc(first)}",
                    "DURATION:PT1H",
                    "RRULE:FREQ=WEEKLY;COUNT=4",
                    "SUMMARY:Ada Lovelace physio",
                    $"EXDATE:{Utc(first.AddDays(7))}"
                ),
                .. Event(
                    "weekly@salon",
                    $"RECURRENCE-ID:{Utc(first.AddDays(14))}",
                    $"DTSTART:{Utc(first.AddDays(15).AddHours(2))}",
                    "DURATION:PT1H",
                    "SUMMARY:Ada Lovelace physio (moved)"
                ),
            ])
        );

        await fixture.SyncOwnerAsync(owner);

        var appointments = (await owner.CalendarAppointmentsAsync()).OrderBy(a => a.StartUtc).ToList();
        Assert.Equal([first, first.AddDays(15).AddHours(2), first.AddDays(21)], appointments.Select(a => a.StartUtc));
        Assert.All(appointments, a => Assert.Equal(AppointmentStatus.Scheduled, a.Status));
        Assert.Equal(3, (await owner.AllRemindersAsync()).Count(r => r.Status == ReminderStatus.Scheduled));
        Assert.Equal(first.AddDays(14).AddHours(2), Assert.Single(await owner.RemindersOfAsync(appointments[1].Id)).DueAt);
    }

    [Fact]
    public async Task AnEventMovedInTheFeedAfterItsReminderWentGetsAReminderAndANoticeForTheNewStart()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var (_, path) = await owner.AddPublishedFeedAsync(fixture, Calendar(At("moving@salon", fixture.DaysAhead(0, hourUtc: 11), "Ada Lovelace cut")));
        await fixture.SyncOwnerAsync(owner);
        var appointment = Assert.Single(await owner.CalendarAppointmentsAsync());
        var sent = Assert.Single(await owner.RemindersOfAsync(appointment.Id));
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(sent));

        fixture.Feeds.Publish(path, Calendar(At("moving@salon", fixture.DaysAhead(3), "Ada Lovelace cut", "SEQUENCE:1")));
        await fixture.SyncOwnerAsync(owner);

        var rows = await owner.RemindersOfAsync(appointment.Id);
        Assert.Contains(rows, r => r.Id == sent.Id && r.Status == ReminderStatus.Sent);
        var next = Assert.Single(rows, r => r.Kind == ReminderKind.Reminder && r.Id != sent.Id);
        Assert.Equal((ReminderStatus.Scheduled, fixture.DaysAhead(3), fixture.DaysAhead(2)), (next.Status, next.AppointmentStartUtc, next.DueAt));
        var notice = Assert.Single(rows, r => r.Kind == ReminderKind.Notice);
        Assert.Equal((NoticeKind.Moved, ReminderStatus.Scheduled), (notice.Notice, notice.Status));
    }

    [Fact]
    public async Task TheNextSyncMovesAMovedEventAndCancelsADeletedOrCancelledOne()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var (feedId, path) = await owner.AddPublishedFeedAsync(
            fixture,
            Calendar([
                .. At("moving@salon", fixture.DaysAhead(3), "Ada Lovelace cut"),
                .. At("deleted@salon", fixture.DaysAhead(4), "Ada Lovelace colour"),
                .. At("cancelled@salon", fixture.DaysAhead(5), "Ada Lovelace trim"),
                .. Event("series@salon", $"DTSTART:{Utc(fixture.DaysAhead(6))}", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=3", "SUMMARY:Ada Lovelace course"),
            ])
        );
        await fixture.SyncOwnerAsync(owner);
        Assert.Equal(6, (await owner.CalendarAppointmentsAsync()).Count(a => a.Status == AppointmentStatus.Scheduled));

        fixture.Feeds.Publish(
            path,
            Calendar([
                .. At("moving@salon", fixture.DaysAhead(6, hourUtc: 14), "Ada Lovelace cut", "SEQUENCE:1"),
                .. At("cancelled@salon", fixture.DaysAhead(5), "Ada Lovelace trim", "STATUS:CANCELLED"),
                .. Event("series@salon", $"DTSTART:{Utc(fixture.DaysAhead(6))}", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=3", "SUMMARY:Ada Lovelace course"),
                .. Event(
                    "series@salon",
                    $"RECURRENCE-ID:{Utc(fixture.DaysAhead(7))}",
                    $"DTSTART:{Utc(fixture.DaysAhead(7))}",
                    "DURATION:PT1H",
                    "STATUS:CANCELLED",
                    "SUMMARY:Ada Lovelace course"
                ),
            ])
        );
        var outcome = await fixture.SyncOwnerAsync(owner);

        Assert.Equal(0, outcome.Failed);
        var appointments = await owner.CalendarAppointmentsAsync();
        Assert.Equal(6, appointments.Count);
        var scheduled = appointments.Where(a => a.Status == AppointmentStatus.Scheduled).Select(a => a.StartUtc).Order().ToList();
        Assert.Equal([fixture.DaysAhead(6), fixture.DaysAhead(6, hourUtc: 14), fixture.DaysAhead(8)], scheduled);
        var moved = appointments.Single(a => a.StartUtc == fixture.DaysAhead(6, hourUtc: 14));
        Assert.Equal(fixture.DaysAhead(5, hourUtc: 14), Assert.Single(await owner.RemindersOfAsync(moved.Id)).DueAt);
        var cancelled = appointments.Where(a => a.Status == AppointmentStatus.Cancelled).Select(a => a.StartUtc).Order().ToList();
        Assert.Equal([fixture.DaysAhead(4), fixture.DaysAhead(5), fixture.DaysAhead(7)], cancelled);
        foreach (var appointment in appointments.Where(a => a.Status == AppointmentStatus.Cancelled))
        {
            Assert.Equal(ReminderStatus.Cancelled, Assert.Single(await owner.RemindersOfAsync(appointment.Id)).Status);
        }
        Assert.Equal(5, (await owner.EventRowsAsync(feedId)).Count);
    }

    [Fact]
    public async Task AnUnchangedFeedAnswers304ToOneRequestAndNothingIsWritten()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var (feedId, path) = await owner.AddPublishedFeedAsync(fixture, Calendar(At("once@salon", fixture.DaysAhead(3), "Ada Lovelace cut")));
        await fixture.SyncOwnerAsync(owner);
        var eventsBefore = (await owner.EventRowsAsync(feedId)).Select(r => r.ETag).ToList();
        var appointmentBefore = Assert.Single(await owner.CalendarAppointmentsAsync());

        await fixture.SyncOwnerAsync(owner);

        var requests = fixture.Feeds.LiveRequests(path);
        Assert.Equal(2, requests.Count);
        Assert.Equal((null, 200), requests[0]);
        Assert.Equal(304, requests[1].Status);
        Assert.NotNull(requests[1].IfNoneMatch);
        Assert.Equal(eventsBefore, (await owner.EventRowsAsync(feedId)).Select(r => r.ETag));
        var appointmentAfter = Assert.Single(await owner.CalendarAppointmentsAsync());
        Assert.Equal(appointmentBefore.ETag, appointmentAfter.ETag);
        Assert.Equal(JsonValueKind.Null, (await owner.FeedAsync(feedId)).GetProperty("lastError").ValueKind);
    }

    [Fact]
    public async Task AFeedThatAnswersInFullButUnchangedIsNotAppliedAgain()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var path = IcsFeedApp.NewFeedPath();
        var text = Calendar(At("once@salon", fixture.DaysAhead(3), "Ada Lovelace cut"));
        var feedId = (await owner.AddFeedAsync(fixture.Feeds.Publish(path, text, validators: false))).GetProperty("id").GetString()!;
        await fixture.SyncOwnerAsync(owner);
        var eventsBefore = (await owner.EventRowsAsync(feedId)).Select(r => r.ETag).ToList();

        await fixture.SyncOwnerAsync(owner);

        Assert.Equal([200, 200], fixture.Feeds.LiveRequests(path).Select(r => r.Status));
        Assert.Equal(eventsBefore, (await owner.EventRowsAsync(feedId)).Select(r => r.ETag));

        fixture.Feeds.Publish(path, text.Replace("Ada Lovelace cut", "Ada Lovelace cut and colour", StringComparison.Ordinal), validators: false);
        await fixture.SyncOwnerAsync(owner);

        Assert.NotEqual(eventsBefore, (await owner.EventRowsAsync(feedId)).Select(r => r.ETag));
    }

    [Fact]
    public async Task TheTimerSyncsFeedsOfEveryAccount()
    {
        var (first, _) = await fixture.OwnerWithClientAsync();
        var (second, _) = await fixture.OwnerWithClientAsync();
        using var _first = first;
        using var _second = second;
        await first.AddPublishedFeedAsync(fixture, Calendar(At("a@salon", fixture.DaysAhead(3), "Ada Lovelace cut")));
        await second.AddPublishedFeedAsync(fixture, Calendar(At("b@salon", fixture.DaysAhead(4), "Ada Lovelace trim")));

        using var timer = await fixture.App.Client.PostAsJsonAsync("/SyncCalendars", new { Data = new { }, Metadata = new { } });

        Assert.Equal(HttpStatusCode.OK, timer.StatusCode);
        Assert.Single(await first.CalendarAppointmentsAsync());
        Assert.Single(await second.CalendarAppointmentsAsync());
    }

    [Fact]
    public async Task AnEventWhoseDatesNoLongerReadKeepsItsAppointmentAndTheFeedSaysSo()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var (feedId, path) = await owner.AddPublishedFeedAsync(
            fixture,
            Calendar([.. At("steady@salon", fixture.DaysAhead(3), "Ada Lovelace cut"), .. At("garbled@salon", fixture.DaysAhead(4), "Ada Lovelace colour")])
        );
        await fixture.SyncOwnerAsync(owner);

        fixture.Feeds.Publish(
            path,
            Calendar([
                .. At("steady@salon", fixture.DaysAhead(5), "Ada Lovelace cut"),
                .. Event("garbled@salon", "DTSTART:20261345T250000Z", "SUMMARY:Ada Lovelace colour"),
            ])
        );
        var outcome = await fixture.SyncOwnerAsync(owner);

        Assert.Equal(0, outcome.Failed);
        var appointments = await owner.CalendarAppointmentsAsync();
        Assert.All(appointments, a => Assert.Equal(AppointmentStatus.Scheduled, a.Status));
        Assert.Equal([fixture.DaysAhead(4), fixture.DaysAhead(5)], appointments.Select(a => a.StartUtc).Order());
        var error = (await owner.FeedAsync(feedId)).GetProperty("lastError").GetString()!;
        Assert.StartsWith("1 event in this calendar could not be read", error, StringComparison.Ordinal);
        Assert.Contains("line 10", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASeriesCountedToOneBillionSyncsItsWindowAndOneThatCountsThroughCenturiesIsLeftAside()
    {
        using var owner = await Clients.Owner.SignUpAsync(fixture.App);
        var (feedId, _) = await owner.AddPublishedFeedAsync(fixture, Text("huge-count.ics"));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var outcome = await fixture.SyncOwnerAsync(owner);

        Assert.Equal(0, outcome.Failed);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
        Assert.Equal(30, (await owner.EventRowsAsync(feedId)).Count);
        Assert.All((await owner.ReviewAsync()).EnumerateArray(), i => Assert.Equal("Every day forever", i.GetProperty("subject").GetString()));
        Assert.Contains("could not be read", (await owner.FeedAsync(feedId)).GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }
}
