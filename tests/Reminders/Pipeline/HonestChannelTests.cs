using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

/// <summary>A reminder is listed, from the moment it is planned, with the channel it will really use or why it cannot be sent.</summary>
public class HonestChannelTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    private DateTime InThreeDays => Booking.LocalNow(fixture.Clock).Date.AddDays(3).AddHours(10);

    private static JsonElement OnlyReminder(JsonElement appointment) => Assert.Single(appointment.GetProperty("reminders").EnumerateArray());

    private static (ReminderChannel Channel, ReminderStatus Status, string? Reason) Shown(JsonElement reminder) =>
        (
            WireNames.Parse<ReminderChannel>(reminder.GetProperty("channel").GetString()!),
            WireNames.Parse<ReminderStatus>(reminder.GetProperty("status").GetString()!),
            reminder.GetProperty("reason").GetString()
        );

    private static async Task<JsonElement> ReminderOnPageAsync(Owner owner, string appointmentId) =>
        OnlyReminder(await owner.GetJsonAsync($"/api/appointments/{appointmentId}"));

    [Fact]
    public async Task AnSmsReminderForAClientWithoutAMobileIsSkippedAtOnceWithTheReason()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddRuleAsync(ReminderChannel.Sms);
        var clientId = await owner.AddClientIdAsync(mobile: null, email: "ada@example.com");

        var appointment = await owner.BookAsync(clientId, InThreeDays);

        Assert.Equal((ReminderChannel.Sms, ReminderStatus.Skipped, ClientReach.NoMobile), Shown(OnlyReminder(appointment)));
        Assert.True(OnlyReminder(appointment).GetProperty("missingContact").GetBoolean());
        Assert.Empty((await owner.GetJsonAsync("/api/reminders?status=scheduled")).GetProperty("items").EnumerateArray());
        var skipped = Assert.Single((await owner.GetJsonAsync("/api/reminders?status=skipped")).GetProperty("items").EnumerateArray());
        Assert.Equal((ReminderChannel.Sms, ReminderStatus.Skipped, ClientReach.NoMobile), Shown(skipped));
    }

    [Fact]
    public async Task AnSmsOrEmailReminderIsListedByEmailForAClientWithoutAMobile()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddRuleAsync(ReminderChannel.SmsOrEmail);
        var clientId = await owner.AddClientIdAsync(mobile: null, email: "ada@example.com");

        var appointment = await owner.BookAsync(clientId, InThreeDays);

        Assert.Equal((ReminderChannel.Email, ReminderStatus.Scheduled, null), Shown(OnlyReminder(appointment)));
        var upcoming = Assert.Single((await owner.GetJsonAsync("/api/reminders?status=scheduled")).GetProperty("items").EnumerateArray());
        Assert.Equal(ReminderChannel.Email.Name(), upcoming.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task AddingAMobileLaterSchedulesTheSkippedReminderAndQueuesIt()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddRuleAsync(ReminderChannel.Sms);
        var clientId = await owner.AddClientIdAsync(mobile: null, email: "ada@example.com");
        var appointmentId = (await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(3)))).GetProperty("id").GetString()!;

        using var edited = await owner.Browser.PutJsonAsync(
            $"/api/clients/{clientId}",
            new
            {
                name = "Ada Lovelace",
                mobile = "07700 900123",
                email = "ada@example.com",
            }
        );
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var shown = Shown(await ReminderOnPageAsync(owner, appointmentId));
        Assert.Equal((ReminderChannel.Sms, ReminderStatus.Scheduled), (shown.Channel, shown.Status));
        var reminder = Assert.Single(await owner.RemindersOfAsync(appointmentId));
        await SendQueue.TakeAsync(fixture.App, reminder.Id, reminder.Version);
    }

    [Fact]
    public async Task RemovingTheEmailAddressSkipsAnEmailReminderAtOnce()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddRuleAsync(ReminderChannel.Email);
        var clientId = await owner.AddClientIdAsync(mobile: "07700 900123", email: "ada@example.com");
        var appointmentId = (await owner.BookAsync(clientId, InThreeDays)).GetProperty("id").GetString()!;
        Assert.Equal(ReminderStatus.Scheduled, Shown(await ReminderOnPageAsync(owner, appointmentId)).Status);

        using var edited = await owner.Browser.PutJsonAsync(
            $"/api/clients/{clientId}",
            new
            {
                name = "Ada Lovelace",
                mobile = "07700 900123",
                email = (string?)null,
            }
        );
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        Assert.Equal((ReminderChannel.Email, ReminderStatus.Skipped, ClientReach.NoEmail), Shown(await ReminderOnPageAsync(owner, appointmentId)));
    }

    [Fact]
    public async Task ACancelledAppointmentsReminderForAClientWithoutEmailStaysListedWithTheSkippedOnes()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddRuleAsync(ReminderChannel.Email);
        var clientId = await owner.AddClientIdAsync(mobile: "07700 900123");
        var appointmentId = (await owner.BookAsync(clientId, InThreeDays)).GetProperty("id").GetString()!;

        using var cancelled = await owner.Browser.DeleteJsonAsync($"/api/appointments/{appointmentId}", null);
        Assert.Equal(HttpStatusCode.NoContent, cancelled.StatusCode);

        var listed = Assert.Single((await owner.GetJsonAsync("/api/reminders?status=skipped")).GetProperty("items").EnumerateArray());
        Assert.Equal((ReminderChannel.Email, ReminderStatus.Cancelled, "The appointment was cancelled."), Shown(listed));
        var history = Assert.Single((await owner.GetJsonAsync("/api/history?status=skipped")).GetProperty("items").EnumerateArray());
        Assert.Equal(listed.GetProperty("id").GetString(), history.GetProperty("id").GetString());
        Assert.Equal(ReminderStatus.Cancelled, Shown(await ReminderOnPageAsync(owner, appointmentId)).Status);
    }

    [Fact]
    public async Task AClientBackFromRestrictedIsRemindedOfTheirUpcomingAppointmentsAgain()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddRuleAsync(ReminderChannel.Sms);
        var clientId = await owner.AddClientIdAsync();
        var appointmentId = (await owner.BookAsync(clientId, InThreeDays)).GetProperty("id").GetString()!;
        using var restricted = await owner.Browser.PostJsonAsync($"/api/clients/{clientId}/restrict", null);
        Assert.Equal(ReminderStatus.Cancelled, Shown(await ReminderOnPageAsync(owner, appointmentId)).Status);

        using var unrestricted = await owner.Browser.PostJsonAsync($"/api/clients/{clientId}/unrestrict", null);
        Assert.Equal(HttpStatusCode.OK, unrestricted.StatusCode);

        Assert.Equal((ReminderChannel.Sms, ReminderStatus.Scheduled, null), Shown(await ReminderOnPageAsync(owner, appointmentId)));
    }

    [Fact]
    public async Task ASkippedReminderOfALateBookingIsNotRewrittenByEveryPlanningAgain()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddRuleAsync(ReminderChannel.Sms);
        var clientId = await owner.AddClientIdAsync(mobile: null, email: "ada@example.com");
        var appointmentId = (await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(3)))).GetProperty("id").GetString()!;
        var before = Assert.Single(await owner.RemindersOfAsync(appointmentId));
        Assert.Equal(ReminderStatus.Skipped, before.Status);

        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        await fixture.App.Services.GetRequiredService<ReminderPlanner>().ReplanAccountAsync(await owner.AccountAsync(), CancellationToken.None);

        var after = Assert.Single(await owner.RemindersOfAsync(appointmentId));
        Assert.Equal((before.Id, before.Version, before.DueAt), (after.Id, after.Version, after.DueAt));
    }

    [Fact]
    public async Task AnAppointmentBookedForARestrictedClientListsItsRemindersAsNotGoingOut()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddRuleAsync(ReminderChannel.Sms);
        var clientId = await owner.AddClientIdAsync();
        using var restricted = await owner.Browser.PostJsonAsync($"/api/clients/{clientId}/restrict", null);

        var appointment = await owner.BookAsync(clientId, InThreeDays);

        Assert.Equal((ReminderChannel.Sms, ReminderStatus.Cancelled, "The client is restricted: nothing is sent to them."), Shown(OnlyReminder(appointment)));
        Assert.False(OnlyReminder(appointment).GetProperty("missingContact").GetBoolean());
    }
}
