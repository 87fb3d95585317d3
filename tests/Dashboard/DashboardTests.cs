using ClientReminders.Dashboard;
using ClientReminders.Tests.Billing;
using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Dashboard;

public class DashboardTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    private static async Task<JsonElement> DashboardAsync(Owner owner)
    {
        using var response = await owner.Browser.GetAsync("/api/dashboard");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Owners.JsonAsync(response);
    }

    private static IEnumerable<JsonElement> Appointments(JsonElement dashboard) =>
        dashboard.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("appointments").EnumerateArray());

    [Fact]
    public async Task TheDashboardShowsOnlyTheSignedInOwnersAppointmentsAndMessages()
    {
        using var ada = await Owner.SignUpAsync(fixture.App);
        using var bob = await Owner.SignUpAsync(fixture.App);
        var adasClient = await ada.AddClientIdAsync("Ada Client");
        var bobsClient = await bob.AddClientIdAsync("Bob Client");
        await ada.AddRuleAsync();
        await bob.AddRuleAsync();
        fixture.Sender.FailNext(bob.AccountId, SendFault.Refuse);
        await ada.SendOneAsync(fixture.Clock, adasClient);
        await bob.SendOneAsync(fixture.Clock, bobsClient);

        var dashboard = await DashboardAsync(ada);

        Assert.Equal(["Ada Client"], Appointments(dashboard).Select(a => a.GetProperty("clientName").GetString()));
        Assert.Equal(0, dashboard.GetProperty("attention").GetProperty("failedCount").GetInt32());
        Assert.Equal(1, dashboard.GetProperty("daily").EnumerateArray().Sum(d => d.GetProperty("sent").GetInt32()));
        Assert.DoesNotContain("Bob Client", dashboard.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, (await DashboardAsync(bob)).GetProperty("attention").GetProperty("failedCount").GetInt32());
    }

    [Fact]
    public async Task WithoutASessionTheDashboardIsRefused()
    {
        using var browser = new TestBrowser(fixture.App);

        using var response = await browser.GetAsync("/api/dashboard");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheNextSevenDaysAreGroupedByDayWithEachAppointmentsRemindersAndTheirStates()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        var (sent, _) = await owner.SendOneAsync(fixture.Clock, clientId);
        var later = Booking.LocalIn(fixture.Clock, TimeSpan.FromDays(3));
        var inThreeDays = (await owner.BookAsync(clientId, later)).GetProperty("id").GetString();
        await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromDays(10)));

        var dashboard = await DashboardAsync(owner);

        var days = dashboard.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(2, days.Count);
        Assert.Equal(later.ToString("yyyy-MM-dd"), days[1].GetProperty("date").GetString());
        var first = Assert.Single(days[0].GetProperty("appointments").EnumerateArray());
        Assert.Equal(sent.AppointmentId, first.GetProperty("id").GetString());
        Assert.Equal(
            (sent.Id, "sent"),
            (first.GetProperty("reminders")[0].GetProperty("id").GetString(), first.GetProperty("reminders")[0].GetProperty("status").GetString())
        );
        var second = Assert.Single(days[1].GetProperty("appointments").EnumerateArray());
        Assert.Equal((inThreeDays, "scheduled"), (second.GetProperty("id").GetString(), second.GetProperty("reminders")[0].GetProperty("status").GetString()));
        Assert.Equal((clientId, "Follow-up"), (second.GetProperty("clientId").GetString(), second.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task NeedsAttentionListsFailuresWithReasonsBouncedNumbersAndUnreadReplies()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var refusedClient = await owner.AddClientIdAsync("Refused Client", mobile: "07700 900001");
        var bouncedClient = await owner.AddClientIdAsync("Bounced Client", mobile: "07700 900002");
        var confirmingClient = await owner.AddClientIdAsync("Confirming Client", mobile: "07700 900003");
        await owner.AddRuleAsync();
        fixture.Sender.FailNext(owner.AccountId, SendFault.Refuse);
        await owner.SendOneAsync(fixture.Clock, refusedClient);
        var (bounced, _) = await owner.SendOneAsync(fixture.Clock, bouncedClient);
        bounced.DeliveryStatus = DeliveryStatus.Blocked;
        bounced.DeliveredAt = fixture.Clock.GetUtcNow();
        await owner.SaveAsync(bounced);
        var (confirmed, _) = await owner.SendOneAsync(fixture.Clock, confirmingClient);
        await fixture
            .App.Services.GetRequiredService<InboundSms>()
            .HandleAsync(
                new ReplyRoute(owner.AccountId, confirmingClient, confirmed.Id),
                "+447700900003",
                "YES",
                Guid.NewGuid().ToString("N"),
                fixture.Clock.GetUtcNow()
            );

        var dashboard = await DashboardAsync(owner);

        var attention = dashboard.GetProperty("attention");
        Assert.Equal(2, attention.GetProperty("failedCount").GetInt32());
        var reasons = attention
            .GetProperty("failed")
            .EnumerateArray()
            .ToDictionary(f => f.GetProperty("clientName").GetString()!, f => f.GetProperty("reason").GetString());
        Assert.Equal(ScriptedSender.RefusalReason, reasons["Refused Client"]);
        Assert.Equal("The recipient's phone or network blocked the message.", reasons["Bounced Client"]);
        Assert.Equal(["Bounced Client"], attention.GetProperty("bounced").EnumerateArray().Select(b => b.GetProperty("clientName").GetString()));
        Assert.Equal(1, attention.GetProperty("unreadReplies").GetInt32());
        var rate = dashboard.GetProperty("confirmation");
        Assert.Equal(
            (2, 1, 0),
            (rate.GetProperty("reminded").GetInt32(), rate.GetProperty("confirmed").GetInt32(), rate.GetProperty("cancellationRequested").GetInt32())
        );
        Assert.Equal(
            "confirmed",
            Appointments(dashboard).Single(a => a.GetProperty("clientName").GetString() == "Confirming Client").GetProperty("response").GetString()
        );
    }

    /// <summary>
    /// The dashboard reads kept counts where it used to count the rows: for the same data it shows what counting the rows
    /// (the way it did, with the functions it used) shows, including an appointment reminded twice (counted once).
    /// </summary>
    [Fact]
    public async Task TheKeptCountsShowWhatCountingTheRowsAfreshShows()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var moving = await owner.AddClientIdAsync("Moving Client", mobile: "07700 900031");
        var blocked = await owner.AddClientIdAsync("Blocked Client", mobile: "07700 900032");
        var refused = await owner.AddClientIdAsync("Refused Client", mobile: "07700 900033");
        var cancelling = await owner.AddClientIdAsync("Cancelling Client", email: "cancelling@clients.example", mobile: "07700 900034");
        await owner.AddRuleAsync();
        var (first, _) = await owner.SendOneAsync(fixture.Clock, moving);
        var (bounced, _) = await owner.SendOneAsync(fixture.Clock, blocked);
        fixture.Sender.FailNext(owner.AccountId, SendFault.Refuse);
        await owner.SendOneAsync(fixture.Clock, refused);
        var (asked, _) = await owner.SendOneAsync(fixture.Clock, cancelling);
        // Moved after its reminder went: a second reminder for the new start, the same appointment.
        await owner.MoveAsync(first.AppointmentId, moving, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(3)));
        var second = (await owner.RemindersOfAsync(first.AppointmentId)).Single(r => r.Kind == ReminderKind.Reminder && r.Id != first.Id);
        await owner.RunAsync(owner.Message(second));
        var reports = fixture.App.Services.GetRequiredService<DeliveryReports>();
        var now = fixture.Clock.GetUtcNow();
        await reports.ApplyAsync(new DeliveryReport($"{owner.AccountId}/{first.Id}", "Delivered", null, now.AddSeconds(3)), CancellationToken.None);
        await reports.ApplyAsync(new DeliveryReport($"{owner.AccountId}/{bounced.Id}", "Blocked", null, now.AddSeconds(4)), CancellationToken.None);
        var inbound = fixture.App.Services.GetRequiredService<InboundSms>();
        await inbound.HandleAsync(new ReplyRoute(owner.AccountId, moving, second.Id), "+447700900031", "YES", Guid.NewGuid().ToString("N"), now);
        await inbound.HandleAsync(new ReplyRoute(owner.AccountId, cancelling, asked.Id), "+447700900034", "NO", Guid.NewGuid().ToString("N"), now);

        var dashboard = await DashboardAsync(owner);

        var services = fixture.App.Services;
        var rows = await (await services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders)).ListAsync<ReminderEntity>(
            ReminderKeys.AccountFilter(owner.AccountId)
        );
        var utcToday = DateOnly.FromDateTime(now.UtcDateTime);
        var daily = MessageHistory.Daily(rows, utcToday, DashboardService.StatsDays).Days;
        Assert.Equal(
            daily.Select(d => (d.Date, d.Sent, d.Delivered, d.Failed)),
            dashboard
                .GetProperty("daily")
                .EnumerateArray()
                .Select(d =>
                    (
                        d.GetProperty("date").GetString()!,
                        d.GetProperty("sent").GetInt32(),
                        d.GetProperty("delivered").GetInt32(),
                        d.GetProperty("failed").GetInt32()
                    )
                )
        );
        Assert.Equal((4, 1, 2), (daily.Sum(d => d.Sent), daily.Sum(d => d.Delivered), daily.Sum(d => d.Failed)));
        Assert.Equal(MessageUsage.Count(rows, now).SmsSegments, dashboard.GetProperty("plan").GetProperty("smsUsed").GetInt32());
        var reminded = rows.Where(r => r.Kind == ReminderKind.Reminder && r.SentAt >= now.AddDays(-DashboardService.StatsDays))
            .Select(r => r.AppointmentId)
            .Distinct()
            .Count();
        var rate = dashboard.GetProperty("confirmation");
        Assert.Equal(
            (reminded, 1, 1),
            (rate.GetProperty("reminded").GetInt32(), rate.GetProperty("confirmed").GetInt32(), rate.GetProperty("cancellationRequested").GetInt32())
        );
        Assert.Equal(3, reminded);
    }

    [Fact]
    public async Task TheChecklistFollowsTheFirstStepsSaysWhenAllAreDoneAndGoesAwayOnlyWhenDismissed()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var fresh = (await DashboardAsync(owner)).GetProperty("checklist");
        Assert.Equal((false, false, false, false, true), Steps(fresh));
        Assert.False(fresh.GetProperty("allDone").GetBoolean());

        var clientId = await owner.AddClientIdAsync();
        await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromDays(2)));
        using var saved = await owner.Browser.PutJsonAsync("/api/templates/sms", new { body = "Hi {ClientFirstName}, see you {Date} at {Time}." });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal((true, true, true, false, true), Steps((await DashboardAsync(owner)).GetProperty("checklist")));

        using var test = await owner.Browser.PostJsonAsync("/api/dashboard/test-message", new { channel = "email" });
        Assert.Equal(HttpStatusCode.OK, test.StatusCode);
        var finished = (await DashboardAsync(owner)).GetProperty("checklist");
        Assert.Equal((true, true, true, true, true), Steps(finished));
        Assert.True(finished.GetProperty("allDone").GetBoolean());

        using var dismissed = await owner.Browser.PostJsonAsync("/api/dashboard/checklist/dismiss", new { });
        Assert.Equal(HttpStatusCode.NoContent, dismissed.StatusCode);
        Assert.Equal((true, true, true, true, false), Steps((await DashboardAsync(owner)).GetProperty("checklist")));

        static (bool, bool, bool, bool, bool) Steps(JsonElement c) =>
            (
                c.GetProperty("clientsAdded").GetBoolean(),
                c.GetProperty("calendarOrAppointment").GetBoolean(),
                c.GetProperty("templatesChecked").GetBoolean(),
                c.GetProperty("testSent").GetBoolean(),
                c.GetProperty("show").GetBoolean()
            );
    }
}
