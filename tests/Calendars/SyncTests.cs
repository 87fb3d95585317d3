using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Calendars;

public class SyncTests(CalendarApp fixture) : IClassFixture<CalendarApp>
{
    [Fact]
    public async Task AFullSyncFollowsEveryPageKeepsTheDeltaLinkEncryptedAndASteadyScanIsOneGraphRequest()
    {
        var (owner, user, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        user.MaxPageSize = 10;
        for (var day = 1; day <= 25; day++)
        {
            calendar.Add($"Ada Lovelace session {day}", fixture.DaysAhead(day));
        }

        await fixture.SyncAsync();

        Assert.Equal(25, (await owner.CalendarAppointmentsAsync()).Count);
        var requests = fixture.Cloud.GraphRequests.Where(r => r.UserOid == user.ObjectId && r.Path.Contains("delta", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Contains("outlook.timezone=\"UTC\"", r.Prefer, StringComparison.Ordinal));
        var source = Assert.Single(await owner.RawRowsAsync(StorageTables.CalendarSources));
        Assert.StartsWith("e1.", (string)source["DeltaLink"], StringComparison.Ordinal);
        Assert.DoesNotContain("deltatoken", string.Join(" ", source.StoredValues()), StringComparison.Ordinal);

        var before = fixture.Cloud.GraphRequestCount(user.ObjectId);
        await fixture.SyncAsync();

        Assert.Equal(before + 1, fixture.Cloud.GraphRequestCount(user.ObjectId));
        Assert.Contains("$deltatoken=", fixture.Cloud.GraphRequests.Last(r => r.UserOid == user.ObjectId).Query, StringComparison.Ordinal);
        Assert.Equal(25, (await owner.CalendarAppointmentsAsync()).Count);
    }

    [Fact]
    public async Task AFullSyncAsksGraphForAHundredEventsAPage()
    {
        var (owner, user, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        for (var i = 0; i < 110; i++)
        {
            calendar.Add($"Supplier call {i}", fixture.DaysAhead(1 + i % 20, 8 + i % 9));
        }

        await fixture.SyncAsync();

        var requests = fixture.Cloud.GraphRequests.Where(r => r.UserOid == user.ObjectId && r.Path.Contains("delta", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Contains("odata.maxpagesize=100", r.Prefer, StringComparison.Ordinal));
        Assert.Equal(110, (await owner.ReviewAsync()).GetArrayLength());
    }

    [Fact]
    public async Task MovingAnEventInOutlookMovesItsReminderAndCancellingItCancelsIt()
    {
        var (owner, _, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var moving = calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(3));
        var cancelling = calendar.Add("Ada Lovelace follow-up", fixture.DaysAhead(4));
        await fixture.SyncAsync();

        calendar.Change(moving, e => e.MoveBy(TimeSpan.FromDays(1)));
        calendar.Change(cancelling, e => e.IsCancelled = true);
        await fixture.SyncAsync();

        var appointments = await owner.CalendarAppointmentsAsync();
        var moved = appointments.Single(a => a.StartUtc == fixture.DaysAhead(4) && a.Status == AppointmentStatus.Scheduled);
        var reminder = Assert.Single(await owner.RemindersOfAsync(moved.Id));
        Assert.Equal(ReminderStatus.Scheduled, reminder.Status);
        Assert.Equal(fixture.DaysAhead(3), reminder.DueAt);
        var cancelled = appointments.Single(a => a.Status == AppointmentStatus.Cancelled);
        Assert.Equal(ReminderStatus.Cancelled, Assert.Single(await owner.RemindersOfAsync(cancelled.Id)).Status);
        Assert.Equal(2, appointments.Count);
    }

    [Fact]
    public async Task AnEventMovedInOutlookAfterItsReminderWentGetsAReminderAndANoticeForTheNewStart()
    {
        var (owner, _, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var moving = calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(0, hourUtc: 11));
        await fixture.SyncAsync();
        var appointment = Assert.Single(await owner.CalendarAppointmentsAsync());
        var sent = Assert.Single(await owner.RemindersOfAsync(appointment.Id));
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(sent));

        calendar.Change(moving, e => e.MoveBy(TimeSpan.FromDays(3)));
        await fixture.SyncAsync();

        var rows = await owner.RemindersOfAsync(appointment.Id);
        Assert.Contains(rows, r => r.Id == sent.Id && r.Status == ReminderStatus.Sent);
        var next = Assert.Single(rows, r => r.Kind == ReminderKind.Reminder && r.Id != sent.Id);
        Assert.Equal((ReminderStatus.Scheduled, fixture.DaysAhead(3, hourUtc: 11)), (next.Status, next.AppointmentStartUtc));
        Assert.Equal(NoticeKind.Moved, Assert.Single(rows, r => r.Kind == ReminderKind.Notice).Notice);
    }

    [Fact]
    public async Task ADeletedEventArrivesAsRemovedAndCancelsItsAppointment()
    {
        var (owner, _, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var item = calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(3));
        await fixture.SyncAsync();

        calendar.Delete(item);
        await fixture.SyncAsync();

        var appointment = Assert.Single(await owner.CalendarAppointmentsAsync());
        Assert.Equal(AppointmentStatus.Cancelled, appointment.Status);
        Assert.Equal(ReminderStatus.Cancelled, Assert.Single(await owner.RemindersOfAsync(appointment.Id)).Status);
    }

    [Fact]
    public async Task LostSyncStateFallsBackToAFullSyncWithoutDuplicatesAndCatchesDeletionsMeanwhile()
    {
        var (owner, user, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        calendar.Add("Ada Lovelace one", fixture.DaysAhead(2));
        var deleted = calendar.Add("Ada Lovelace two", fixture.DaysAhead(3));
        await fixture.SyncAsync();
        var reminders = (await owner.AllRemindersAsync()).Select(r => r.Id).Order().ToList();

        fixture.Cloud.ForgetSyncState();
        calendar.Delete(deleted);
        calendar.Add("Ada Lovelace three", fixture.DaysAhead(5));
        await fixture.SyncAsync();

        Assert.Equal(2, fixture.Cloud.GraphRequests.Count(r => r.UserOid == user.ObjectId && r.Query.Contains("startDateTime", StringComparison.Ordinal)));
        var appointments = await owner.CalendarAppointmentsAsync();
        Assert.Equal(3, appointments.Count);
        Assert.Equal(2, appointments.Count(a => a.Status == AppointmentStatus.Scheduled));
        var after = await owner.AllRemindersAsync();
        Assert.Equal(3, after.Count);
        Assert.All(reminders, id => Assert.Contains(after, r => r.Id == id));
        Assert.Equal(AppointmentStatus.Cancelled, appointments.Single(a => a.StartUtc == fixture.DaysAhead(3)).Status);
    }

    [Fact]
    public async Task MovingOneOccurrenceOfASeriesMovesOnlyThatOccurrence()
    {
        var (owner, _, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var series = calendar.AddWeeklySeries("Ada Lovelace weekly", fixture.DaysAhead(2), 3);
        await fixture.SyncAsync();
        var before = (await owner.CalendarAppointmentsAsync()).ToDictionary(a => a.Id, a => a.Version);

        calendar.Change(series[1], e => e.MoveBy(TimeSpan.FromHours(2)));
        await fixture.SyncAsync();

        var after = await owner.CalendarAppointmentsAsync();
        Assert.Equal(3, after.Count);
        Assert.Equal(before.Keys.Order(), after.Select(a => a.Id).Order());
        var changed = Assert.Single(after, a => a.Version != before[a.Id]);
        Assert.Equal(series[1].StartUtc, changed.StartUtc);
        Assert.All(after, a => Assert.Equal(AppointmentStatus.Scheduled, a.Status));
    }

    [Fact]
    public async Task AWindowsTimeZoneBecomesTheIanaZoneAndADstCrossingSeriesKeepsItsLocalTime()
    {
        var (owner, _, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var firstLocal = TimeZoneInfo.ConvertTime(fixture.DaysAhead(1), newYork).Date.AddHours(9);
        calendar.AddWeeklySeries("Ada Lovelace weekly", new DateTimeOffset(firstLocal, newYork.GetUtcOffset(firstLocal)), 4, "Eastern Standard Time");

        await fixture.SyncAsync();

        var appointments = await owner.CalendarAppointmentsAsync();
        Assert.Equal(4, appointments.Count);
        Assert.All(appointments, a =>
        {
            Assert.Equal("America/New_York", a.TimeZone);
            Assert.EndsWith("T09:00:00", a.Start, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AllDayFreeAndNoRemindEventsAreSkipped()
    {
        var (owner, _, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        calendar.Add("Ada Lovelace day off", fixture.DaysAhead(2), TimeSpan.FromDays(1), with: e => e.IsAllDay = true);
        calendar.Add("Ada Lovelace maybe", fixture.DaysAhead(3), with: e => e.ShowAs = "free");
        calendar.Add("Ada Lovelace #noremind", fixture.DaysAhead(4));
        calendar.Add("Ada Lovelace real", fixture.DaysAhead(5));

        await fixture.SyncAsync();

        Assert.Equal(fixture.DaysAhead(5), Assert.Single(await owner.CalendarAppointmentsAsync()).StartUtc);
        Assert.Equal(0, (await owner.ReviewAsync()).GetArrayLength());
    }

    [Fact]
    public async Task ThrottledRequestsAreRetriedAfterRetryAfter()
    {
        var (owner, _, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(3));
        fixture.Cloud.ThrottleNext(429, 1);

        var outcome = await fixture.App.Services.GetRequiredService<CalendarSync>().SyncAccountAsync(owner.AccountId, CancellationToken.None);

        Assert.Equal(0, outcome.Failed);
        Assert.Single(await owner.CalendarAppointmentsAsync());
    }

    [Fact]
    public async Task TheRecordedDeltaRoundsAreReadPageByPageAndTheRemovalIsHarmless()
    {
        var owner = await Owner.SignUpAsync(fixture.App);
        using var _owner = owner;
        await owner.AddClientIdAsync("Samantha Booth", "07700 900123", "samanthab@contoso.onmicrosoft.com");
        var user = fixture.Cloud.AddUser();
        var calendar = user.AddCalendar("Calendar");
        var connectionId = await owner.ConnectAsync(fixture.Cloud, user);
        await owner.ChooseAsync(connectionId, calendar);
        var recordings = Path.Combine(AppContext.BaseDirectory, "Calendars", "Recordings");
        // The recorded events are from 2016: sync as of then.
        var clock = fixture.Clock.GetUtcNow();
        fixture.Clock.Advance(new DateTimeOffset(2016, 12, 1, 0, 0, 0, TimeSpan.Zero) - clock);
        try
        {
            fixture.Cloud.Script(null, File.ReadAllText(Path.Combine(recordings, "calendarview-delta-round1-page1-nextlink.json")));
            fixture.Cloud.Script("R0usmcCM996atia_s", File.ReadAllText(Path.Combine(recordings, "calendarview-delta-round1-page2-nextlink.json")));
            fixture.Cloud.Script("R0usmci39OQxqJrxK4", File.ReadAllText(Path.Combine(recordings, "calendarview-delta-round1-page3-deltalink.json")));
            fixture.Cloud.Script("R0usmcMDNGg0J1E", File.ReadAllText(Path.Combine(recordings, "calendarview-delta-round2-removed-deltalink.json")));

            var sync = fixture.App.Services.GetRequiredService<CalendarSync>();
            Assert.Equal(0, (await sync.SyncAccountAsync(owner.AccountId, CancellationToken.None)).Failed);
            var review = await owner.ReviewAsync();
            Assert.Equal(
                ["Get food", "Pick up car", "Plan shopping list", "Prepare food", "Rest!"],
                review.EnumerateArray().Select(i => i.GetProperty("subject").GetString()!).Order(StringComparer.Ordinal)
            );

            Assert.Equal(0, (await sync.SyncAccountAsync(owner.AccountId, CancellationToken.None)).Failed);
            Assert.Equal(6, (await owner.ReviewAsync()).GetArrayLength());
        }
        finally
        {
            fixture.Cloud.ClearScript();
            fixture.Clock.Advance(clock - fixture.Clock.GetUtcNow());
        }
    }

    [Fact]
    public async Task AnEventAPageListsAndThenRemovesStaysRemoved()
    {
        var owner = await Owner.SignUpAsync(fixture.App);
        using var _owner = owner;
        await owner.AddClientIdAsync("Samantha Booth", "07700 900123", "samanthab@contoso.onmicrosoft.com");
        var user = fixture.Cloud.AddUser();
        var calendar = user.AddCalendar("Calendar");
        var connectionId = await owner.ConnectAsync(fixture.Cloud, user);
        await owner.ChooseAsync(connectionId, calendar);
        var start = fixture.Clock.GetUtcNow().AddDays(3).UtcDateTime;
        var when = (DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);
        var page = $$$"""
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(event)","@odata.deltaLink":"https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=AfterTheRemoval","value":[
              {"@odata.type":"#microsoft.graph.event","subject":"Samantha Booth check-up","body":{"contentType":"html","content":""},"start":{"dateTime":"{{{when(
                start
            )}}}","timeZone":"UTC"},"end":{"dateTime":"{{{when(
                start.AddHours(1)
            )}}}","timeZone":"UTC"},"location":{"displayName":""},"attendees":[],"id":"AAMkListedThenRemoved="},
              {"@odata.type":"#microsoft.graph.event","id":"AAMkListedThenRemoved=","@removed":{"reason":"deleted"}}]}
            """;
        try
        {
            fixture.Cloud.Script(null, page);

            Assert.Equal(0, (await fixture.App.Services.GetRequiredService<CalendarSync>().SyncAccountAsync(owner.AccountId, CancellationToken.None)).Failed);

            var appointments = await owner.Browser.GetAsync("/api/appointments");
            Assert.DoesNotContain("Samantha Booth check-up", await appointments.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            fixture.Cloud.ClearScript();
        }
    }
}
