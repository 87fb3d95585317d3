using Microsoft.Extensions.Logging.Abstractions;

namespace ClientReminders.Tests.Retention;

public class RetentionPurgeTests
{
    [Fact]
    public async Task RowsOlderThanTheirTablesRetentionAreDeletedAndNewerOnesKept()
    {
        var now = new DateTimeOffset(2040, 6, 15, 2, 30, 0, TimeSpan.Zero);
        var table = new StorageTable(AzuriteServer.UniqueTableName("Sent"), RetentionPolicy.DeleteAfter(TimeSpan.FromDays(365), "SentAt"), "test rows");
        var service = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString);
        var client = service.GetTableClient(table.Name);
        await client.CreateIfNotExistsAsync();
        await InsertAsync(client, "account-a", 130, now.AddDays(-400));
        await InsertAsync(client, "account-b", 120, now.AddDays(-366));
        await InsertAsync(client, "account-b", 10, now.AddDays(-364), rowPrefix: "recent");
        var purge = new RetentionPurge(service, [table], new ManualTimeProvider(now), NullLogger<RetentionPurge>.Instance);

        var report = await purge.RunAsync(CancellationToken.None);

        Assert.Equal(250, report.DeletedByTable[table.Name]);
        var left = new List<TableEntity>();
        await foreach (var entity in client.QueryAsync<TableEntity>())
        {
            left.Add(entity);
        }
        Assert.Equal(10, left.Count);
        Assert.All(left, e => Assert.StartsWith("recent", e.RowKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachRunIsRecordedWithWhatItDeleted()
    {
        var now = new DateTimeOffset(2041, 2, 3, 2, 30, 0, TimeSpan.Zero);
        var table = new StorageTable(AzuriteServer.UniqueTableName("Rec"), RetentionPolicy.DeleteAfter(TimeSpan.FromDays(1), "SentAt"), "test rows");
        var service = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString);
        await service.GetTableClient(table.Name).CreateIfNotExistsAsync();
        await InsertAsync(service.GetTableClient(table.Name), "p", 3, now.AddDays(-2));

        await new RetentionPurge(service, [table], new ManualTimeProvider(now), NullLogger<RetentionPurge>.Instance).RunAsync(CancellationToken.None);

        var runs = service.GetTableClient(StorageTables.RetentionRuns.Name);
        var recorded = new List<TableEntity>();
        await foreach (var run in runs.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"2041-02"}")))
        {
            recorded.Add(run);
        }
        var row = Assert.Single(recorded);
        Assert.Equal(now, row.GetDateTimeOffset("RanAt"));
        Assert.Equal(3, row.GetInt32("Deleted"));
        Assert.Contains($"\"{table.Name}\":3", row.GetString("DeletedByTable"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATableThatDoesNotExistYetHasNothingToPurge()
    {
        var table = new StorageTable(AzuriteServer.UniqueTableName("Missing"), RetentionPolicy.DeleteAfter(TimeSpan.FromDays(1)), "never created");
        var service = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString);

        var report = await new RetentionPurge(service, [table], TimeProvider.System, NullLogger<RetentionPurge>.Instance).RunAsync(CancellationToken.None);

        Assert.Equal(0, report.DeletedByTable[table.Name]);
    }

    [Fact]
    public async Task PurgeRecordsAreThemselvesDeletedAfterTheirRetention()
    {
        var service = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString);
        var runs = service.GetTableClient(StorageTables.RetentionRuns.Name);
        await runs.CreateIfNotExistsAsync();
        var old = new TableEntity("1999-01", "old-run") { ["RanAt"] = new DateTimeOffset(1999, 1, 5, 2, 30, 0, TimeSpan.Zero), ["Deleted"] = 0 };
        await runs.UpsertEntityAsync(old, TableUpdateMode.Replace);

        await new RetentionPurge(service, StorageTables.All, TimeProvider.System, NullLogger<RetentionPurge>.Instance).RunAsync(CancellationToken.None);

        Assert.False((await runs.GetEntityIfExistsAsync<TableEntity>("1999-01", "old-run")).HasValue);
    }

    [Fact]
    public void EveryTableHasAUniqueValidNameAndSaysWhatItHolds()
    {
        Assert.Equal(StorageTables.All.Count, StorageTables.All.Select(t => t.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(StorageTables.All, t =>
        {
            Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,62}$", t.Name);
            Assert.False(string.IsNullOrWhiteSpace(t.Holds));
        });
    }

    private static async Task InsertAsync(TableClient client, string partition, int count, DateTimeOffset sentAt, string rowPrefix = "row")
    {
        var rows = Enumerable.Range(0, count).Select(i => new TableEntity(partition, $"{rowPrefix}-{i:D4}") { ["SentAt"] = sentAt });
        foreach (var batch in rows.Chunk(100))
        {
            await client.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        }
    }
}
