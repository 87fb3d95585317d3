using Azure;
using ClientReminders.AzureClients.Tables;

namespace ClientReminders.Tests.AzureClients.Tables;

public sealed class TableTransactionTests
{
    [Fact]
    public async Task TransactionAppliesEveryKindOfAction()
    {
        var table = await TableFixture.NewTableAsync();
        await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "merge", Name = "kept", Visits = 1 });
        await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "replace", Name = "dropped", Visits = 1 });
        await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "delete" });
        var deleteETag = (await table.GetEntityAsync<ClientEntity>("p", "delete")).Value.ETag;

        var response = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new ClientEntity { PartitionKey = "p", RowKey = "add", Visits = 1 }),
            new(TableTransactionActionType.UpdateMerge, new ClientEntity { PartitionKey = "p", RowKey = "merge", Visits = 2 }),
            new(TableTransactionActionType.UpdateReplace, new ClientEntity { PartitionKey = "p", RowKey = "replace", Visits = 2 }),
            new(TableTransactionActionType.UpsertMerge, new ClientEntity { PartitionKey = "p", RowKey = "upsert-merge", Visits = 3 }),
            new(TableTransactionActionType.UpsertReplace, new ClientEntity { PartitionKey = "p", RowKey = "upsert-replace", Visits = 4 }),
            new(TableTransactionActionType.Delete, new ClientEntity { PartitionKey = "p", RowKey = "delete" }, deleteETag),
        ]);

        var entities = (await table.QueryAsync<ClientEntity>().ToListAsync()).ToDictionary(entity => entity.RowKey);
        Assert.Equal(6, response.Value.Count);
        Assert.All(response.Value, part => Assert.Equal(204, part.Status));
        Assert.Equal(["add", "merge", "replace", "upsert-merge", "upsert-replace"], entities.Keys.Order());
        Assert.Equal(("kept", 2), (entities["merge"].Name, entities["merge"].Visits));
        Assert.Equal((null, 2), (entities["replace"].Name, entities["replace"].Visits));
        Assert.Equal(entities["add"].ETag, response.Value[0].Headers.ETag);
    }

    [Fact]
    public async Task TransactionWithOneFailingActionAppliesNothingAndReportsTheFailingIndex()
    {
        var table = await TableFixture.NewTableAsync();
        await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "existing", Name = "original" });
        await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "untouched", Name = "original" });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new ClientEntity { PartitionKey = "p", RowKey = "new-1" }),
            new(TableTransactionActionType.UpsertReplace, new ClientEntity { PartitionKey = "p", RowKey = "untouched", Name = "changed" }),
            new(TableTransactionActionType.Add, new ClientEntity { PartitionKey = "p", RowKey = "existing" }),
            new(TableTransactionActionType.Add, new ClientEntity { PartitionKey = "p", RowKey = "new-2" }),
        ]));

        var remaining = await table.QueryAsync<ClientEntity>().ToListAsync();
        Assert.Equal((409, TableErrorCode.EntityAlreadyExists, 2), (error.Status, error.ErrorCode, error.FailedTransactionActionIndex));
        Assert.Equal(["existing:original", "untouched:original"], remaining.Select(entity => $"{entity.RowKey}:{entity.Name}"));
    }

    [Fact]
    public async Task TransactionWithAStaleETagFailsWithPreconditionFailed()
    {
        var table = await TableFixture.NewTableAsync();
        var stale = (await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r" })).Headers.ETag!.Value;
        await table.UpsertEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Visits = 1 });

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.UpdateMerge, new ClientEntity { PartitionKey = "p", RowKey = "r", Visits = 2 }, stale)]));

        Assert.Equal((412, 0), (error.Status, error.FailedTransactionActionIndex));
    }

    [Fact]
    public async Task TransactionWithMoreThanOneHundredActionsIsRefusedBeforeSending()
    {
        var table = await TableFixture.NewTableAsync();
        var actions = Enumerable.Range(0, 101)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new ClientEntity { PartitionKey = "p", RowKey = $"{i}" }));

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions));

        Assert.Empty(await table.QueryAsync<ClientEntity>().ToListAsync());
    }

    [Fact]
    public async Task TransactionSpanningTwoPartitionsIsRefusedBeforeSending()
    {
        var table = await TableFixture.NewTableAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new ClientEntity { PartitionKey = "a", RowKey = "1" }),
            new(TableTransactionActionType.Add, new ClientEntity { PartitionKey = "b", RowKey = "1" }),
        ]));

        Assert.Empty(await table.QueryAsync<ClientEntity>().ToListAsync());
    }
}
