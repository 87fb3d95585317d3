using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;
using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Reminders.Sweeper;

/// <summary>
/// The sweep for reminders whose only queue message was lost, on a manual clock. Each test has an Azurite of its own: a
/// sweep acts on every account it finds, and would queue other tests' reminders again on the shared one.
/// </summary>
public sealed class StuckReminderSweepTests : IAsyncLifetime
{
    private static readonly TimeSpan StuckAfter = new ReminderOptions().StuckAfter;
    private static readonly TimeSpan Lease = ReminderOptions.DefaultClaimLease;

    private readonly ManualTimeProvider clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly CapturingLoggerProvider logs = new();
    private AzuriteServer azurite = null!;
    private TestApp app = null!;

    private ScriptedSender Sender => app.Services.GetRequiredService<ScriptedSender>();

    private StuckReminderSweeper Sweeper => app.Services.GetRequiredService<StuckReminderSweeper>();

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartPrivateAsync();
        app = await Owners.StartAppAsync(
            new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Information" },
            clock,
            builder =>
            {
                builder.Services.AddSingleton<ScriptedSender>();
                builder.Services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<ScriptedSender>());
                builder.Logging.AddProvider(logs);
            },
            storageConnectionString: azurite.ConnectionString
        );
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await azurite.DisposeAsync();
    }

    /// <summary>A reminder due now whose queue message is gone, as when it was poisoned or never written.</summary>
    private async Task<ReminderEntity> ReminderWithLostMessageAsync(Owner owner)
    {
        var reminder = await owner.ReminderDueNowAsync(clock);
        await SendQueue.DiscardAsync(app, reminder);
        return reminder;
    }

    private async Task<int> MessagesQueuedAsync() => (await SendQueue.Queue(app).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    [Fact]
    public async Task AScheduledReminderWhoseMessageWasLostIsSentOnceAfterTheSweep()
    {
        using var owner = await Owner.SignUpAsync(app);
        var reminder = await ReminderWithLostMessageAsync(owner);
        clock.Advance(StuckAfter + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(reminder));

        Assert.Equal(ReminderStatus.Sent, (await owner.ReminderAsync(reminder.Id)).Status);
        Assert.Equal(reminder.Id, Assert.Single(owner.Outbox()).ReminderId);
        Assert.Equal(0, await Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await MessagesQueuedAsync());
        Assert.Contains(logs.Lines, line =>
            line.Contains($"Queued 1 stuck reminder(s) of account {owner.AccountId} again: {reminder.Id}", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task ASentReminderIsNotQueuedAgainAndAStrayMessageForItSendsNothing()
    {
        using var owner = await Owner.SignUpAsync(app);
        var reminder = await owner.ReminderDueNowAsync(clock);
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(reminder));
        clock.Advance(StuckAfter + Lease + TimeSpan.FromMinutes(1));

        Assert.Equal(0, await Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(new SendRun.AlreadyFinished(ReminderStatus.Sent), await owner.RunAsync(owner.Message(reminder), dequeueCount: 1));

        Assert.Single(Sender.AttemptsFor(owner.AccountId));
        Assert.Single(owner.Outbox());
    }

    [Fact]
    public async Task AReminderNotYetOverdueByStuckAfterIsLeftAlone()
    {
        using var owner = await Owner.SignUpAsync(app);
        var reminder = await ReminderWithLostMessageAsync(owner);
        clock.Advance(StuckAfter - TimeSpan.FromSeconds(1));

        Assert.Equal(0, await Sweeper.SweepAsync(CancellationToken.None));

        Assert.Equal(0, await MessagesQueuedAsync());
        Assert.Equal(ReminderStatus.Scheduled, (await owner.ReminderAsync(reminder.Id)).Status);
    }

    [Fact]
    public async Task ASendingReminderIsLeftAloneWhileItsClaimStandsAndSentOnceAfterItsLeaseEnded()
    {
        using var owner = await Owner.SignUpAsync(app);
        var reminder = await ReminderWithLostMessageAsync(owner);
        Sender.FailNext(owner.AccountId, SendFault.ThrowBeforeSending);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => owner.RunAsync(owner.Message(reminder)));
        var claimedAt = (await owner.ReminderAsync(reminder.Id)).ClaimedAt!.Value;

        clock.Advance(claimedAt + Lease + StuckAfter - TimeSpan.FromSeconds(1) - clock.GetUtcNow());
        Assert.Equal(0, await Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(0, await MessagesQueuedAsync());

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(reminder));

        Assert.Equal(reminder.Id, Assert.Single(owner.Outbox()).ReminderId);
        Assert.Equal(ReminderStatus.Sent, (await owner.ReminderAsync(reminder.Id)).Status);
    }

    [Fact]
    public async Task AReminderHandedOverBeforeACrashIsSweptAndResentUnderTheSameKeySoItGoesOutOnce()
    {
        using var owner = await Owner.SignUpAsync(app);
        var reminder = await ReminderWithLostMessageAsync(owner);
        Sender.FailNext(owner.AccountId, SendFault.ThrowAfterSending);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => owner.RunAsync(owner.Message(reminder)));
        clock.Advance(Lease + StuckAfter + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(reminder));

        var attempts = Sender.AttemptsFor(owner.AccountId);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].IdempotencyKey, attempts[1].IdempotencyKey);
        Assert.Single(owner.Outbox());
        Assert.Equal(ReminderStatus.Sent, (await owner.ReminderAsync(reminder.Id)).Status);
    }

    [Fact]
    public async Task ASweptReminderWhoseAppointmentHasStartedEndsSkippedWithTheReason()
    {
        using var owner = await Owner.SignUpAsync(app);
        var reminder = await ReminderWithLostMessageAsync(owner);
        clock.Advance(reminder.AppointmentStartUtc - clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        Assert.Equal(1, await Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(new SendRun.Stopped(ReminderStatus.Skipped, "The appointment has already started."), await owner.RunQueuedAsync(reminder));

        var skipped = await owner.ReminderAsync(reminder.Id);
        Assert.Equal((ReminderStatus.Skipped, "The appointment has already started."), (skipped.Status, skipped.Reason));
        Assert.Empty(Sender.AttemptsFor(owner.AccountId));
    }

    [Fact]
    public async Task OnlyTheSweptDaysAreRead()
    {
        using var owner = await Owner.SignUpAsync(app);
        var reminder = await ReminderWithLostMessageAsync(owner);

        clock.Advance(TimeSpan.FromDays(StuckReminderSweeper.SweptDays - 1));
        Assert.Equal(1, await Sweeper.SweepAsync(CancellationToken.None));
        await SendQueue.DiscardAsync(app, reminder);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await Sweeper.SweepAsync(CancellationToken.None));

        Assert.Equal(ReminderStatus.Scheduled, (await owner.ReminderAsync(reminder.Id)).Status);
    }

    [Fact]
    public async Task ThePlannerTimerSweepsOncePerWindowAndQueuesAReminderNeverQueuedOnlyOnce()
    {
        using var owner = await Owner.SignUpAsync(app);
        var lost = await ReminderWithLostMessageAsync(owner);
        using var other = await Owner.SignUpAsync(app);
        var neverQueued = await ReminderWithLostMessageAsync(other);
        neverQueued = await other.ReminderAsync(neverQueued.Id);
        neverQueued.QueuedVersion = neverQueued.Version - 1;
        await other.SaveAsync(neverQueued);
        clock.Advance(StuckAfter + TimeSpan.FromSeconds(1));
        var timer = app.Services.GetRequiredService<PlanRemindersTimer>();

        Assert.Equal("queued 1 reminder(s); queued 1 stuck reminder(s) again", await timer.RunAsync(CancellationToken.None));
        Assert.Equal(2, await MessagesQueuedAsync());
        Assert.Equal("queued 0 reminder(s); no sweep due", await timer.RunAsync(CancellationToken.None));
        Assert.Equal(2, await MessagesQueuedAsync());

        // The reminder queued by the planner is stuck by now; the one the last sweep queued waits for ResweepAfter.
        clock.Advance(new ReminderOptions().SweepEvery);
        Assert.Equal("queued 0 reminder(s); queued 1 stuck reminder(s) again", await timer.RunAsync(CancellationToken.None));
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(lost));
        Assert.Equal(SendRun.SentBySms, await other.RunQueuedAsync(neverQueued));
        Assert.Single(owner.Outbox());
        Assert.Single(other.Outbox());
    }

    [Fact]
    public async Task AReminderTheSweepQueuedIsNotQueuedAgainUntilResweepAfterHasPassed()
    {
        var resweepAfter = new ReminderOptions().ResweepAfter;
        using var owner = await Owner.SignUpAsync(app);
        var reminder = await ReminderWithLostMessageAsync(owner);
        clock.Advance(StuckAfter + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(clock.GetUtcNow(), (await owner.ReminderAsync(reminder.Id)).SweptAt);

        // Its message may only be behind a long backlog: later sweeps within ResweepAfter add none.
        clock.Advance(new ReminderOptions().SweepEvery);
        Assert.Equal(0, await Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(1, await MessagesQueuedAsync());

        // Lost after all: the first sweep after ResweepAfter queues it again, and it goes out once.
        await SendQueue.DiscardAsync(app, reminder);
        clock.Advance(resweepAfter - new ReminderOptions().SweepEvery);
        Assert.Equal(1, await Sweeper.SweepAsync(CancellationToken.None));
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(reminder));
        Assert.Single(owner.Outbox());
        Assert.Equal(0, await Sweeper.SweepAsync(CancellationToken.None));
    }
}
