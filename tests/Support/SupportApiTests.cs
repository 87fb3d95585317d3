namespace ClientReminders.Tests.Support;

public class SupportApiTests
{
    private const string SupportAddress = "help@clientreminders.example";

    [Fact]
    public async Task AValidRequestIsAcceptedAndEmailedToTheSupportAddress()
    {
        await using var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["Support:Address"] = SupportAddress });
        using var browser = new TestBrowser(app);
        var text = $"My reminders stopped on Tuesday ({Guid.NewGuid():N}).";

        using var response = await browser.PostJsonAsync(
            "/api/support",
            new
            {
                name = "Jane Doe",
                email = "jane@example.com",
                message = text,
            }
        );

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Owners.Outbox(app).LatestTo(SupportAddress);
        Assert.NotNull(sent);
        Assert.Contains(text, sent.Message.Text, StringComparison.Ordinal);
        Assert.Contains("jane@example.com", sent.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvalidRequestIsRefusedFieldByFieldAndNothingIsSent()
    {
        await using var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["Support:Address"] = SupportAddress });
        using var browser = new TestBrowser(app);

        using var response = await browser.PostJsonAsync(
            "/api/support",
            new
            {
                name = " ",
                email = "Jane <jane@example.com>",
                message = "",
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Owners.JsonAsync(response)).GetProperty("errors");
        Assert.Equal(["email", "message", "name"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Null(Owners.Outbox(app).LatestTo(SupportAddress));
    }
}
