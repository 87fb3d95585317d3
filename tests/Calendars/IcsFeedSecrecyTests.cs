using ClientReminders.Tests.Clients;
using static ClientReminders.Tests.Calendars.Ics.IcsFeeds;
using static ClientReminders.Tests.Calendars.IcsFeedActions;

namespace ClientReminders.Tests.Calendars;

public class IcsFeedSecrecyTests(IcsFeedApp fixture) : IClassFixture<IcsFeedApp>
{
    [Fact]
    public async Task TheFeedAddressIsNeverLoggedAnsweredOrStoredInTheClear()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var token = $"sEcReT{Guid.NewGuid():N}";
        var path = $"{token}/basic.ics";
        var url = fixture.Feeds.Publish(path, Calendar(At("secret@salon", fixture.DaysAhead(3), "Ada Lovelace cut"))) + "?key=" + token;

        using var added = await owner.Browser.PostJsonAsync("/api/calendars/ics", new { name = "Private diary", url });
        var addedBody = await added.Content.ReadAsStringAsync();
        using var again = await owner.Browser.PostJsonAsync("/api/calendars/ics", new { name = "Twice", url });
        var againBody = await again.Content.ReadAsStringAsync();
        await fixture.SyncOwnerAsync(owner);
        await fixture.SyncOwnerAsync(owner);
        fixture.Feeds.Publish(path, Text("truncated.ics"));
        await fixture.SyncOwnerAsync(owner);
        fixture.Feeds.Unpublish(path);
        using var timer = await fixture.App.Client.PostAsJsonAsync("/SyncCalendars", new { Data = new { }, Metadata = new { } });
        var overview = await owner.Browser.GetAsync("/api/calendars");
        var overviewBody = await overview.Content.ReadAsStringAsync();
        var list = await (await owner.Browser.GetAsync("/api/calendars/ics")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("\"address\":\"http://127.0.0.1/…\"", overviewBody, StringComparison.Ordinal);
        Assert.Contains("answered 404", overviewBody, StringComparison.Ordinal);
        Assert.Single(await owner.CalendarAppointmentsAsync());
        foreach (var body in new[] { addedBody, againBody, overviewBody, list })
        {
            Assert.DoesNotContain(token, body, StringComparison.OrdinalIgnoreCase);
        }
        Assert.NotEmpty(fixture.Logs.Lines);
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("http://127.0.0.1/…", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(token, StringComparison.OrdinalIgnoreCase));
        foreach (var table in StorageTables.All)
        {
            var rows = await RawRows.OfAccountAsync(fixture.App, table, owner.AccountId);
            Assert.DoesNotContain(rows, r => r.StoredValues().OfType<string>().Any(v => v.Contains(token, StringComparison.OrdinalIgnoreCase)));
        }
        var source = Assert.Single(await owner.RawRowsAsync(StorageTables.CalendarSources));
        Assert.StartsWith("e1.", (string)source["FeedAddress"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherOwnerCannotSeeChangeOrRemoveAFeed()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        using var stranger = await Owner.SignUpAsync(fixture.App);
        var (feedId, _) = await owner.AddPublishedFeedAsync(fixture, Calendar(At("mine@salon", fixture.DaysAhead(3), "Ada Lovelace cut")));

        using var changed = await stranger.Browser.PutJsonAsync($"/api/calendars/ics/{feedId}", new { name = "Taken" });
        using var removed = await stranger.Browser.DeleteJsonAsync($"/api/calendars/ics/{feedId}", new { cancelFutureAppointments = true });

        Assert.Equal(HttpStatusCode.NotFound, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        Assert.Equal(0, (await stranger.GetJsonAsync("/api/calendars")).GetProperty("feeds").GetArrayLength());
        Assert.Equal("Salon diary", (await owner.FeedAsync(feedId)).GetProperty("name").GetString());
    }
}
