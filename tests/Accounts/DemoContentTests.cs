namespace ClientReminders.Tests.Accounts;

public class DemoContentTests
{
    /// <summary>An app that seeded a demo account of its own (a fresh address each time), and a browser signed in to it.</summary>
    private static async Task<(TestApp App, TestBrowser Browser)> SignedInToADemoAsync()
    {
        var email = $"demo-{Guid.NewGuid():N}@clientreminders.example";
        var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["Demo:Seed"] = "true", ["Demo:Email"] = email });
        var browser = new TestBrowser(app);
        await Owners.SignInAsync(browser, email, DemoAccountSeeder.DefaultPassword);
        return (app, browser);
    }

    [Fact]
    public async Task TheDemoAccountComesWithAClinicsClientsAWeekOfAppointmentsAndAReminderDueAtOnce()
    {
        var (app, browser) = await SignedInToADemoAsync();
        await using var _ = app;
        using var __ = browser;

        var clients = await Owners.JsonAsync(await browser.GetAsync("/api/clients"));
        var appointments = await Owners.JsonAsync(await browser.GetAsync("/api/appointments"));
        Assert.Equal(30, clients.GetProperty("total").GetInt32());
        var items = appointments.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(items.Count, 16, 25);
        Assert.InRange(items.Select(a => a.GetProperty("start").GetString()![..10]).Distinct().Count(), 6, 8);
        Assert.InRange(items.Select(a => a.GetProperty("clientId").GetString()).Distinct().Count(), 15, 30);
        Assert.False((await Owners.JsonAsync(await browser.GetAsync("/api/dashboard"))).GetProperty("checklist").GetProperty("show").GetBoolean());
        var accountId = (await Owners.JsonAsync(await browser.GetAsync("/api/me"))).GetProperty("id").GetString()!;
        var first = appointments.GetProperty("items")[0].GetProperty("reminders");
        var dueNow = first
            .EnumerateArray()
            .Where(r =>
                r.GetProperty("status").GetString() == ReminderStatus.Scheduled.Name() && r.GetProperty("dueAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow
            )
            .ToList();
        Assert.NotEmpty(dueNow);

        var smsUsedBefore = (await Owners.JsonAsync(await browser.GetAsync("/api/me"))).GetProperty("plan").GetProperty("smsUsed").GetInt32();
        var sender = app.Services.GetRequiredService<ReminderSender>();
        foreach (var reminder in dueNow)
        {
            var message = JsonSerializer.Serialize(new SendReminderMessage(accountId, reminder.GetProperty("id").GetString()!, 1), JsonSerializerOptions.Web);
            await sender.RunAsync(new QueueInvocation(message, "demo", 1, null), CancellationToken.None);
        }

        var outbox = app.Services.GetRequiredService<LocalReminderOutbox>().For(accountId);
        Assert.Equal(dueNow.Count, outbox.Count);
        Assert.Contains(outbox, m => m.Body.Contains("Harbour Street Physio", StringComparison.Ordinal));
        var plan = (await Owners.JsonAsync(await browser.GetAsync("/api/me"))).GetProperty("plan");
        Assert.Equal(
            outbox.Where(m => m.Channel == ReminderChannel.Sms).Sum(m => SmsEncoding.Analyze(m.Body).Segments),
            plan.GetProperty("smsUsed").GetInt32() - smsUsedBefore
        );
    }

    [Fact]
    public async Task TheDemoAccountsLastFourWeeksShowRemindersDeliveredRepliesAndConfirmations()
    {
        var (app, browser) = await SignedInToADemoAsync();
        await using var _ = app;
        using var __ = browser;

        var dashboard = await Owners.JsonAsync(await browser.GetAsync("/api/dashboard"));
        var history = (await Owners.JsonAsync(await browser.GetAsync("/api/history?status=delivered&limit=500")))
            .GetProperty("items")
            .EnumerateArray()
            .ToList();
        var replies = (await Owners.JsonAsync(await browser.GetAsync("/api/replies"))).GetProperty("items").EnumerateArray().ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var past = (await Owners.JsonAsync(await browser.GetAsync($"/api/appointments?from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}")))
            .GetProperty("items")
            .EnumerateArray()
            .ToList();

        var daily = dashboard.GetProperty("daily").EnumerateArray().ToList();
        Assert.True(daily.Count(d => d.GetProperty("sent").GetInt32() > 0) >= 18, "sends on most days of the last four weeks");
        Assert.Contains(daily, d => d.GetProperty("failed").GetInt32() > 0);
        var confirmation = dashboard.GetProperty("confirmation");
        Assert.InRange(confirmation.GetProperty("reminded").GetInt32(), 60, 110);
        Assert.InRange(confirmation.GetProperty("confirmed").GetInt32() * 100 / confirmation.GetProperty("reminded").GetInt32(), 40, 80);
        Assert.True(confirmation.GetProperty("cancellationRequested").GetInt32() > 0);
        Assert.True(history.Count > 100);
        Assert.Contains(replies, r => r.GetProperty("kind").GetString() == "confirm");
        Assert.Contains(replies, r => r.GetProperty("kind").GetString() == "other");
        var plan = dashboard.GetProperty("plan");
        Assert.True(
            plan.GetProperty("smsAllowance").GetInt32() - plan.GetProperty("smsUsed").GetInt32() >= 50,
            "the history leaves the trial's texts for today's reminders"
        );
        // Each past appointment lists its reminders, as the pipeline left them.
        Assert.All(past.Where(a => a.GetProperty("start").GetString()!.CompareTo(today.AddDays(-2).ToString("yyyy-MM-dd")) < 0), a =>
            Assert.Contains(a.GetProperty("reminders").EnumerateArray(), r => r.GetProperty("status").GetString() == ReminderStatus.Sent.Name())
        );
    }
}
