using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClientReminders.Tests.Retention;

/// <summary>
/// The privacy policy's "all reminders are deleted from our system 12 months after being sent", with the clock moved
/// a year on: on an Azurite of its own, since the purge acts on every account it finds.
/// </summary>
public sealed class ReminderRetentionTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2031, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private AzuriteServer azurite = null!;
    private TestApp app = null!;

    private ManualTimeProvider Clock { get; } = new(Start);

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartPrivateAsync();
        app = await Owners.StartAppAsync(
            new Dictionary<string, string> { ["RateLimits:Auth:PerIpPermits"] = "10000" },
            Clock,
            builder =>
            {
                builder.Services.AddSingleton<ScriptedSender>();
                builder.Services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<ScriptedSender>());
            },
            storageConnectionString: azurite.ConnectionString
        );
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task AReminderSentAtTIsKeptTwelveMonthsLessADayAndGoneAfterThePurgeADayPastTwelveMonths()
    {
        using var owner = await Owner.SignUpAsync(app);
        var sent = await owner.ReminderDueNowAsync(Clock);
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(sent));
        var sentAt = (await owner.ReminderAsync(sent.Id)).SentAt!.Value;

        Clock.Advance(sentAt.AddMonths(12).AddDays(-1) - Clock.GetUtcNow());
        await PurgeAsync();
        Assert.True(await ExistsAsync(owner, sent.Id));

        Clock.Advance(sentAt.AddMonths(12).AddDays(1) - Clock.GetUtcNow());
        var report = await PurgeAsync();
        Assert.False(await ExistsAsync(owner, sent.Id));
        // The reminder and the counts kept beside it in its day's partition.
        Assert.Equal(2, report.DeletedByTable[StorageTables.Reminders.Name]);
    }

    [Fact]
    public async Task ThePurgeDeletesExpiredDaysWholeAndTouchesNothingElse()
    {
        using var owner = await Owner.SignUpAsync(app);
        using var other = await Owner.SignUpAsync(app);
        var expired = await InsertDayAsync(owner, Start.AddMonths(-13), 250);
        var kept = await InsertDayAsync(owner, Start.AddMonths(-11), 3);
        var othersExpired = await InsertDayAsync(other, Start.AddMonths(-13), 2);
        await owner.AddRuleAsync();
        var appointment = await owner.BookAsync(await owner.AddClientIdAsync(), Booking.LocalIn(Clock, TimeSpan.FromDays(3)));
        var before = await EveryRowAsync();

        var report = await PurgeAsync();

        Assert.Equal(252, report.DeletedByTable[StorageTables.Reminders.Name]);
        Assert.Equal(0, report.DeletedByTable.Where(t => t.Key != StorageTables.Reminders.Name).Sum(t => t.Value));
        var after = await EveryRowAsync();
        // The purge's own record of the run is the one row it adds.
        Assert.Equal(
            before.Except(InReminders(expired)).Except(InReminders(othersExpired)).ToHashSet(),
            after.Where(k => k.Table != StorageTables.RetentionRuns.Name).ToHashSet()
        );
        Assert.Superset(InReminders(kept).ToHashSet(), after.ToHashSet());
        Assert.NotEmpty(await owner.RemindersOfAsync(appointment.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task APurgeRunAgainOrAfterACrashHalfWayFinishesTheJobAndDeletesNothingMore()
    {
        using var owner = await Owner.SignUpAsync(app);
        var expired = await InsertDayAsync(owner, Start.AddMonths(-14), 120);
        var kept = await InsertDayAsync(owner, Start.AddMonths(-10), 5);
        var table = await app.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        // A purge that died after its first batch of 100: the rest of the day is still there.
        await table.SubmitTransactionAsync(
            expired
                .Take(100)
                .Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(key.PartitionKey, key.RowKey), Azure.ETag.All))
        );

        var resumed = await PurgeAsync();
        var again = await PurgeAsync();

        Assert.Equal(20, resumed.DeletedByTable[StorageTables.Reminders.Name]);
        Assert.Equal(0, again.DeletedByTable[StorageTables.Reminders.Name]);
        Assert.Equal(
            InReminders(kept).Order(),
            (await EveryRowAsync())
                .Where(k => k.Table == StorageTables.Reminders.Name && k.PartitionKey.StartsWith(owner.AccountId, StringComparison.Ordinal))
                .Order()
        );
    }

    private Task<PurgeReport> PurgeAsync() =>
        new RetentionPurge(app.Services.GetRequiredService<TableServiceClient>(), StorageTables.All, Clock, NullLogger<RetentionPurge>.Instance).RunAsync(
            CancellationToken.None
        );

    private async Task<bool> ExistsAsync(Owner owner, string reminderId)
    {
        var table = await app.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        return (await table.GetEntityIfExistsAsync<TableEntity>(ReminderKeys.PartitionOf(owner.AccountId, reminderId)!, reminderId)).HasValue;
    }

    /// <summary>Sent reminders on one day, written as the sender leaves them (ids only: nothing here is decrypted).</summary>
    private async Task<List<(string PartitionKey, string RowKey)>> InsertDayAsync(Owner owner, DateTimeOffset day, int count)
    {
        var table = await app.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        var rows = Enumerable
            .Range(0, count)
            .Select(i => new ReminderEntity
            {
                PartitionKey = ReminderKeys.Partition(owner.AccountId, day),
                RowKey = ReminderEntity.IdFor(day, Guid.NewGuid().ToString("N"), $"rule{i}", day.AddDays(1)),
                ClientId = "c",
                DueAt = day,
                SentAt = day,
                Status = ReminderStatus.Sent,
                Channel = ReminderChannel.Sms,
                Version = 1,
            })
            .ToList();
        foreach (var batch in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
        }
        return [.. rows.Select(r => (r.PartitionKey, r.RowKey))];
    }

    private static IEnumerable<(string Table, string PartitionKey, string RowKey)> InReminders(IEnumerable<(string PartitionKey, string RowKey)> keys) =>
        keys.Select(k => (StorageTables.Reminders.Name, k.PartitionKey, k.RowKey));

    private async Task<List<(string Table, string PartitionKey, string RowKey)>> EveryRowAsync()
    {
        var service = app.Services.GetRequiredService<TableServiceClient>();
        var keys = new List<(string, string, string)>();
        foreach (var table in StorageTables.All)
        {
            try
            {
                await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                {
                    keys.Add((table.Name, row.PartitionKey, row.RowKey));
                }
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404) { }
        }
        return keys;
    }
}
