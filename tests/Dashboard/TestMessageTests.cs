using ClientReminders.Tests.Billing;
using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Dashboard;

public class TestMessageTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    [Fact]
    public async Task ATestEmailIsTheOwnersTemplateWithSampleValuesSentToTheirOwnAddressAndCounted()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await owner.Browser.PostJsonAsync("/api/dashboard/test-message", new { channel = "email" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(owner.Outbox());
        Assert.Equal((ReminderChannel.Email, owner.Email), (sent.Channel, sent.To));
        Assert.StartsWith("[Test] ", sent.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("{", sent.Body, StringComparison.Ordinal);
        Assert.Equal(1, (await owner.PlanAsync()).GetProperty("emailUsed").GetInt32());
    }

    [Fact]
    public async Task ATestTextGoesToTheNumberTheOwnerGivesAndCountsItsSegments()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        using var template = await owner.Browser.PutJsonAsync("/api/templates/sms", new { body = "Hi {ClientFirstName}, " + new string('x', 200) });

        using var response = await owner.Browser.PostJsonAsync("/api/dashboard/test-message", new { channel = "sms", mobile = "07700 900555" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("0555", (await Owners.JsonAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("+447700900555", Assert.Single(owner.Outbox()).To);
        Assert.Equal(2, (await owner.PlanAsync()).GetProperty("smsUsed").GetInt32());
    }

    [Theory]
    [InlineData("sms", "not a number", "mobile")]
    [InlineData("fax", null, "channel")]
    public async Task BadInputIsRefusedWithTheFieldToFix(string channel, string? mobile, string field)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await owner.Browser.PostJsonAsync("/api/dashboard/test-message", new { channel, mobile });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Owners.JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Empty(owner.Outbox());
    }

    [Fact]
    public async Task NoTestIsSentOnceTheTrialHasEndedOrTheAllowanceIsUsedUp()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.SetAllowancesAsync(email: 0);
        using var usedUp = await owner.Browser.PostJsonAsync("/api/dashboard/test-message", new { channel = "email" });
        await owner.SetAllowancesAsync(email: 10, endsAt: fixture.Clock.GetUtcNow().AddMinutes(-1));
        using var ended = await owner.Browser.PostJsonAsync("/api/dashboard/test-message", new { channel = "email" });

        Assert.Contains("email allowance is used up", await usedUp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("free trial has ended", await ended.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(owner.Outbox());
    }
}
