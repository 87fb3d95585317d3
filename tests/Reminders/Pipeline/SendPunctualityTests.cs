using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

/// <summary>
/// The queue makes a message visible up to a second before its reminder is due (it counts delays in whole seconds):
/// the sender must still never hand a reminder over before its due instant.
/// </summary>
public class SendPunctualityTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    /// <summary>A reminder due an hour before an appointment three hours ahead, with the clock moved to <paramref name="beforeDue"/> before it.</summary>
    private async Task<ReminderEntity> ReminderDueInAsync(Owner owner, TimeSpan beforeDue)
    {
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync(offsetMinutes: 60);
        var appointment = await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(3)));
        var reminder = Assert.Single(await owner.RemindersOfAsync(appointment.GetProperty("id").GetString()!));
        Assert.True(reminder.DueAt > fixture.Clock.GetUtcNow() + beforeDue, "the reminder is planned for later, not to be sent at once");
        fixture.Clock.Advance(reminder.DueAt - beforeDue - fixture.Clock.GetUtcNow());
        return reminder;
    }

    [Fact]
    public async Task AMessageArriving600MsBeforeItsReminderIsDueIsHandedOverAtTheDueInstantNotBefore()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await ReminderDueInAsync(owner, TimeSpan.FromMilliseconds(600));

        var run = owner.RunAsync(owner.Message(reminder));
        var waitingForTheDueInstant = fixture.Clock.WaitForTimerDueAtAsync(reminder.DueAt);
        await Task.WhenAny(run, waitingForTheDueInstant);

        Assert.False(run.IsCompleted, $"The run ended ({run.Status}) before the clock reached the due instant.");
        await waitingForTheDueInstant;
        Assert.Empty(fixture.Sender.AttemptsFor(owner.AccountId));
        Assert.Empty(owner.Outbox());

        fixture.Clock.Advance(TimeSpan.FromMilliseconds(600));

        Assert.Equal(SendRun.SentBySms, await run);
        var sent = await owner.ReminderAsync(reminder.Id);
        Assert.Equal(ReminderStatus.Sent, sent.Status);
        Assert.True(sent.ClaimedAt >= reminder.DueAt, $"claimed at {sent.ClaimedAt:O}, due at {reminder.DueAt:O}");
        Assert.True(sent.SentAt >= reminder.DueAt, $"sent at {sent.SentAt:O}, due at {reminder.DueAt:O}");
        Assert.True(Assert.Single(owner.Outbox()).SentAt >= reminder.DueAt);
    }

    [Fact]
    public async Task AMessageArrivingMoreThanASecondBeforeItsReminderIsDueIsQueuedAgainNotSent()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await ReminderDueInAsync(owner, TimeSpan.FromMilliseconds(1500));

        Assert.Equal(new SendRun.NotDueYet(), await owner.RunAsync(owner.Message(reminder)));

        Assert.Empty(fixture.Sender.AttemptsFor(owner.AccountId));
        Assert.Equal(ReminderStatus.Scheduled, (await owner.ReminderAsync(reminder.Id)).Status);
        // The planner's own message stays invisible for hours: a visible one for this version is the one queued again.
        await SendQueue.DiscardAsync(fixture.App, reminder);
    }
}
