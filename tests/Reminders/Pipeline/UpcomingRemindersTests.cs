using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

/// <summary>The upcoming reminders come a page at a time, soonest first, each page naming the next.</summary>
public class UpcomingRemindersTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    [Fact]
    public async Task UpcomingRemindersComeInPagesSoonestFirstEachNamingTheNext()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        // Out of order, two on one day: the pages follow when each is due.
        foreach (var (days, hour) in new[] { (6, 9), (2, 15), (4, 11), (2, 10), (8, 9), (3, 16), (5, 12) })
        {
            await owner.BookAsync(clientId, Booking.LocalNow(fixture.Clock).Date.AddDays(days).AddHours(hour));
        }

        var pages = new List<List<JsonElement>>();
        string? cursor = null;
        do
        {
            var page = await owner.GetJsonAsync("/api/reminders?status=scheduled&limit=3" + (cursor is null ? "" : "&after=" + Uri.EscapeDataString(cursor)));
            pages.Add([.. page.GetProperty("items").EnumerateArray()]);
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null && pages.Count < 10);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        var due = pages.SelectMany(p => p).Select(r => r.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(due.Order(), due);
        Assert.Equal(7, pages.SelectMany(p => p).Select(r => r.GetProperty("id").GetString()).Distinct().Count());
        var whole = await owner.GetJsonAsync("/api/reminders?status=scheduled");
        Assert.Equal(7, whole.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("&after=tomorrow", "after")]
    [InlineData("&after=1.x", "after")]
    [InlineData("&limit=0", "limit")]
    [InlineData("&limit=501", "limit")]
    public async Task APageThatCannotBeFoundSaysWhy(string query, string field)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await owner.Browser.GetAsync("/api/reminders?status=scheduled" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Owners.JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }
}
