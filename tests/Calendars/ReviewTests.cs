using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Calendars;

public class ReviewTests(CalendarApp fixture) : IClassFixture<CalendarApp>
{
    [Fact]
    public async Task AnAttendeeWhoseEmailIsAClientsMatchesThatClient()
    {
        var (owner, _, calendar, _, clientId) = await fixture.OwnerWithCalendarAsync(clientEmail: "ada.l@example.com");
        using var _owner = owner;
        calendar.Add("Initial consultation", fixture.DaysAhead(3), with: e => e.Attendees.Add("Ada.L@Example.com"));

        await fixture.SyncAsync();

        Assert.Equal(clientId, Assert.Single(await owner.CalendarAppointmentsAsync()).ClientId);
    }

    [Fact]
    public async Task AnUnmatchedSeriesIsReviewedAndOnceAssignedForTheSeriesEveryOccurrenceGetsReminders()
    {
        var (owner, _, calendar, _, clientId) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var series = calendar.AddWeeklySeries("Weekly physio", fixture.DaysAhead(2), 3);
        await fixture.SyncAsync();
        var review = await owner.ReviewAsync();
        Assert.Equal(3, review.GetArrayLength());
        Assert.All(review.EnumerateArray(), i => Assert.Equal("unmatched", i.GetProperty("reason").GetString()));
        Assert.Empty(await owner.CalendarAppointmentsAsync());

        using var assigned = await owner.Browser.PostJsonAsync(
            $"/api/calendars/review/{Uri.EscapeDataString(review[0].GetProperty("id").GetString()!)}/assign",
            new { clientId, scope = "series" }
        );
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);

        Assert.Equal(0, (await owner.ReviewAsync()).GetArrayLength());
        var appointments = await owner.CalendarAppointmentsAsync();
        Assert.Equal(3, appointments.Count);
        Assert.All(appointments, a => Assert.Equal(clientId, a.ClientId));
        Assert.Equal(3, (await owner.AllRemindersAsync()).Count(r => r.Status == ReminderStatus.Scheduled));

        calendar.Change(series[2], e => e.MoveBy(TimeSpan.FromHours(1)));
        await fixture.SyncAsync();
        Assert.Equal(0, (await owner.ReviewAsync()).GetArrayLength());
        Assert.Equal(3, (await owner.CalendarAppointmentsAsync()).Count(a => a.ClientId == clientId && a.Status == AppointmentStatus.Scheduled));
    }

    [Fact]
    public async Task AnAmbiguousEventListsItsCandidatesAndIgnoringItKeepsItOut()
    {
        var (owner, _, calendar, _, clientId) = await fixture.OwnerWithCalendarAsync("Sam Lee", "sam1@example.com");
        using var _owner = owner;
        await owner.AddClientIdAsync("Sam Lee", "07700 900456", "sam2@example.com");
        calendar.Add("Sam Lee massage", fixture.DaysAhead(3));
        await fixture.SyncAsync();

        var item = Assert.Single((await owner.ReviewAsync()).EnumerateArray());
        Assert.Equal("ambiguous", item.GetProperty("reason").GetString());
        Assert.Equal(2, item.GetProperty("candidates").GetArrayLength());
        Assert.Equal("Clinic", item.GetProperty("calendarName").GetString());

        using var ignored = await owner.Browser.PostJsonAsync(
            $"/api/calendars/review/{Uri.EscapeDataString(item.GetProperty("id").GetString()!)}/ignore",
            new { scope = "event" }
        );
        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        await fixture.SyncAsync();

        Assert.Equal(0, (await owner.ReviewAsync()).GetArrayLength());
        Assert.Empty(await owner.CalendarAppointmentsAsync());
    }

    [Fact]
    public async Task APhoneNumberInTheSubjectMakesANewClientOnlyWhenTheOwnerAllowsIt()
    {
        var (owner, _, calendar, connectionId, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        calendar.Add("Grace Hopper 07700 900999", fixture.DaysAhead(3));
        await fixture.SyncAsync();
        Assert.Single((await owner.ReviewAsync()).EnumerateArray());

        await owner.ChooseAsync(
            connectionId,
            calendar,
            new
            {
                matchAttendeeEmail = true,
                matchNameInSubject = true,
                matchContactInText = true,
                createClients = true,
                includeAllDay = false,
                includeFree = false,
            }
        );
        await fixture.SyncAsync();

        Assert.Equal(0, (await owner.ReviewAsync()).GetArrayLength());
        var appointment = Assert.Single(await owner.CalendarAppointmentsAsync());
        var client = await owner.GetJsonAsync($"/api/clients/{appointment.ClientId}");
        Assert.Equal("Grace Hopper", client.GetProperty("name").GetString());
        Assert.Equal("+447700900999", client.GetProperty("mobile").GetString());
    }

    [Fact]
    public async Task TheAppointmentsListShowsTheCalendarAndLinksBackToTheEvent()
    {
        var (owner, _, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var item = calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(3));
        await fixture.SyncAsync();

        var listed = Assert.Single(
            (await owner.GetJsonAsync($"/api/appointments?to={DateOnly.FromDateTime(fixture.DaysAhead(10).UtcDateTime):yyyy-MM-dd}"))
                .GetProperty("items")
                .EnumerateArray()
        );

        var source = listed.GetProperty("source");
        Assert.Equal("microsoft", source.GetProperty("kind").GetString());
        Assert.Equal("Clinic", source.GetProperty("calendarName").GetString());
        Assert.Contains(Uri.EscapeDataString(item.Id), source.GetProperty("link").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisconnectingDeletesTheTokensStopsSyncAndAfterConfirmationCancelsFutureAppointments()
    {
        var (owner, user, calendar, connectionId, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(3));
        await fixture.SyncAsync();

        using var disconnected = await owner.Browser.PostJsonAsync(
            $"/api/calendars/connections/{connectionId}/disconnect",
            new { cancelFutureAppointments = true }
        );
        Assert.Equal(HttpStatusCode.OK, disconnected.StatusCode);
        Assert.Equal(1, (await Owners.JsonAsync(disconnected)).GetProperty("cancelledAppointments").GetInt32());

        Assert.Empty(await owner.RawRowsAsync(StorageTables.CalendarConnections));
        Assert.Empty(await owner.RawRowsAsync(StorageTables.CalendarSources));
        Assert.Equal(AppointmentStatus.Cancelled, Assert.Single(await owner.CalendarAppointmentsAsync()).Status);
        Assert.All(await owner.AllRemindersAsync(), r => Assert.Equal(ReminderStatus.Cancelled, r.Status));
        var requests = fixture.Cloud.GraphRequestCount(user.ObjectId);
        await fixture.SyncAsync();
        Assert.Equal(requests, fixture.Cloud.GraphRequestCount(user.ObjectId));
    }
}
