using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Faults;

/// <summary>The app with a claim lease of 30 seconds (<c>Reminders:ClaimLease</c>) instead of the default two minutes.</summary>
public sealed class ShortClaimLeaseApp : RemindersApp
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    protected override Dictionary<string, string> Settings => new(base.Settings) { ["Reminders:ClaimLease"] = "00:00:30" };
}

public class ClaimLeaseSettingTests(ShortClaimLeaseApp fixture) : IClassFixture<ShortClaimLeaseApp>
{
    private static async Task<(Owner Owner, ReminderEntity Reminder)> ClaimedByACrashedInstanceAsync(ShortClaimLeaseApp fixture)
    {
        var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        fixture.Sender.FailNext(owner.AccountId, SendFault.ThrowBeforeSending);
        await Assert.ThrowsAsync<SimulatedCrashException>(() => owner.RunAsync(owner.Message(reminder)));
        return (owner, reminder);
    }

    [Fact]
    public void TheDefaultClaimLeaseIsTwoMinutes() => Assert.Equal(TimeSpan.FromMinutes(2), new ReminderOptions().ClaimLease);

    [Fact]
    public async Task AClaimOlderThanTheConfiguredLeaseIsTakenOverAndSentOnce()
    {
        var (owner, reminder) = await ClaimedByACrashedInstanceAsync(fixture);
        using var _ = owner;
        fixture.Clock.Advance(ShortClaimLeaseApp.Lease + TimeSpan.FromSeconds(1));

        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(reminder), dequeueCount: 2));

        Assert.Single(owner.Outbox());
    }

    [Fact]
    public async Task AClaimYoungerThanTheConfiguredLeaseIsLeftAlone()
    {
        var (owner, reminder) = await ClaimedByACrashedInstanceAsync(fixture);
        using var _ = owner;
        fixture.Clock.Advance(ShortClaimLeaseApp.Lease - TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<InvalidOperationException>(() => owner.RunAsync(owner.Message(reminder), dequeueCount: 2));

        Assert.Empty(owner.Outbox());
    }
}
