using ClientReminders.Tests.Clients;
using static ClientReminders.Tests.Calendars.Ics.IcsFeeds;
using static ClientReminders.Tests.Calendars.IcsFeedActions;

namespace ClientReminders.Tests.Calendars;

public class IcsFeedsApiTests(IcsFeedApp fixture) : IClassFixture<IcsFeedApp>
{
    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await Owners.JsonAsync(response)).GetProperty("errors");
    }

    [Theory]
    [InlineData("", "url", "starts with https:// or webcal://")]
    [InlineData("calendar.google.com/calendar/ical/x/basic.ics", "url", "not a web address")]
    [InlineData("ftp://example.com/basic.ics", "url", "not a web address")]
    [InlineData("http://calendar.example.com/private/basic.ics", "url", "Only https (or webcal)")]
    [InlineData("https://user:secret@calendar.example.com/basic.ics", "url", "user name or password")]
    [InlineData("https://10.0.0.7/basic.ics", "url", "private network")]
    [InlineData("https://[::1]/basic.ics", "url", "private network")]
    public async Task AnAddressThatCannotBeAFeedIsRefusedWithAFieldError(string url, string field, string words)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await owner.Browser.PostJsonAsync("/api/calendars/ics", new { name = "Diary", url });

        var errors = await ErrorsAsync(response);
        Assert.Contains(words, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await owner.GetJsonAsync("/api/calendars")).GetProperty("feeds").GetArrayLength());
    }

    [Fact]
    public async Task ANamelessFeedIsRefusedAndAWebcalAddressIsTakenAsHttps()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        var nameless = await ErrorsAsync(await owner.Browser.PostJsonAsync("/api/calendars/ics", new { name = " ", url = "" }));
        var added = await owner.AddFeedAsync("webcal://p01-caldav.icloud.com/published/2/secret-token", "iCloud");

        Assert.Equal(["name", "url"], nameless.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("https://p01-caldav.icloud.com/…", added.GetProperty("address").GetString());
        Assert.Equal("ics", added.GetProperty("kind").GetString());
        Assert.True(added.GetProperty("matching").GetProperty("matchNameInSubject").GetBoolean());
        Assert.False(added.GetProperty("matching").GetProperty("includeAllDay").GetBoolean());
        Assert.Equal(JsonValueKind.Null, added.GetProperty("lastSyncAt").ValueKind);
    }

    [Fact]
    public async Task AnAccountHasAtMostItsCapOfFeeds()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        for (var i = 0; i < IcsFeedApp.MaxFeeds; i++)
        {
            await owner.AddFeedAsync($"https://calendar.example.com/feed-{i}.ics", $"Diary {i}");
        }

        using var response = await owner.Browser.PostJsonAsync("/api/calendars/ics", new { name = "One more", url = "https://calendar.example.com/more.ics" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"at most {IcsFeedApp.MaxFeeds}", (await Owners.JsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(IcsFeedApp.MaxFeeds, (await owner.GetJsonAsync("/api/calendars/ics")).GetProperty("feeds").GetArrayLength());
    }

    [Fact]
    public async Task TheOverviewListsFeedsBesideTheConnectionsItAlreadyHad()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var feed = await owner.AddFeedAsync("https://calendar.google.com/calendar/ical/x%40group/private-abc/basic.ics", "Google");

        var overview = await owner.GetJsonAsync("/api/calendars");

        Assert.Equal(0, overview.GetProperty("connections").GetArrayLength());
        Assert.Equal(0, overview.GetProperty("reviewCount").GetInt32());
        Assert.Equal(JsonValueKind.False, overview.GetProperty("configured").ValueKind);
        var listed = Assert.Single(overview.GetProperty("feeds").EnumerateArray());
        Assert.Equal(feed.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        Assert.Equal("https://calendar.google.com/…", listed.GetProperty("address").GetString());
        Assert.Equal(
            ["address", "id", "kind", "lastError", "lastSuccessAt", "lastSyncAt", "lastSyncFailed", "matching", "name"],
            listed.EnumerateObject().Select(p => p.Name).Order()
        );
    }

    [Fact]
    public async Task RenamingKeepsTheFeedAndNewMatchingOptionsApplyToEveryEventAtTheNextSync()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var day = fixture.DaysAhead(3).UtcDateTime;
        var (feedId, path) = await owner.AddPublishedFeedAsync(
            fixture,
            Calendar(
                Event("allday@salon", $"DTSTART;VALUE=DATE:{day:yyyyMMdd}", $"DTEND;VALUE=DATE:{day.AddDays(1):yyyyMMdd}", "SUMMARY:Ada Lovelace workshop")
            )
        );
        await fixture.SyncOwnerAsync(owner);
        Assert.Empty(await owner.CalendarAppointmentsAsync());

        using var renamed = await owner.Browser.PutJsonAsync($"/api/calendars/ics/{feedId}", new { name = "Workshops" });
        using var rematched = await owner.Browser.PutJsonAsync(
            $"/api/calendars/ics/{feedId}",
            new
            {
                matching = new
                {
                    matchAttendeeEmail = true,
                    matchNameInSubject = true,
                    matchContactInText = true,
                    createClients = false,
                    includeAllDay = true,
                    includeFree = false,
                },
            }
        );
        await fixture.SyncOwnerAsync(owner);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rematched.StatusCode);
        var feed = await owner.FeedAsync(feedId);
        Assert.Equal("Workshops", feed.GetProperty("name").GetString());
        Assert.True(feed.GetProperty("matching").GetProperty("includeAllDay").GetBoolean());
        var appointment = Assert.Single(await owner.CalendarAppointmentsAsync());
        Assert.Equal("Workshops", appointment.SourceName);
        Assert.Equal(2, fixture.Feeds.LiveRequests(path).Count(r => r.Status == 200));
    }

    [Fact]
    public async Task ANewAddressIsReadInFullAtTheNextSyncAndWhatTheOldOneHadIsReconciled()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var (feedId, oldPath) = await owner.AddPublishedFeedAsync(
            fixture,
            Calendar([.. At("kept@salon", fixture.DaysAhead(3), "Ada Lovelace cut"), .. At("dropped@salon", fixture.DaysAhead(4), "Ada Lovelace trim")])
        );
        await fixture.SyncOwnerAsync(owner);
        var newPath = IcsFeedApp.NewFeedPath();
        var newUrl = fixture.Feeds.Publish(newPath, Calendar(At("kept@salon", fixture.DaysAhead(3), "Ada Lovelace cut")));

        using var changed = await owner.Browser.PutJsonAsync($"/api/calendars/ics/{feedId}", new { url = newUrl });
        await fixture.SyncOwnerAsync(owner);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("Salon diary", (await Owners.JsonAsync(changed)).GetProperty("name").GetString());
        Assert.Single(fixture.Feeds.LiveRequests(oldPath));
        Assert.Equal([(null, 200)], fixture.Feeds.LiveRequests(newPath));
        var appointments = await owner.CalendarAppointmentsAsync();
        Assert.Equal(AppointmentStatus.Scheduled, appointments.Single(a => a.StartUtc == fixture.DaysAhead(3)).Status);
        Assert.Equal(AppointmentStatus.Cancelled, appointments.Single(a => a.StartUtc == fixture.DaysAhead(4)).Status);
    }

    [Fact]
    public async Task AChangeWithABadNameOrAddressIsRefusedAndAnUnknownFeedIsNotFound()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var feedId = (await owner.AddFeedAsync("https://calendar.example.com/a.ics")).GetProperty("id").GetString()!;

        var errors = await ErrorsAsync(
            await owner.Browser.PutJsonAsync($"/api/calendars/ics/{feedId}", new { name = new string('x', 101), url = "http://calendar.example.com/a.ics" })
        );
        using var unknown = await owner.Browser.PutJsonAsync($"/api/calendars/ics/{new string('a', 32)}", new { name = "X" });
        using var notAnId = await owner.Browser.DeleteJsonAsync("/api/calendars/ics/..%23", new { });

        Assert.Equal(["name", "url"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        Assert.Equal("Salon diary", (await owner.FeedAsync(feedId)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task RemovingAFeedWithCancellationCancelsItsFutureAppointmentsAndForgetsItsEvents()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var (feedId, _) = await owner.AddPublishedFeedAsync(
            fixture,
            Calendar([
                .. At("a@salon", fixture.DaysAhead(3), "Ada Lovelace cut"),
                .. At("b@salon", fixture.DaysAhead(4), "Ada Lovelace trim"),
                .. At("c@salon", fixture.DaysAhead(5), "Supplier meeting"),
            ])
        );
        await fixture.SyncOwnerAsync(owner);

        using var removed = await owner.Browser.DeleteJsonAsync($"/api/calendars/ics/{feedId}", new { cancelFutureAppointments = true });

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(2, (await Owners.JsonAsync(removed)).GetProperty("cancelledAppointments").GetInt32());
        var appointments = await owner.CalendarAppointmentsAsync();
        Assert.Equal(2, appointments.Count);
        Assert.All(appointments, a => Assert.Equal(AppointmentStatus.Cancelled, a.Status));
        Assert.All(await owner.AllRemindersAsync(), r => Assert.Equal(ReminderStatus.Cancelled, r.Status));
        Assert.Empty(await owner.EventRowsAsync(feedId));
        Assert.Equal(0, (await owner.GetJsonAsync("/api/calendars")).GetProperty("feeds").GetArrayLength());
        Assert.Equal(0, (await owner.ReviewAsync()).GetArrayLength());
    }

    [Fact]
    public async Task RemovingAFeedWithoutCancellationKeepsItsAppointments()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var (feedId, _) = await owner.AddPublishedFeedAsync(fixture, Calendar(At("a@salon", fixture.DaysAhead(3), "Ada Lovelace cut")));
        await fixture.SyncOwnerAsync(owner);

        using var removed = await owner.Browser.DeleteJsonAsync($"/api/calendars/ics/{feedId}", new { cancelFutureAppointments = false });
        await fixture.SyncOwnerAsync(owner);

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(0, (await Owners.JsonAsync(removed)).GetProperty("cancelledAppointments").GetInt32());
        Assert.Equal(AppointmentStatus.Scheduled, Assert.Single(await owner.CalendarAppointmentsAsync()).Status);
        Assert.Equal(ReminderStatus.Scheduled, Assert.Single(await owner.AllRemindersAsync()).Status);
    }
}
