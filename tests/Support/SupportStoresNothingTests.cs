namespace ClientReminders.Tests.Support;

/// <summary>Runs alone, after the parallel tests, so no other test writes to the shared Azurite while the tables are compared.</summary>
[CollectionDefinition(nameof(StorageSnapshotCollection), DisableParallelization = true)]
public sealed class StorageSnapshotCollection;

[Collection(nameof(StorageSnapshotCollection))]
public class SupportStoresNothingTests
{
    [Fact]
    public async Task ASupportRequestWritesNoTableRowAndReachesTheOutbox()
    {
        await using var app = await TestApp.StartAsync(
            settings: new Dictionary<string, string> { ["Support:Address"] = "help@clientreminders.example" },
            configure: builder => builder.Services.AddEmail().AddSupport(builder.Configuration)
        );
        var tables = app.Services.GetRequiredService<TableServiceClient>();
        var before = await SnapshotAsync(tables);

        await app
            .Services.GetRequiredService<SupportService>()
            .SendAsync(new SupportRequest("Jane Doe", "jane@example.com", "Please delete my test client."), CancellationToken.None);

        Assert.Equal(before, await SnapshotAsync(tables));
        var sent = app.Services.GetRequiredService<DevOutbox>().LatestTo("help@clientreminders.example");
        Assert.Contains("Please delete my test client.", sent?.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSnapshotNoticesARowWrittenToAnExistingTable()
    {
        var service = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString);
        var table = service.GetTableClient(AzuriteServer.UniqueTableName("Snapshot"));
        await table.CreateIfNotExistsAsync();
        var before = await SnapshotAsync(service);

        await table.AddEntityAsync(new TableEntity("p", "r"));

        Assert.NotEqual(before, await SnapshotAsync(service));
    }

    private static async Task<string> SnapshotAsync(TableServiceClient service)
    {
        var rows = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            rows.Add(table.Name);
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                rows.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}/{row.ETag}");
            }
        }
        return string.Join('\n', rows.Order(StringComparer.Ordinal));
    }
}
