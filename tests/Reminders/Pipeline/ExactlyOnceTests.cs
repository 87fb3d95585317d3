using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

public class ExactlyOnceTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    private static async Task AssertSentOnceAsync(Owner owner, ReminderEntity planned)
    {
        var message = Assert.Single(owner.Outbox());
        Assert.Equal(planned.Id, message.ReminderId);
        var reminder = await owner.ReminderAsync(planned.Id);
        Assert.Equal(ReminderStatus.Sent, reminder.Status);
        Assert.False(string.IsNullOrEmpty(reminder.ProviderMessageId));
        Assert.True(reminder.Segments >= 1);
    }

    [Fact]
    public async Task AMessageDeliveredTwiceSendsOneReminder()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);

        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(reminder)));
        Assert.Equal(new SendRun.AlreadyFinished(ReminderStatus.Sent), await owner.RunAsync(owner.Message(reminder), dequeueCount: 2));

        await AssertSentOnceAsync(owner, reminder);
        Assert.Single(fixture.Sender.AttemptsFor(owner.AccountId));
    }

    [Fact]
    public async Task TwoInstancesRacingOnOneMessageSendOneReminder()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);

        async Task<SendRun?> InstanceAsync()
        {
            try
            {
                return await owner.RunAsync(owner.Message(reminder));
            }
            catch (InvalidOperationException)
            {
                // The other instance's fresh claim: the queue retries this one later.
                return null;
            }
        }
        var outcomes = await Task.WhenAll(InstanceAsync(), InstanceAsync());

        Assert.Single(outcomes, o => o == SendRun.SentBySms);
        await AssertSentOnceAsync(owner, reminder);
        Assert.Single(fixture.Sender.AttemptsFor(owner.AccountId));
    }

    [Fact]
    public async Task ACrashAfterTheClaimAndBeforeTheSendLeavesTheReminderSending()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.ThrowBeforeSending);

        await Assert.ThrowsAsync<SimulatedCrashException>(() => owner.RunAsync(owner.Message(reminder)));

        Assert.Equal(ReminderStatus.Sending, (await owner.ReminderAsync(reminder.Id)).Status);
        Assert.Empty(owner.Outbox());
    }

    [Fact]
    public async Task ARedeliveryWithinTheClaimLeaseIsLeftForLaterAndSendsNothing()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.ThrowBeforeSending);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => owner.RunAsync(owner.Message(reminder)));
        fixture.Clock.Advance(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<InvalidOperationException>(() => owner.RunAsync(owner.Message(reminder), dequeueCount: 2));

        Assert.Single(fixture.Sender.AttemptsFor(owner.AccountId));
        Assert.Empty(owner.Outbox());
        Assert.Equal(ReminderStatus.Sending, (await owner.ReminderAsync(reminder.Id)).Status);
    }

    [Fact]
    public async Task ARedeliveryAfterTheClaimLeaseSendsTheReminderOnce()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.ThrowBeforeSending);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => owner.RunAsync(owner.Message(reminder)));
        fixture.Clock.Advance(ReminderOptions.DefaultClaimLease + TimeSpan.FromSeconds(1));

        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(reminder), dequeueCount: 2));

        await AssertSentOnceAsync(owner, reminder);
    }

    [Fact]
    public async Task ACrashAfterTheSendIsResentWithTheSameKeyAndDeliveredOnce()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.ThrowAfterSending);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => owner.RunAsync(owner.Message(reminder)));
        Assert.Equal(ReminderStatus.Sending, (await owner.ReminderAsync(reminder.Id)).Status);
        fixture.Clock.Advance(ReminderOptions.DefaultClaimLease + TimeSpan.FromSeconds(1));

        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(reminder), dequeueCount: 2));

        var attempts = fixture.Sender.AttemptsFor(owner.AccountId);
        Assert.Equal(2, attempts.Count);
        Assert.Equal($"{reminder.Id}:{reminder.Version}", attempts[0].IdempotencyKey);
        Assert.Equal(attempts[0].IdempotencyKey, attempts[1].IdempotencyKey);
        await AssertSentOnceAsync(owner, reminder);
    }

    [Fact]
    public async Task ACrashAfterTheSendWhoseRetriesAllFallWithinTheLeaseIsQueuedAgainNotRecordedFailed()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.ThrowAfterSending);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => owner.RunAsync(owner.Message(reminder)));
        fixture.Clock.Advance(ReminderOptions.DefaultClaimLease - TimeSpan.FromSeconds(2));

        Assert.Equal(new SendRun.WaitingForLease(), await owner.RunAsync(owner.Message(reminder), dequeueCount: 5));
        Assert.Equal(ReminderStatus.Sending, (await owner.ReminderAsync(reminder.Id)).Status);
        fixture.Clock.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(reminder));
        var attempts = fixture.Sender.AttemptsFor(owner.AccountId);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].IdempotencyKey, attempts[1].IdempotencyKey);
        await AssertSentOnceAsync(owner, reminder);
    }

    [Fact]
    public async Task AClaimThatOutlivesEveryRoundOfRetriesEndsFailedSayingItMayNotHaveBeenSent()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.ThrowBeforeSending);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => owner.RunAsync(owner.Message(reminder)));
        var lastRound = JsonSerializer.Serialize(
            new SendReminderMessage(owner.AccountId, reminder.Id, reminder.Version, ReminderSender.MaxLeaseRounds),
            JsonSerializerOptions.Web
        );

        Assert.Equal(new SendRun.FailedForGood(), await owner.RunAsync(lastRound, dequeueCount: 5));

        var failed = await owner.ReminderAsync(reminder.Id);
        Assert.Equal(
            (ReminderStatus.Failed, "The message provider did not confirm this message, so it may not have been sent."),
            (failed.Status, failed.Reason)
        );
    }

    [Fact]
    public async Task AMessageForASkippedReminderSendsNothing()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        using var skipped = await owner.Browser.PostJsonAsync($"/api/reminders/{reminder.Id}/skip", null);
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);

        await owner.RunAsync(owner.Message(reminder));

        Assert.Empty(fixture.Sender.AttemptsFor(owner.AccountId));
        var skippedReminder = await owner.ReminderAsync(reminder.Id);
        Assert.Equal((ReminderStatus.Skipped, "Skipped by you."), (skippedReminder.Status, skippedReminder.Reason));
    }
}
