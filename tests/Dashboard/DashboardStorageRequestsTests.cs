using ClientReminders.Tests.Billing;
using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Dashboard;

/// <summary>The dashboard is the first page after sign-in: each storage request it makes is paid on every visit.</summary>
public class DashboardStorageRequestsTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    // The agenda's appointments, its reminders with the month's failures, and the kept counts: the session check and the
    // slowly changing facts (calendars, unread replies, the checklist) were read moments ago. It was 10 when the page
    // counted 40 days of reminders itself and read everything else on every visit (13 and 11 before that).
    private const int MaxStorageRequests = 3;

    [Fact]
    public async Task TheDashboardMakesAtMostThreeStorageRequestsWithTheSessionChecked()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        await owner.SendOneAsync(fixture.Clock, clientId);
        await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromDays(3)));
        using (var first = await owner.Browser.GetAsync("/api/dashboard"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode); // loads the client directory into its cache
        }

        var (status, requests) = await StorageRequestsOfOneCall.CountAsync(async () =>
        {
            using var response = await owner.Browser.GetAsync("/api/dashboard");
            return response.StatusCode;
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.InRange(requests, 1, MaxStorageRequests);
    }

    [Fact]
    public async Task TheDailyCountsAndPlanUsageFromTheDashboardsOwnReadMatchTheirOwnEndpoints()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var delivered = await owner.AddClientIdAsync("Delivered Client", mobile: "07700 900011");
        var refused = await owner.AddClientIdAsync("Refused Client", mobile: "07700 900012");
        await owner.AddRuleAsync();
        await owner.SendOneAsync(fixture.Clock, delivered);
        fixture.Sender.FailNext(owner.AccountId, SendFault.Refuse);
        await owner.SendOneAsync(fixture.Clock, refused);
        await owner.BookAsync(delivered, Booking.LocalIn(fixture.Clock, TimeSpan.FromDays(3)));

        using var dashboardResponse = await owner.Browser.GetAsync("/api/dashboard");
        var dashboard = await Owners.JsonAsync(dashboardResponse);
        using var dailyResponse = await owner.Browser.GetAsync("/api/history/daily?days=30");
        using var planResponse = await owner.Browser.GetAsync("/api/plan");

        var daily = (await Owners.JsonAsync(dailyResponse)).GetProperty("days");
        Assert.Equal(1, daily.EnumerateArray().Sum(d => d.GetProperty("sent").GetInt32()));
        Assert.Equal(1, daily.EnumerateArray().Sum(d => d.GetProperty("failed").GetInt32()));
        Assert.Equal(daily.GetRawText(), dashboard.GetProperty("daily").GetRawText());
        var plan = (await Owners.JsonAsync(planResponse)).GetProperty("current");
        // One text: the default with its answer link is two segments.
        Assert.Equal(2, plan.GetProperty("smsUsed").GetInt32());
        Assert.Equal(plan.GetRawText(), dashboard.GetProperty("plan").GetRawText());
    }
}
