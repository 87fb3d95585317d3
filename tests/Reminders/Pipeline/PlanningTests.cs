using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

public class PlanningTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    private DateTime InDays(int days, int hour, int minute) => Booking.LocalNow(fixture.Clock).Date.AddDays(days).Add(new TimeSpan(hour, minute, 0));

    [Fact]
    public async Task ADayAheadRuleIsDueTheDayBeforeAtTheSameLocalTime()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.Sms, 1440, "08:00", "20:00");
        var start = InDays(3, 10, 30);

        var appointment = await owner.BookAsync(clientId, start);

        var reminder = Assert.Single(appointment.GetProperty("reminders").EnumerateArray());
        Assert.Equal(ReminderStatus.Scheduled.Name(), reminder.GetProperty("status").GetString());
        Assert.Equal(Booking.InLondon(start.AddDays(-1)), reminder.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task AReminderThatWouldFallBeforeTheSendingWindowIsDueAtTheEndOfThePreviousDaysWindow()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.Sms, 120, "08:00", "20:00");
        var start = InDays(3, 9, 0);

        var appointment = await owner.BookAsync(clientId, start);

        var reminder = Assert.Single(appointment.GetProperty("reminders").EnumerateArray());
        Assert.Equal(Booking.InLondon(start.Date.AddDays(-1).AddHours(20)), reminder.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task TheListNarrowedToOneClientHoldsOnlyTheirAppointmentsWithTheirReminders()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddRuleAsync();
        var mine = (await owner.AddClientAsync("Ada Mine", "07700 900201")).GetProperty("id").GetString()!;
        var theirs = (await owner.AddClientAsync("Bea Theirs", "07700 900202")).GetProperty("id").GetString()!;
        var coming = (await owner.BookAsync(mine, InDays(3, 10, 30))).GetProperty("id").GetString()!;
        await owner.BookAsync(theirs, InDays(3, 11, 30));
        var today = DateOnly.FromDateTime(Booking.LocalNow(fixture.Clock));

        var items = (await owner.GetJsonAsync($"/api/appointments?from={today.AddDays(-90):yyyy-MM-dd}&to={today.AddDays(366):yyyy-MM-dd}&clientId={mine}"))
            .GetProperty("items")
            .EnumerateArray()
            .ToList();

        var only = Assert.Single(items);
        Assert.Equal(coming, only.GetProperty("id").GetString());
        Assert.Single(only.GetProperty("reminders").EnumerateArray());
        Assert.Equal(2, (await owner.GetJsonAsync("/api/appointments")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task BookingTheSameAppointmentTwiceMakesTwoAppointmentsWithOneReminderEach()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();

        var first = await owner.BookAsync(clientId, InDays(3, 10, 30));
        var second = await owner.BookAsync(clientId, InDays(3, 10, 30));

        Assert.NotEqual(first.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Single(await owner.RemindersOfAsync(first.GetProperty("id").GetString()!));
        Assert.Single(await owner.RemindersOfAsync(second.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task PlanningAnAppointmentAgainNeverMakesASecondReminderForTheSameRule()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        var id = (await owner.BookAsync(clientId, InDays(3, 10, 30))).GetProperty("id").GetString()!;
        var planner = fixture.App.Services.GetRequiredService<ReminderPlanner>();
        var appointments = fixture.App.Services.GetRequiredService<AppointmentService>();
        var account = await owner.AccountAsync();

        await owner.MoveAsync(id, clientId, InDays(3, 10, 30));
        await planner.PlanAsync(account, (await appointments.FindAsync(owner.AccountId, id, CancellationToken.None))!, CancellationToken.None);
        await planner.PlanAsync(account, (await appointments.FindAsync(owner.AccountId, id, CancellationToken.None))!, CancellationToken.None);

        Assert.Single(await owner.RemindersOfAsync(id));
    }

    [Fact]
    public async Task PlanningOneAppointmentTwiceAtOnceMakesOneReminder()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        var id = (await owner.BookAsync(clientId, InDays(3, 10, 30))).GetProperty("id").GetString()!;
        await owner.InsertRuleAsync();
        var planner = fixture.App.Services.GetRequiredService<ReminderPlanner>();
        var appointment = (await fixture.App.Services.GetRequiredService<AppointmentService>().FindAsync(owner.AccountId, id, CancellationToken.None))!;
        var account = await owner.AccountAsync();
        Assert.Empty(await owner.RemindersOfAsync(id));

        await Task.WhenAll(planner.PlanAsync(account, appointment, CancellationToken.None), planner.PlanAsync(account, appointment, CancellationToken.None));

        Assert.Single(await owner.RemindersOfAsync(id));
    }

    [Fact]
    public async Task MovingAnAppointmentMakesItsQueuedMessageStaleAndQueuesOneForTheNewTime()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        var id = (await owner.BookAsync(clientId, InDays(3, 10, 30))).GetProperty("id").GetString()!;
        var before = Assert.Single(await owner.RemindersOfAsync(id));

        await owner.MoveAsync(id, clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2)));

        // Due on another day now, so in another partition under another id: the old row is gone with its message.
        var after = Assert.Single(await owner.RemindersOfAsync(id));
        Assert.NotEqual(before.Id, after.Id);
        Assert.Equal(fixture.Clock.GetUtcNow(), after.DueAt);
        Assert.Equal(new SendRun.NoSuchReminder(), await owner.RunAsync(owner.Message(before)));
        Assert.Empty(owner.Outbox());
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(after));
        Assert.Single(owner.Outbox());
    }

    [Fact]
    public async Task MovingAnAppointmentWithinTheDayReplacesItsUnsentReminderWithOneForTheNewStart()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        var id = (await owner.BookAsync(clientId, InDays(3, 10, 30))).GetProperty("id").GetString()!;
        var before = Assert.Single(await owner.RemindersOfAsync(id));

        await owner.MoveAsync(id, clientId, InDays(3, 11, 30));

        // A reminder belongs to the start it announces: the one for 10:30 gives way to one for 11:30, its message finding nothing.
        var after = Assert.Single(await owner.RemindersOfAsync(id));
        Assert.NotEqual(before.Id, after.Id);
        Assert.Equal((before.DueAt + TimeSpan.FromHours(1), Booking.InLondon(InDays(3, 11, 30))), (after.DueAt, after.AppointmentStartUtc));
        Assert.Equal(new SendRun.NoSuchReminder(), await owner.RunAsync(owner.Message(before)));
    }

    [Fact]
    public async Task AnAppointmentMovedTwiceAcrossDaysKeepsOneReminderAndFindsItEachTime()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        var id = (await owner.BookAsync(clientId, InDays(3, 10, 30))).GetProperty("id").GetString()!;

        await owner.MoveAsync(id, clientId, InDays(5, 10, 30));
        await owner.MoveAsync(id, clientId, InDays(4, 10, 30));

        var reminder = Assert.Single(await owner.RemindersOfAsync(id));
        Assert.Equal(Booking.InLondon(InDays(3, 10, 30)), reminder.DueAt);
        var shown = (await owner.GetJsonAsync($"/api/appointments/{id}")).GetProperty("reminders").EnumerateArray().ToList();
        Assert.Equal(reminder.Id, Assert.Single(shown).GetProperty("id").GetString());
    }

    [Fact]
    public async Task CancellingAnAppointmentCancelsItsReminders()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.Sms, 1440);
        await owner.AddRuleAsync(ReminderChannel.Sms, 120);
        var id = (await owner.BookAsync(clientId, InDays(3, 10, 30))).GetProperty("id").GetString()!;

        using var response = await owner.Browser.DeleteJsonAsync($"/api/appointments/{id}", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var reminders = await owner.RemindersOfAsync(id);
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r => Assert.Equal((ReminderStatus.Cancelled, "The appointment was cancelled."), (r.Status, r.Reason)));
    }

    [Fact]
    public async Task DeletingARuleCancelsItsScheduledReminders()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        var ruleId = await owner.AddRuleAsync();
        var id = (await owner.BookAsync(clientId, InDays(3, 10, 30))).GetProperty("id").GetString()!;

        using var response = await owner.Browser.DeleteJsonAsync($"/api/rules/{ruleId}", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var reminder = Assert.Single(await owner.RemindersOfAsync(id));
        Assert.Equal((ReminderStatus.Cancelled, "The rule was deleted."), (reminder.Status, reminder.Reason));
    }

    [Fact]
    public async Task AKeywordRuleRemindsOnlyAppointmentsWhoseTitleHasTheKeyword()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(keyword: "massage");

        var massage = await owner.BookAsync(clientId, InDays(3, 10, 30), title: "Sports Massage");
        var checkUp = await owner.BookAsync(clientId, InDays(3, 12, 0), title: "Check-up");

        Assert.Equal(ReminderStatus.Scheduled.Name(), Assert.Single(massage.GetProperty("reminders").EnumerateArray()).GetProperty("status").GetString());
        Assert.Empty(checkUp.GetProperty("reminders").EnumerateArray());
    }

    [Fact]
    public async Task AnAppointmentBookedAfterItsReminderTimeIsRemindedAtOnce()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.Sms, 1440);

        var appointment = await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2)));

        var reminder = Assert.Single(await owner.RemindersOfAsync(appointment.GetProperty("id").GetString()!));
        Assert.Equal((ReminderStatus.Scheduled, ReminderTiming.CreatedLate), (reminder.Status, reminder.Reason));
        Assert.Equal(fixture.Clock.GetUtcNow(), reminder.DueAt);
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(reminder));
    }

    [Fact]
    public async Task AnAppointmentInThePastGetsASkippedReminderThatSaysWhy()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();

        var appointment = await owner.BookAsync(clientId, InDays(-1, 10, 30));

        var reminder = Assert.Single(await owner.RemindersOfAsync(appointment.GetProperty("id").GetString()!));
        Assert.Equal((ReminderStatus.Skipped, ReminderTiming.AlreadyStarted), (reminder.Status, reminder.Reason));
    }

    [Fact]
    public async Task ThePlannerTimerQueuesAReminderSavedButNeverQueued()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        await SendQueue.DiscardAsync(fixture.App, reminder);
        reminder.QueuedVersion = reminder.Version - 1;
        await owner.SaveAsync(reminder);

        var queued = await fixture.App.Services.GetRequiredService<ReminderPlanner>().QueueDueSoonAsync(CancellationToken.None);

        Assert.True(queued >= 1);
        Assert.Equal(reminder.Version, (await owner.ReminderAsync(reminder.Id)).QueuedVersion);
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(reminder));
        Assert.Single(owner.Outbox());
    }
}
