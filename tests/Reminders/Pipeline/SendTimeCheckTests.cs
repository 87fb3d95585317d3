using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

public class SendTimeCheckTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    private async Task<(ReminderEntity Reminder, string Message)> QueuedAsync(Owner owner, string clientId, ReminderChannel channel = ReminderChannel.Sms)
    {
        await owner.AddRuleAsync(channel);
        var appointment = await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2)));
        var reminder = Assert.Single(await owner.RemindersOfAsync(appointment.GetProperty("id").GetString()!));
        return (reminder, (await SendQueue.TakeAsync(fixture.App, reminder.Id, reminder.Version)).MessageText);
    }

    private async Task AssertNothingSentAsync(Owner owner, ReminderEntity reminder, ReminderStatus status, string reason)
    {
        Assert.Empty(fixture.Sender.AttemptsFor(owner.AccountId));
        var stopped = await owner.ReminderAsync(reminder.Id);
        Assert.Equal((status, reason), (stopped.Status, stopped.Reason));
    }

    [Theory]
    [InlineData("restrict", "The client is restricted: nothing is sent to them.")]
    [InlineData("anonymise", "The client was anonymised.")]
    public async Task NothingIsSentToAClientWhoseStatusChangedAfterTheReminderWasQueued(string action, string reason)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        var (reminder, message) = await QueuedAsync(owner, clientId);
        using var changed = await owner.Browser.PostJsonAsync($"/api/clients/{clientId}/{action}", null);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        await owner.RunAsync(message);

        await AssertNothingSentAsync(owner, reminder, ReminderStatus.Cancelled, reason);
    }

    [Fact]
    public async Task NothingIsSentToAClientRemovedAfterTheReminderWasQueued()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        var (reminder, message) = await QueuedAsync(owner, clientId);
        using var deleted = await owner.Browser.DeleteJsonAsync($"/api/clients/{clientId}", null);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        await owner.RunAsync(message);

        await AssertNothingSentAsync(owner, reminder, ReminderStatus.Cancelled, "The client was removed.");
    }

    [Fact]
    public async Task NothingIsSentForAnAccountClosedAfterTheReminderWasQueued()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var (reminder, message) = await QueuedAsync(owner, await owner.AddClientIdAsync());
        using var closed = await owner.Browser.DeleteJsonAsync("/api/me", new { password = Owners.Password });
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);

        await owner.RunAsync(message);

        await AssertNothingSentAsync(owner, reminder, ReminderStatus.Cancelled, "The account is closed.");
    }

    [Fact]
    public async Task NothingIsSentOnceThePlanHasEnded()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var (reminder, message) = await QueuedAsync(owner, await owner.AddClientIdAsync());
        var account = await owner.AccountAsync();
        account.PlanEndsAt = fixture.Clock.GetUtcNow().AddDays(-1);
        await fixture.App.Services.GetRequiredService<AccountStore>().UpdateAsync(account, CancellationToken.None);

        await owner.RunAsync(message);

        await AssertNothingSentAsync(owner, reminder, ReminderStatus.Skipped, "Your free trial has ended, so reminders are paused until you choose a plan.");
    }

    [Fact]
    public async Task AnSmsReminderIsSkippedWhenTheMobileIsGoneBySendTime()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync(mobile: "07700 900123", email: "ada@example.com");
        var (reminder, message) = await QueuedAsync(owner, clientId);
        // Straight into storage, as a change racing the send would land: an edit through the API plans the reminder again at once.
        var store = fixture.App.Services.GetRequiredService<ClientStore>();
        var client = (await store.GetAsync(owner.AccountId, clientId, CancellationToken.None))!;
        var before = new ClientEntity
        {
            PartitionKey = client.PartitionKey,
            RowKey = client.RowKey,
            MobileHash = client.MobileHash,
            EmailHash = client.EmailHash,
            ReplyRouteKey = client.ReplyRouteKey,
        };
        (client.Mobile, client.MobileHash, client.ReplyRouteKey) = (null, null, null);
        await store.ReplaceAsync(client, before, CancellationToken.None);
        await fixture.App.Services.GetRequiredService<AccountStore>().BumpClientsVersionAsync(owner.AccountId, CancellationToken.None);

        await owner.RunAsync(message);

        await AssertNothingSentAsync(owner, reminder, ReminderStatus.Skipped, "The client has no mobile number.");
    }

    [Fact]
    public async Task AnSmsOrEmailReminderGoesByEmailToAClientWithoutAMobile()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var (reminder, message) = await QueuedAsync(owner, await owner.AddClientIdAsync(mobile: null, email: "ada@example.com"), ReminderChannel.SmsOrEmail);

        Assert.Equal(SendRun.SentByEmail, await owner.RunAsync(message));

        var sent = Assert.Single(owner.Outbox());
        Assert.Equal((ReminderChannel.Email, "ada@example.com"), (sent.Channel, sent.To));
        Assert.Equal(ReminderChannel.Email, (await owner.ReminderAsync(reminder.Id)).Channel);
    }

    [Fact]
    public async Task AnSmsReminderBeyondTheMonthsAllowanceIsSkipped()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await UseAllowanceOfAsync(owner, 1);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        var first = await BookNowAsync(owner, clientId);
        var second = await BookNowAsync(owner, clientId);

        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(first)));
        await owner.RunAsync(owner.Message(second));

        Assert.Single(owner.Outbox());
        var skipped = await owner.ReminderAsync(second.Id);
        Assert.Equal(
            (ReminderStatus.Skipped, "This month's SMS allowance is used up, and the client has no email address to send it to instead."),
            (skipped.Status, skipped.Reason)
        );
    }

    [Fact]
    public async Task AnSmsOrEmailReminderBeyondTheMonthsAllowanceGoesByEmail()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await UseAllowanceOfAsync(owner, 1);
        var clientId = await owner.AddClientIdAsync(email: "ada@example.com");
        await owner.AddRuleAsync(ReminderChannel.SmsOrEmail);
        var first = await BookNowAsync(owner, clientId);
        var second = await BookNowAsync(owner, clientId);

        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(first)));
        Assert.Equal(SendRun.SentByEmail, await owner.RunAsync(owner.Message(second)));

        Assert.Equal(2, owner.Outbox().Count);
        Assert.Equal(ReminderChannel.Email, Assert.Single(owner.Outbox(), m => m.ReminderId == second.Id).Channel);
    }

    [Theory]
    [InlineData(true, "Ada: Sports massage")]
    [InlineData(false, "Ada:")]
    public async Task TheTitleIsInTheReminderOnlyWhenTheSettingsIncludeIt(bool includeTitle, string expected)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        using var template = await owner.Browser.PutJsonAsync("/api/templates/sms", new { body = "{ClientFirstName}: {Title}" });
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        using var settings = await owner.Browser.PutJsonAsync(
            "/api/settings/reminders",
            new
            {
                includeTitle,
                includeLocation = false,
                includeDescription = false,
            }
        );
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        var appointment = await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2)), title: "Sports massage");

        await owner.RunAsync(owner.Message(Assert.Single(await owner.RemindersOfAsync(appointment.GetProperty("id").GetString()!))));

        Assert.Equal(expected, Assert.Single(owner.Outbox()).Body);
    }

    [Fact]
    public async Task AnAppointmentEditedAfterItsReminderWasQueuedIsSentAsEditedFromTheRemindersOwnCopy()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        using var template = await owner.Browser.PutJsonAsync("/api/templates/sms", new { body = "{ClientFirstName}: {Title} at {Time}" });
        using var settings = await owner.Browser.PutJsonAsync(
            "/api/settings/reminders",
            new
            {
                includeTitle = true,
                includeLocation = false,
                includeDescription = false,
            }
        );
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        var start = Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2));
        var id = (await owner.BookAsync(clientId, start, title: "Sports massage")).GetProperty("id").GetString()!;
        var queued = Assert.Single(await owner.RemindersOfAsync(id));
        Assert.NotNull(queued.AppointmentStart);
        Assert.DoesNotContain("Sports massage", queued.AppointmentTitle, StringComparison.Ordinal);

        await owner.MoveAsync(id, clientId, start.AddMinutes(30), title: "Deep tissue massage");
        var edited = Assert.Single(await owner.RemindersOfAsync(id));
        // The reminder for the old start gave way to the one for the new start, whose own copy holds the new title.
        Assert.Equal(new SendRun.NoSuchReminder(), await owner.RunAsync(owner.Message(queued)));
        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(edited)));

        Assert.Equal($"Ada: Deep tissue massage at {start.AddMinutes(30):HH:mm}", Assert.Single(owner.Outbox()).Body);
        var sent = await owner.ReminderAsync(edited.Id);
        Assert.All(new[] { sent.AppointmentStart, sent.AppointmentTitle, sent.AppointmentLocation, sent.AppointmentNotes }, Assert.Null);
    }

    private async Task UseAllowanceOfAsync(Owner owner, int segments)
    {
        var account = await owner.AccountAsync();
        account.SmsAllowance = segments;
        await fixture.App.Services.GetRequiredService<AccountStore>().UpdateAsync(account, CancellationToken.None);
    }

    private async Task<ReminderEntity> BookNowAsync(Owner owner, string clientId)
    {
        var appointment = await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2)));
        return Assert.Single(await owner.RemindersOfAsync(appointment.GetProperty("id").GetString()!));
    }
}
