using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Messaging;

public class DevInboundSmsTests(MessagingApp fixture) : IClassFixture<MessagingApp>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task ADevReplyRunsTheSameHandlerForTheOwnersOwnClient()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        var national = "0" + texted.Mobile[3..];

        using var yes = await owner.Browser.PostJsonAsync("/api/dev/inbound-sms", new { from = national, text = "Yes" });
        using var stop = await owner.Browser.PostJsonAsync("/api/dev/inbound-sms", new { from = national, text = "STOP" });

        Assert.Equal(HttpStatusCode.Accepted, yes.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, stop.StatusCode);
        Assert.Equal("confirmed", (await owner.GetJsonAsync($"/api/appointments/{texted.AppointmentId}")).GetProperty("response").GetString());
        Assert.Equal("opted-out", await Texting.ClientStatusAsync(owner, texted.ClientId));
        Assert.Equal(2, (await owner.GetJsonAsync("/api/replies")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task ADevReplyOnlyReachesTheSignedInOwnersClients()
    {
        using var owner = await Owner.SignUpAsync(App);
        using var other = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);

        using var response = await other.Browser.PostJsonAsync("/api/dev/inbound-sms", new { from = texted.Mobile, text = "STOP" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("active", await Texting.ClientStatusAsync(owner, texted.ClientId));
    }

    [Fact]
    public async Task ADevReplyNeedsASignedInOwner()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        using var stranger = new TestBrowser(App);

        using var response = await stranger.PostJsonAsync("/api/dev/inbound-sms", new { from = texted.Mobile, text = "STOP" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("active", await Texting.ClientStatusAsync(owner, texted.ClientId));
    }

    [Fact]
    public async Task OutsideDevelopmentThereIsNoDevReplyEndpoint()
    {
        await using var app = await Owners.StartAppAsync(
            new Dictionary<string, string> { ["environment"] = "Production", ["RateLimits:Auth:PerIpPermits"] = "10000" }
        );
        using var owner = await Owner.SignUpAsync(app);

        using var response = await owner.Browser.PostJsonAsync("/api/dev/inbound-sms", new { from = Texting.NewMobile(), text = "STOP" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
