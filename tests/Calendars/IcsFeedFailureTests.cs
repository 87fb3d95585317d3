using static ClientReminders.Tests.Calendars.Ics.IcsFeeds;
using static ClientReminders.Tests.Calendars.IcsFeedActions;

namespace ClientReminders.Tests.Calendars;

public class IcsFeedFailureTests(IcsFeedApp fixture) : IClassFixture<IcsFeedApp>
{
    /// <summary>Breaks the feed at <paramref name="path"/> one way; returns the words its error must hold.</summary>
    private string Break(string path, string how)
    {
        switch (how)
        {
            case "truncated":
                fixture.Feeds.Publish(path, Text("truncated.ics"));
                return "could not be read: it is damaged or incomplete";
            case "bad-structure":
                fixture.Feeds.Publish(path, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261201T090000Z\r\nEND:VCALENDAR\r\n");
                return "could not be read: it is damaged or incomplete";
            case "too-many-occurrences":
                fixture.Feeds.Publish(
                    path,
                    Calendar(
                        Event(
                            "often@salon",
                            "DTSTART:20200101T000000Z",
                            "DURATION:PT30M",
                            "RRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;COUNT=1000000000",
                            "SUMMARY:Ada Lovelace every hour"
                        )
                    )
                );
                return $"more than {IcsFeedApp.MaxOccurrences} occurrences";
            case "50-mb-body":
                fixture.Feeds.Redirect(path, "/huge?pauseAfterMb=21");
                return "is larger than 20 MB";
            case "not-a-calendar":
                fixture.Feeds.Redirect(path, "/page");
                return "did not answer with an iCalendar file";
            case "gone":
                fixture.Feeds.Unpublish(path);
                return "answered 404";
            default:
                throw new ArgumentOutOfRangeException(nameof(how));
        }
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("bad-structure")]
    [InlineData("too-many-occurrences")]
    [InlineData("50-mb-body")]
    [InlineData("not-a-calendar")]
    [InlineData("gone")]
    public async Task ABrokenFeedIsACalendarLevelErrorThatChangesNothingAndTheOtherCalendarsStillSync(string how)
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        var (neighbour, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        using var _neighbour = neighbour;
        var (brokenId, brokenPath) = await owner.AddPublishedFeedAsync(
            fixture,
            Calendar(At("kept@salon", fixture.DaysAhead(3), "Ada Lovelace cut")),
            "Breaking"
        );
        var (_, sisterPath) = await owner.AddPublishedFeedAsync(fixture, Calendar(At("first@salon", fixture.DaysAhead(4), "Ada Lovelace trim")), "Sister");
        var (_, neighbourPath) = await neighbour.AddPublishedFeedAsync(
            fixture,
            Calendar(At("first@shop", fixture.DaysAhead(4), "Ada Lovelace trim")),
            "Neighbour"
        );
        await fixture.SyncOwnerAsync(owner);
        await fixture.SyncOwnerAsync(neighbour);

        var expected = Break(brokenPath, how);
        fixture.Feeds.Publish(
            sisterPath,
            Calendar([.. At("first@salon", fixture.DaysAhead(4), "Ada Lovelace trim"), .. At("second@salon", fixture.DaysAhead(6), "Ada Lovelace trim")])
        );
        fixture.Feeds.Publish(
            neighbourPath,
            Calendar([.. At("first@shop", fixture.DaysAhead(4), "Ada Lovelace trim"), .. At("second@shop", fixture.DaysAhead(6), "Ada Lovelace trim")])
        );
        using var timer = await fixture.App.Client.PostAsJsonAsync("/SyncCalendars", new { Data = new { }, Metadata = new { } });

        Assert.Equal(HttpStatusCode.OK, timer.StatusCode);
        var broken = await owner.FeedAsync(brokenId);
        Assert.Contains(expected, broken.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.True(broken.GetProperty("lastSyncFailed").GetBoolean());
        Assert.Equal(JsonValueKind.String, broken.GetProperty("lastSuccessAt").ValueKind);
        var appointments = await owner.CalendarAppointmentsAsync();
        Assert.Equal(3, appointments.Count);
        Assert.All(appointments, a => Assert.Equal(AppointmentStatus.Scheduled, a.Status));
        Assert.Contains(appointments, a => a.StartUtc == fixture.DaysAhead(3));
        Assert.Equal(2, (await neighbour.CalendarAppointmentsAsync()).Count(a => a.Status == AppointmentStatus.Scheduled));
        var sister = (await owner.GetJsonAsync("/api/calendars"))
            .GetProperty("feeds")
            .EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "Sister");
        Assert.Equal(JsonValueKind.Null, sister.GetProperty("lastError").ValueKind);
        Assert.False(sister.GetProperty("lastSyncFailed").GetBoolean());
        Assert.Equal(sister.GetProperty("lastSyncAt").GetString(), sister.GetProperty("lastSuccessAt").GetString());
    }

    [Fact]
    public async Task AFeedThatRecoversIsReadInFullAndItsErrorClears()
    {
        var (owner, _) = await fixture.OwnerWithClientAsync();
        using var _owner = owner;
        var good = Calendar(At("kept@salon", fixture.DaysAhead(3), "Ada Lovelace cut"));
        var (feedId, path) = await owner.AddPublishedFeedAsync(fixture, good);
        await fixture.SyncOwnerAsync(owner);
        Break(path, "truncated");
        Assert.Equal(1, (await fixture.SyncOwnerAsync(owner)).Failed);
        Assert.True((await owner.FeedAsync(feedId)).GetProperty("lastSyncFailed").GetBoolean());

        fixture.Feeds.Publish(path, good);
        var outcome = await fixture.SyncOwnerAsync(owner);

        Assert.Equal(0, outcome.Failed);
        Assert.Equal(200, fixture.Feeds.LiveRequests(path)[^1].Status);
        var recovered = await owner.FeedAsync(feedId);
        Assert.Equal(JsonValueKind.Null, recovered.GetProperty("lastError").ValueKind);
        Assert.False(recovered.GetProperty("lastSyncFailed").GetBoolean());
        Assert.Equal(AppointmentStatus.Scheduled, Assert.Single(await owner.CalendarAppointmentsAsync()).Status);
    }
}
