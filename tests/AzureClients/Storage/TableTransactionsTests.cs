using Azure.Core.Pipeline;
using ClientReminders.Tests.QueueCreation;

namespace ClientReminders.Tests.AzureClients.Storage;

public sealed class TableTransactionsTests
{
    private static TableEntity Row(string partition, string row) => new(partition, row);

    public static TheoryData<string, TableTransactionAction[]> RefusedBatches =>
        new()
        {
            { "empty", [] },
            { "101 actions", [.. Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row("p", $"r{i}")))] },
            { "two partitions", [new(TableTransactionActionType.Add, Row("p", "1")), new(TableTransactionActionType.Add, Row("q", "2"))] },
            { "one row twice", [new(TableTransactionActionType.Add, Row("p", "1")), new(TableTransactionActionType.Delete, Row("p", "1"))] },
        };

    [Theory]
    [MemberData(nameof(RefusedBatches))]
    public async Task ABatchTheServiceWouldRefuseIsRefusedBeforeAnyRequest(string _, TableTransactionAction[] batch)
    {
        var azurite = await AzuriteServer.SharedAsync();
        var transport = new CountingTransport();
        var table = new TableServiceClient(azurite.ConnectionString, StorageClientOptions.ForTables(new HttpClientTransport(transport))).GetTableClient(
            "batchguard"
        );

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitCheckedTransactionAsync(batch));

        Assert.Equal((0, 0), (transport.Creates, transport.Sends));
    }

    [Fact]
    public async Task AHundredActionsInOnePartitionAreOneTransaction()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var transport = new CountingTransport();
        var table = new TableServiceClient(azurite.ConnectionString, StorageClientOptions.ForTables(new HttpClientTransport(transport))).GetTableClient(
            "batchguard"
        );
        await table.CreateIfNotExistsAsync();
        var partition = Guid.NewGuid().ToString("N");
        var sendsBefore = transport.Sends;

        await table.SubmitCheckedTransactionAsync(
            Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row(partition, $"r{i:D3}")))
        );

        Assert.Equal(1, transport.Sends - sendsBefore);
        Assert.Equal(100, await table.QueryAsync<TableEntity>(e => e.PartitionKey == partition).CountAsync());
    }
}
