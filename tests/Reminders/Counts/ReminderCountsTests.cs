using ClientReminders.Tests.Billing;
using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Reminders.Counts;

/// <summary>
/// The counts the dashboard reads are kept as messages change, in the same transaction as the reminder row, and always
/// equal what counting the rows afresh gives: through repeated handlers, lost races, concurrent sends and repairs.
/// </summary>
public class ReminderCountsTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    private ReminderCounts Counts => fixture.App.Services.GetRequiredService<ReminderCounts>();

    private ReminderStore Store => fixture.App.Services.GetRequiredService<ReminderStore>();

    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    private async Task<DailyCounts> KeptAsync(Owner owner) =>
        await Counts.ReadAsync(owner.AccountId, Today.AddDays(-3), Today.AddDays(3), CancellationToken.None);

    [Fact]
    public async Task ASendIsCountedOnceWhenTheQueueHandsItsMessageOverTwice()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);

        await owner.RunAsync(owner.Message(reminder));
        await owner.RunAsync(owner.Message(reminder));

        var kept = await KeptAsync(owner);
        Assert.Equal(1, kept.Get(Today, ReminderContribution.Sent));
        Assert.Equal(2, kept.Get(Today, ReminderContribution.Segments));
        CountsKit.AssertKeptEqualRecounted(await owner.OfAsync());
    }

    [Fact]
    public async Task DeliveryReportsMoveTheCountAndARepeatedReportChangesNothing()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddRuleAsync();
        var (sent, _) = await owner.SendOneAsync(fixture.Clock, await owner.AddClientIdAsync());
        var reports = fixture.App.Services.GetRequiredService<DeliveryReports>();
        var tag = $"{owner.AccountId}/{sent.Id}";
        var at = fixture.Clock.GetUtcNow();

        Assert.Equal(ReportOutcome.Applied, await reports.ApplyAsync(new DeliveryReport(tag, "Delivered", null, at.AddSeconds(5)), CancellationToken.None));
        Assert.Equal(ReportOutcome.Ignored, await reports.ApplyAsync(new DeliveryReport(tag, "Delivered", null, at.AddSeconds(5)), CancellationToken.None));
        var delivered = await KeptAsync(owner);
        Assert.Equal(
            (1, 1, 0),
            (
                delivered.Get(Today, ReminderContribution.Sent),
                delivered.Get(Today, ReminderContribution.Delivered),
                delivered.Get(Today, ReminderContribution.Undelivered)
            )
        );

        Assert.Equal(ReportOutcome.Applied, await reports.ApplyAsync(new DeliveryReport(tag, "Failed", "carrier", at.AddSeconds(9)), CancellationToken.None));
        var failed = await KeptAsync(owner);
        Assert.Equal(
            (1, 0, 1),
            (
                failed.Get(Today, ReminderContribution.Sent),
                failed.Get(Today, ReminderContribution.Delivered),
                failed.Get(Today, ReminderContribution.Undelivered)
            )
        );
        CountsKit.AssertKeptEqualRecounted(await owner.OfAsync());
    }

    [Fact]
    public async Task AWriteThatLosesItsRaceCountsNothingAndKeepsWhatItsRowWasCountedAs()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        var (first, second) = (await owner.ReminderAsync(reminder.Id), await owner.ReminderAsync(reminder.Id));

        first.Status = ReminderStatus.Skipped;
        first.Reason = "Skipped by you.";
        Assert.True(await Store.TrySaveAsync(first, CancellationToken.None));
        second.Status = ReminderStatus.Failed;
        second.ClaimedAt = fixture.Clock.GetUtcNow();
        Assert.False(await Store.TrySaveAsync(second, CancellationToken.None));

        Assert.Null(second.CountedAs);
        var kept = await KeptAsync(owner);
        Assert.Equal(1, kept.Get(DateOnly.FromDateTime(reminder.DueAt.UtcDateTime), ReminderContribution.Skipped));
        Assert.Equal(0, kept.Get(Today, ReminderContribution.Failed));
        CountsKit.AssertKeptEqualRecounted(await owner.OfAsync());
    }

    [Fact]
    public async Task ConcurrentSendsWriteTheirOwnLanesAndFoldingThemKeepsEveryCount()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var now = fixture.Clock.GetUtcNow();
        var rows = Enumerable.Range(0, 16).Select(i => SentRow(owner.AccountId, now, $"concurrent{i:D2}")).ToList();

        await Task.WhenAll(rows.Select(row => Store.SaveAsync(row, CancellationToken.None)));

        var concurrent = await owner.OfAsync();
        CountsKit.AssertKeptEqualRecounted(concurrent);
        Assert.True(concurrent.CountRows > 1, "concurrent writers shared one counts row");
        Assert.Equal(0, await Counts.RepairAsync(owner.AccountId, Today, CancellationToken.None));
        var folded = await owner.OfAsync();
        Assert.Equal(1, folded.CountRows);
        Assert.Equal(concurrent.Kept, folded.Kept);

        // This instance's lanes were folded away under it: its next write starts a lane afresh instead of losing the count.
        await Store.SaveAsync(SentRow(owner.AccountId, now, "after-fold"), CancellationToken.None);
        var after = await owner.OfAsync();
        CountsKit.AssertKeptEqualRecounted(after);
        Assert.Equal(17, (await KeptAsync(owner)).Get(Today, ReminderContribution.Sent));
    }

    [Fact]
    public async Task RepairCountsRowsWrittenAroundTheCountsOnceAndTheBackfillMarksTheAccount()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var table = await fixture.App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        var now = fixture.Clock.GetUtcNow();
        foreach (var i in Enumerable.Range(0, 3))
        {
            await table.AddEntityAsync(SentRow(owner.AccountId, now.AddDays(-1), $"older{i}"));
        }
        Assert.Equal(0, (await KeptAsync(owner)).Get(Today.AddDays(-1), ReminderContribution.Sent));

        Assert.Equal(3, await Counts.BackfillAsync(owner.AccountId, CancellationToken.None));
        Assert.Equal(3, (await KeptAsync(owner)).Get(Today.AddDays(-1), ReminderContribution.Sent));
        CountsKit.AssertKeptEqualRecounted(await owner.OfAsync());

        Assert.Equal(0, await Counts.BackfillAsync(owner.AccountId, CancellationToken.None));
        Assert.Equal(0, await Counts.RepairAsync(owner.AccountId, Today.AddDays(-1), CancellationToken.None));
        Assert.Equal(3, (await KeptAsync(owner)).Get(Today.AddDays(-1), ReminderContribution.Sent));
    }

    [Fact]
    public async Task CountRowsAreNeverListedAsReminders()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddRuleAsync();
        var (sent, _) = await owner.SendOneAsync(fixture.Clock, await owner.AddClientIdAsync());
        Assert.True((await owner.OfAsync()).CountRows > 0);

        using var history = await owner.Browser.GetAsync("/api/history");
        var items = (await Owners.JsonAsync(history)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal([sent.Id], items);
        using var all = await owner.Browser.GetAsync("/api/reminders");
        Assert.Equal([sent.Id], (await Owners.JsonAsync(all)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    private static ReminderEntity SentRow(string accountId, DateTimeOffset at, string appointmentId) =>
        new()
        {
            PartitionKey = ReminderKeys.Partition(accountId, at),
            RowKey = ReminderEntity.IdFor(at, appointmentId, "rule", at.AddDays(1)),
            Kind = ReminderKind.Reminder,
            AppointmentId = appointmentId,
            RuleId = "rule",
            ClientId = "client",
            DueAt = at,
            AppointmentStartUtc = at.AddDays(1),
            Status = ReminderStatus.Sent,
            Channel = ReminderChannel.Sms,
            SentAt = at,
            Segments = 1,
            Version = 1,
        };
}
