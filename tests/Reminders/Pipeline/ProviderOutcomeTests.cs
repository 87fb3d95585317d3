using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

public class ProviderOutcomeTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    // The host's queue visibility timeout (host.json): how soon a failed message is tried again.
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AMessageTheProviderRefusesFailsTheReminderWithTheReasonWithoutARetry()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.Refuse);

        await owner.RunAsync(owner.Message(reminder));

        var failed = await owner.ReminderAsync(reminder.Id);
        Assert.Equal((ReminderStatus.Failed, ScriptedSender.RefusalReason), (failed.Status, failed.Reason));
        Assert.Empty(owner.Outbox());
    }

    [Fact]
    public async Task ATransientFailureOnAnEarlyAttemptIsLeftToTheQueueToRetry()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.ProviderErrorBeforeSending);

        await Assert.ThrowsAsync<HttpRequestException>(() => owner.RunAsync(owner.Message(reminder), dequeueCount: 1));

        Assert.NotEqual(ReminderStatus.Failed, (await owner.ReminderAsync(reminder.Id)).Status);
    }

    [Fact]
    public async Task ATransientFailureOnTheLastAttemptFailsTheReminder()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.ProviderErrorBeforeSending);

        Assert.Equal(new SendRun.FailedForGood(), await owner.RunAsync(owner.Message(reminder), dequeueCount: 5));

        var failed = await owner.ReminderAsync(reminder.Id);
        Assert.Equal(ReminderStatus.Failed, failed.Status);
        Assert.Contains("not sent", failed.Reason);
    }

    [Fact]
    public async Task AReminderThatFailsOnEveryAttemptOfTheQueueEndsFailedRatherThanSending()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.ProviderErrorBeforeSending, times: 5);
        for (var attempt = 1; attempt < 5; attempt++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => owner.RunAsync(owner.Message(reminder), dequeueCount: attempt));
            fixture.Clock.Advance(RetryAfter);
        }

        Assert.Equal(new SendRun.FailedForGood(), await owner.RunAsync(owner.Message(reminder), dequeueCount: 5));

        Assert.Equal(ReminderStatus.Failed, (await owner.ReminderAsync(reminder.Id)).Status);
        Assert.Equal(5, fixture.Sender.AttemptsFor(owner.AccountId).Count);
        Assert.Empty(owner.Outbox());
    }

    [Fact]
    public async Task AProviderErrorReleasesTheClaimSoTheQueuesNextAttemptSendsAtOnce()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.ProviderErrorBeforeSending);
        await Assert.ThrowsAsync<HttpRequestException>(() => owner.RunAsync(owner.Message(reminder), dequeueCount: 1));
        fixture.Clock.Advance(RetryAfter);

        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(reminder), dequeueCount: 2));

        Assert.Equal(2, fixture.Sender.AttemptsFor(owner.AccountId).Count);
        Assert.Single(owner.Outbox());
    }
}
