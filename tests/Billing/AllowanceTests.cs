using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Billing;

public class AllowanceTests(PlansApp fixture) : IClassFixture<PlansApp>
{
    private const string NearlyUsedTexts = "You have used most of this month's text messages";
    private const string UsedUpTexts = "This month's text messages are used up";

    [Fact]
    public async Task ANewAccountIsOnTheTrialWithItsAllowancesAndTheOffersToChooseFrom()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await owner.Browser.GetAsync("/api/plan");
        var body = await Owners.JsonAsync(response);
        var plan = body.GetProperty("current");

        Assert.Equal(
            ("trial", true, false),
            (plan.GetProperty("code").GetString(), plan.GetProperty("isTrial").GetBoolean(), plan.GetProperty("ended").GetBoolean())
        );
        Assert.Equal(
            (50, 0, 500, 0),
            (
                plan.GetProperty("smsAllowance").GetInt32(),
                plan.GetProperty("smsUsed").GetInt32(),
                plan.GetProperty("emailAllowance").GetInt32(),
                plan.GetProperty("emailUsed").GetInt32()
            )
        );
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(14), plan.GetProperty("endsAt").GetDateTimeOffset(), TimeSpan.FromMinutes(1));
        var offers = body.GetProperty("available").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Equal(["trial", "starter", "standard", "pro"], offers);
    }

    [Fact]
    public async Task UsageCountsTheSegmentsAndEmailsSentThisMonthFromTheReminders()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var texted = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.SmsOrEmail);
        var emailed = await owner.AddClientIdAsync("Grace Hopper", mobile: null, email: "grace@example.com");
        using var longTemplate = await owner.Browser.PutJsonAsync("/api/templates/sms", new { body = "{ClientFirstName}, " + new string('x', 200) });

        await owner.SendOneAsync(fixture.Clock, texted);
        await owner.SendOneAsync(fixture.Clock, emailed);

        var plan = await owner.PlanAsync();
        Assert.Equal((2, 1), (plan.GetProperty("smsUsed").GetInt32(), plan.GetProperty("emailUsed").GetInt32()));
    }

    [Fact]
    public async Task TheOwnerIsWarnedOnceAMonthAtEightyPercentOfTheSmsAllowance()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.SetAllowancesAsync(sms: 5);
        // One segment a text, so the allowance counts texts.
        using var shortText = await owner.Browser.PutJsonAsync("/api/templates/sms", new { body = "{ClientFirstName}, see you at {Time}." });
        Assert.Equal(HttpStatusCode.OK, shortText.StatusCode);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();

        for (var i = 0; i < 3; i++)
        {
            await owner.SendOneAsync(fixture.Clock, clientId);
        }
        Assert.DoesNotContain(NearlyUsedTexts, owner.SubjectsTo());
        await owner.SendOneAsync(fixture.Clock, clientId);
        Assert.Single(owner.SubjectsTo(), s => s == NearlyUsedTexts);
        await owner.SendOneAsync(fixture.Clock, clientId);

        Assert.Single(owner.SubjectsTo(), s => s == NearlyUsedTexts);
        var warning = Owners.EmailsTo(fixture.App, owner.Email).Single(e => e.Message.Subject == NearlyUsedTexts);
        Assert.Contains("4 of the 5 text messages", warning.Message.Text, StringComparison.Ordinal);
        Assert.Equal(5, (await owner.PlanAsync()).GetProperty("smsUsed").GetInt32());
    }

    [Fact]
    public async Task AtTheSmsLimitAnSmsReminderGoesByEmailToAClientWhoHasOneAndTheOwnerIsToldOnce()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.SetAllowancesAsync(sms: 1);
        var clientId = await owner.AddClientIdAsync(email: "ada@example.com");
        await owner.AddRuleAsync(ReminderChannel.Sms);

        Assert.Equal(SendRun.SentBySms, (await owner.SendOneAsync(fixture.Clock, clientId)).Outcome);
        var (second, outcome) = await owner.SendOneAsync(fixture.Clock, clientId);
        var (third, _) = await owner.SendOneAsync(fixture.Clock, clientId);

        Assert.Equal(SendRun.SentByEmail, outcome);
        Assert.Equal((ReminderChannel.Email, ReminderChannel.Email), (second.Channel, third.Channel));
        Assert.Equal("ada@example.com", owner.Outbox().Single(m => m.ReminderId == second.Id).To);
        Assert.Single(owner.SubjectsTo(), s => s == UsedUpTexts);
    }

    [Fact]
    public async Task AtTheSmsLimitAReminderForAClientWhoUnsubscribedFromEmailIsSkippedWithTheReason()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.SetAllowancesAsync(sms: 0);
        var clientId = await owner.AddClientIdAsync(email: "ada@example.com");
        var stored = await fixture.App.Services.GetRequiredService<ClientStore>().GetAsync(owner.AccountId, clientId, CancellationToken.None);
        stored!.EmailOptedOut = true;
        var table = await fixture.App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Clients);
        await table.UpdateEntityAsync(stored, stored.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        await owner.AddRuleAsync(ReminderChannel.SmsOrEmail);

        var (reminder, _) = await owner.SendOneAsync(fixture.Clock, clientId);

        Assert.Equal(
            (ReminderStatus.Skipped, "This month's SMS allowance is used up, and the client unsubscribed from email."),
            (reminder.Status, reminder.Reason)
        );
        Assert.Empty(owner.Outbox());
    }

    [Fact]
    public async Task AtTheEmailLimitAnEmailReminderIsSkippedAndTheOwnerIsToldOnce()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.SetAllowancesAsync(email: 1);
        var clientId = await owner.AddClientIdAsync(mobile: null, email: "ada@example.com");
        await owner.AddRuleAsync(ReminderChannel.Email);

        Assert.Equal(SendRun.SentByEmail, (await owner.SendOneAsync(fixture.Clock, clientId)).Outcome);
        var (second, _) = await owner.SendOneAsync(fixture.Clock, clientId);
        var (third, _) = await owner.SendOneAsync(fixture.Clock, clientId);

        Assert.Equal((ReminderStatus.Skipped, "This month's email allowance is used up."), (second.Status, second.Reason));
        Assert.Equal(ReminderStatus.Skipped, third.Status);
        Assert.Single(owner.Outbox());
        Assert.Single(owner.SubjectsTo(), s => s == "This month's emails are used up");
    }

    [Fact]
    public async Task WhenTheTrialEndsNothingIsSentTheAppSaysSoAndTheOwnerIsEmailedOnce()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        await owner.SetAllowancesAsync(endsAt: fixture.Clock.GetUtcNow().AddMinutes(-1));

        var (first, _) = await owner.SendOneAsync(fixture.Clock, clientId);
        var (second, _) = await owner.SendOneAsync(fixture.Clock, clientId);

        Assert.All(new[] { first, second }, r =>
            Assert.Equal((ReminderStatus.Skipped, "Your free trial has ended, so reminders are paused until you choose a plan."), (r.Status, r.Reason))
        );
        Assert.Empty(owner.Outbox());
        Assert.Single(owner.SubjectsTo(), s => s == "Your free trial has ended");
        Assert.True((await owner.PlanAsync()).GetProperty("ended").GetBoolean());
    }
}
