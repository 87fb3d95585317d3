using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Billing;

public class OperatorPlanChangeTests(PlansApp fixture) : IClassFixture<PlansApp>
{
    private async Task<HttpResponseMessage> ChangeAsync(string accountId, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/operator/accounts/{accountId}/plan")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("X-Operator-Key", key);
        }
        return await fixture.App.Client.SendAsync(request);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("operator-key-for-tests-0123456789abcdeX")]
    [InlineData("operator-key-for-tests-0123456789abcde")]
    public async Task AWrongOrMissingKeyIsRefusedAndChangesNothing(string? key)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await ChangeAsync(owner.AccountId, new { plan = "pro" }, key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("trial", (await owner.AccountAsync()).PlanCode);
    }

    [Fact]
    public async Task TheOwnersOwnSessionCannotChangeThePlan()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await owner.Browser.PostJsonAsync($"/api/operator/accounts/{owner.AccountId}/plan", new { plan = "pro" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("trial", (await owner.AccountAsync()).PlanCode);
    }

    [Fact]
    public async Task TheOperatorKeyMovesAnAccountToAPaidPlanWithItsAllowancesAndSendingResumes()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        await owner.SetAllowancesAsync(endsAt: fixture.Clock.GetUtcNow().AddDays(-1));
        Assert.Equal(ReminderStatus.Skipped, (await owner.SendOneAsync(fixture.Clock, clientId)).Reminder.Status);

        using var response = await ChangeAsync(owner.AccountId, new { plan = "standard" }, PlansApp.OperatorKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await Owners.JsonAsync(response);
        Assert.Equal(
            ("standard", false, 600, 5000),
            (
                plan.GetProperty("code").GetString(),
                plan.GetProperty("ended").GetBoolean(),
                plan.GetProperty("smsAllowance").GetInt32(),
                plan.GetProperty("emailAllowance").GetInt32()
            )
        );
        var account = await owner.AccountAsync();
        Assert.Equal(
            ("standard", (DateTimeOffset?)null, 600, (int?)5000),
            (account.PlanCode, account.PlanEndsAt, account.SmsAllowance, account.EmailAllowance)
        );
        Assert.Equal(SendRun.SentBySms, (await owner.SendOneAsync(fixture.Clock, clientId)).Outcome);
        using var activity = await owner.Browser.GetAsync("/api/me/audit");
        Assert.Contains("PlanChanged", await activity.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlanChangeCarriesItsEndDate()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var paidUntil = fixture.Clock.GetUtcNow().AddDays(31);

        using var response = await ChangeAsync(owner.AccountId, new { plan = "starter", endsAt = paidUntil }, PlansApp.OperatorKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(paidUntil, (await owner.AccountAsync()).PlanEndsAt);
    }

    [Fact]
    public async Task AnUnknownPlanIsRefusedWithTheCodesToUse()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await ChangeAsync(owner.AccountId, new { plan = "platinum" }, PlansApp.OperatorKey);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("trial, starter, standard, pro", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("trial", (await owner.AccountAsync()).PlanCode);
    }

    [Fact]
    public async Task AnUnknownAccountIsNotFound()
    {
        using var response = await ChangeAsync(Guid.NewGuid().ToString("N"), new { plan = "pro" }, PlansApp.OperatorKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>Without Operator:Key the endpoint does not exist as far as any caller can tell; and usage starts again each month.</summary>
public class UnconfiguredOperatorAndMonthTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    [Fact]
    public async Task WithoutAConfiguredKeyThePlanChangeEndpointIsNotFound()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/operator/accounts/{owner.AccountId}/plan")
        {
            Content = new StringContent("{\"plan\":\"pro\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Operator-Key", "");

        using var response = await fixture.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("trial", (await owner.AccountAsync()).PlanCode);
    }

    [Fact]
    public async Task UsageStartsAgainOnTheFirstOfTheMonth()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        await owner.SendOneAsync(fixture.Clock, clientId);
        var usage = fixture.App.Services.GetRequiredService<MessageUsage>();
        // The default text with its answer link is two segments.
        Assert.Equal(new MonthUsage(2, 0), await usage.ThisMonthAsync(owner.AccountId, CancellationToken.None));

        var now = fixture.Clock.GetUtcNow();
        var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        fixture.Clock.Advance(nextMonth - now);

        Assert.Equal(MonthUsage.None, await usage.ThisMonthAsync(owner.AccountId, CancellationToken.None));
    }
}
