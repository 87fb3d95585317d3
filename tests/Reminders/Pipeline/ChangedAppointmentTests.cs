using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

/// <summary>
/// A reminder belongs to an appointment, a rule and the start it announced: moves, late bookings and cancellations always
/// leave the client holding the right time, with one message where several would crowd in.
/// </summary>
public class ChangedAppointmentTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    private DateTime InDays(int days, int hour, int minute) => Booking.LocalNow(fixture.Clock).Date.AddDays(days).Add(new TimeSpan(hour, minute, 0));

    private static string IdOf(JsonElement appointment) => appointment.GetProperty("id").GetString()!;

    /// <summary>Booked two hours ahead under a day-ahead rule: its reminder goes at once; sent here.</summary>
    private async Task<(Owner Owner, string ClientId, string AppointmentId, ReminderEntity Sent)> SentForTwoHoursAheadAsync()
    {
        var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.Sms, 1440);
        var id = IdOf(await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2))));
        var reminder = Assert.Single(await owner.RemindersOfAsync(id));
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(reminder));
        return (owner, clientId, id, await owner.ReminderAsync(reminder.Id));
    }

    [Fact]
    public async Task AnAppointmentMovedAfterItsReminderWentGetsAReminderForTheNewStartAndKeepsTheOldOneAsSent()
    {
        var (owner, clientId, id, sent) = await SentForTwoHoursAheadAsync();
        using var _ = owner;

        await owner.MoveAsync(id, clientId, InDays(3, 10, 30));

        var reminders = (await owner.RemindersOfAsync(id)).Where(r => r.Kind == ReminderKind.Reminder).ToList();
        Assert.Equal(2, reminders.Count);
        var kept = Assert.Single(reminders, r => r.Id == sent.Id);
        Assert.Equal((ReminderStatus.Sent, sent.AppointmentStartUtc), (kept.Status, kept.AppointmentStartUtc));
        var next = Assert.Single(reminders, r => r.Id != sent.Id);
        Assert.Equal((ReminderStatus.Scheduled, Booking.InLondon(InDays(3, 10, 30))), (next.Status, next.AppointmentStartUtc));
        Assert.Equal(Booking.InLondon(InDays(2, 10, 30)), next.DueAt);
    }

    [Fact]
    public async Task MovingBackToAStartAReminderAlreadyAnnouncedSendsNothingNewForIt()
    {
        var (owner, clientId, id, sent) = await SentForTwoHoursAheadAsync();
        using var _ = owner;
        var announced = TimeZoneInfo.ConvertTime(sent.AppointmentStartUtc, Booking.London).DateTime;

        await owner.MoveAsync(id, clientId, InDays(3, 10, 30));
        await owner.MoveAsync(id, clientId, announced);

        var only = Assert.Single(await owner.RemindersOfAsync(id), r => r.Kind == ReminderKind.Reminder);
        Assert.Equal((sent.Id, ReminderStatus.Sent), (only.Id, only.Status));
        Assert.Single(owner.Outbox());
    }

    [Fact]
    public async Task MovedToWithinTheRulesLeadTimeTheReminderForTheNewStartGoesAtOnce()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.Sms, 1440);
        var id = IdOf(await owner.BookAsync(clientId, InDays(3, 10, 30)));
        var before = Assert.Single(await owner.RemindersOfAsync(id));

        await owner.MoveAsync(id, clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(3)));

        var after = Assert.Single(await owner.RemindersOfAsync(id));
        Assert.Equal((ReminderStatus.Scheduled, fixture.Clock.GetUtcNow()), (after.Status, after.DueAt));
        Assert.Equal(new SendRun.NoSuchReminder(), await owner.RunAsync(owner.Message(before)));
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(after));
    }

    [Fact]
    public async Task MovedIntoThePastNothingIsSent()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.Sms, 1440);
        var id = IdOf(await owner.BookAsync(clientId, InDays(3, 10, 30)));
        var before = Assert.Single(await owner.RemindersOfAsync(id));

        await owner.MoveAsync(id, clientId, Booking.LocalIn(fixture.Clock, -TimeSpan.FromHours(3)));

        var after = Assert.Single(await owner.RemindersOfAsync(id));
        Assert.Equal((ReminderStatus.Skipped, ReminderTiming.AlreadyStarted), (after.Status, after.Reason));
        Assert.Equal(new SendRun.NoSuchReminder(), await owner.RunAsync(owner.Message(before)));
        Assert.Empty(owner.Outbox());
    }

    [Fact]
    public async Task CancelledBeforeItsReminderWentNothingIsSent()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.Sms, 1440);
        var id = IdOf(await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2))));
        var queued = Assert.Single(await owner.RemindersOfAsync(id));

        using var cancelled = await owner.Browser.DeleteJsonAsync($"/api/appointments/{id}", null);

        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);
        Assert.IsType<SendRun.StaleMessage>(await owner.RunAsync(owner.Message(queued)));
        Assert.Equal(
            (ReminderStatus.Cancelled, "The appointment was cancelled."),
            ((await owner.ReminderAsync(queued.Id)).Status, (await owner.ReminderAsync(queued.Id)).Reason)
        );
        Assert.Empty(owner.Outbox());
    }

    [Fact]
    public async Task ALateBookingSendsOneReminderPerChannelTheOneNearestTheAppointment()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync(email: "ada@example.com");
        var twoDayEmail = await owner.AddRuleAsync(ReminderChannel.Email, 2880);
        var dayAheadSms = await owner.AddRuleAsync(ReminderChannel.Sms, 1440);
        var threeHourSms = await owner.AddRuleAsync(ReminderChannel.Sms, 180);

        var id = IdOf(await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2))));

        var reminders = (await owner.RemindersOfAsync(id)).ToDictionary(r => r.RuleId);
        Assert.Equal((ReminderStatus.Scheduled, fixture.Clock.GetUtcNow()), (reminders[twoDayEmail].Status, reminders[twoDayEmail].DueAt));
        Assert.Equal((ReminderStatus.Scheduled, fixture.Clock.GetUtcNow()), (reminders[threeHourSms].Status, reminders[threeHourSms].DueAt));
        Assert.Equal((ReminderStatus.Skipped, ReminderPlanner.LateNearerOneWent), (reminders[dayAheadSms].Status, reminders[dayAheadSms].Reason));
    }

    [Fact]
    public async Task ABookingLessThanTheCutoffAwaySendsNoneOfTheRemindersWhoseTimeHadPassed()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync(email: "ada@example.com");
        await owner.AddRuleAsync(ReminderChannel.Email, 2880);
        await owner.AddRuleAsync(ReminderChannel.Sms, 1440);

        var id = IdOf(await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromMinutes(10))));

        var reminders = await owner.RemindersOfAsync(id);
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r => Assert.Equal((ReminderStatus.Skipped, ReminderPlanner.LateTooClose(TimeSpan.FromMinutes(30))), (r.Status, r.Reason)));
    }

    [Fact]
    public async Task PlanningALateReminderAgainKeepsItsTime()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.Sms, 1440);
        var start = Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2));
        var id = IdOf(await owner.BookAsync(clientId, start));
        var planned = Assert.Single(await owner.RemindersOfAsync(id));
        fixture.Clock.Advance(TimeSpan.FromMinutes(3));

        await owner.MoveAsync(id, clientId, start, title: "Follow-up (room 2)");

        var again = Assert.Single(await owner.RemindersOfAsync(id));
        Assert.Equal((planned.Id, planned.DueAt), (again.Id, again.DueAt));
    }

    private static async Task<List<ReminderEntity>> NoticesOfAsync(Owner owner, string appointmentId) =>
        [.. (await owner.RemindersOfAsync(appointmentId)).Where(r => r.Kind == ReminderKind.Notice)];

    [Fact]
    public async Task AClientToldOfAnAppointmentHearsOnceThatItMovedAfterTheWaitWithTheNewTime()
    {
        var (owner, clientId, id, _) = await SentForTwoHoursAheadAsync();
        using var _ = owner;

        await owner.MoveAsync(id, clientId, InDays(3, 10, 30));

        var notice = Assert.Single(await NoticesOfAsync(owner, id));
        Assert.Equal((NoticeKind.Moved, ReminderStatus.Scheduled), (notice.Notice, notice.Status));
        Assert.Equal(fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(2), notice.DueAt);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(notice)));
        var text = owner.Outbox()[^1].Body;
        Assert.StartsWith("Hi Ada, your appointment with", text, StringComparison.Ordinal);
        Assert.Contains("has moved to", text, StringComparison.Ordinal);
        Assert.Contains("10:30", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralMovesInQuickSuccessionSendOneNoticeForTheLastStart()
    {
        var (owner, clientId, id, _) = await SentForTwoHoursAheadAsync();
        using var _ = owner;

        await owner.MoveAsync(id, clientId, InDays(3, 10, 30));
        var first = Assert.Single(await NoticesOfAsync(owner, id));
        fixture.Clock.Advance(TimeSpan.FromSeconds(40));
        await owner.MoveAsync(id, clientId, InDays(4, 15, 0));

        var notice = Assert.Single(await NoticesOfAsync(owner, id));
        Assert.Equal((first.Id, first.DueAt), (notice.Id, notice.DueAt));
        Assert.Equal(Booking.InLondon(InDays(4, 15, 0)), notice.AppointmentStartUtc);
        Assert.IsType<SendRun.StaleMessage>(await owner.RunAsync(owner.Message(first)));
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(notice)));
        Assert.Equal(2, owner.Outbox().Count);
    }

    [Fact]
    public async Task MovingBackToTheToldStartBeforeTheNoticeGoesSendsNone()
    {
        var (owner, clientId, id, sent) = await SentForTwoHoursAheadAsync();
        using var _ = owner;

        await owner.MoveAsync(id, clientId, InDays(3, 10, 30));
        var pending = Assert.Single(await NoticesOfAsync(owner, id));
        await owner.MoveAsync(id, clientId, TimeZoneInfo.ConvertTime(sent.AppointmentStartUtc, Booking.London).DateTime);

        var notice = Assert.Single(await NoticesOfAsync(owner, id));
        Assert.Equal(ReminderStatus.Cancelled, notice.Status);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.IsType<SendRun.StaleMessage>(await owner.RunAsync(owner.Message(pending)));
        Assert.Single(owner.Outbox());
    }

    [Fact]
    public async Task ACancelledAppointmentTheClientWasToldOfGetsOneCancellationNoticeAndNoReminder()
    {
        var (owner, _, id, _) = await SentForTwoHoursAheadAsync();
        using var _ = owner;

        using var cancelled = await owner.Browser.DeleteJsonAsync($"/api/appointments/{id}", null);

        var notice = Assert.Single(await NoticesOfAsync(owner, id));
        Assert.Equal(NoticeKind.Cancelled, notice.Notice);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(notice)));
        Assert.Contains("has been cancelled", owner.Outbox()[^1].Body, StringComparison.Ordinal);
        Assert.Single(await NoticesOfAsync(owner, id));
    }

    [Fact]
    public async Task AClientNeverToldOfTheAppointmentGetsNoNotice()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.Sms, 1440);
        var id = IdOf(await owner.BookAsync(clientId, InDays(3, 10, 30)));

        await owner.MoveAsync(id, clientId, InDays(4, 10, 30));
        using var cancelled = await owner.Browser.DeleteJsonAsync($"/api/appointments/{id}", null);

        Assert.Empty(await NoticesOfAsync(owner, id));
    }

    [Fact]
    public async Task NoticesTurnedOffSendNothingWhenAToldAppointmentMoves()
    {
        var (owner, clientId, id, _) = await SentForTwoHoursAheadAsync();
        using var _ = owner;
        using var off = await owner.Browser.PutJsonAsync("/api/settings/notices", new { enabled = false });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);

        await owner.MoveAsync(id, clientId, InDays(3, 10, 30));

        Assert.Empty(await NoticesOfAsync(owner, id));
    }

    [Fact]
    public async Task AClientWhoOptedOutGetsNoNoticeAndTheHistorySaysWhy()
    {
        var (owner, clientId, id, _) = await SentForTwoHoursAheadAsync();
        using var _ = owner;
        await fixture.App.Services.GetRequiredService<ClientService>().OptOutAsync(await owner.AccountAsync(), clientId, CancellationToken.None);

        await owner.MoveAsync(id, clientId, InDays(3, 10, 30));

        var notice = Assert.Single(await NoticesOfAsync(owner, id));
        Assert.Equal((ReminderStatus.Cancelled, "The client opted out of messages."), (notice.Status, notice.Reason));
    }

    private async Task<(Owner Owner, string ClientId, string AppointmentId, DateTime Start)> SentWithLocationAsync(bool showLocation)
    {
        var owner = await Owner.SignUpAsync(fixture.App);
        using var settings = await owner.Browser.PutJsonAsync(
            "/api/settings/reminders",
            new
            {
                includeTitle = false,
                includeLocation = showLocation,
                includeDescription = false,
            }
        );
        using var template = await owner.Browser.PutJsonAsync("/api/templates/sms", new { body = "Hi {ClientFirstName}, {Time} at {Location}." });
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(ReminderChannel.Sms, 1440);
        var start = Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2));
        var id = IdOf(await owner.BookAsync(clientId, start, location: "Harbour Street, room 1"));
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(Assert.Single(await owner.RemindersOfAsync(id))));
        return (owner, clientId, id, start);
    }

    [Fact]
    public async Task ALocationShownInAReminderThatChangesAloneIsTold()
    {
        var (owner, clientId, id, start) = await SentWithLocationAsync(showLocation: true);
        using var _ = owner;

        using var moved = await owner.Browser.PutJsonAsync($"/api/appointments/{id}", AppointmentAt(clientId, start, "Harbour Street, room 2"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var notice = Assert.Single(await NoticesOfAsync(owner, id));
        Assert.Equal((NoticeKind.Moved, ReminderStatus.Scheduled), (notice.Notice, notice.Status));
    }

    [Fact]
    public async Task ALocationTheRemindersLeftOutChangesWithoutANotice()
    {
        var (owner, clientId, id, start) = await SentWithLocationAsync(showLocation: false);
        using var _ = owner;

        using var moved = await owner.Browser.PutJsonAsync($"/api/appointments/{id}", AppointmentAt(clientId, start, "Harbour Street, room 2"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Empty(await NoticesOfAsync(owner, id));
    }

    private static object AppointmentAt(string clientId, DateTime start, string location) => Booking.Appointment(clientId, start, location: location);
}
