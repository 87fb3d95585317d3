namespace ClientReminders.Tests.AzureClients.Storage;

/// <summary>The conditional writes and the paged read every store uses, against a real Azurite.</summary>
public sealed class TableClientExtensionsTests
{
    private static async Task<TableClient> NewTableAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var table = new TableServiceClient(azurite.ConnectionString, StorageClientOptions.ForTables()).GetTableClient($"Ext{Guid.NewGuid():N}");
        await table.CreateAsync();
        return table;
    }

    [Fact]
    public async Task AReplaceOfARowReadBeforeAnotherWriterChangedItIsRefusedAndTheOtherChangeStands()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = "first" });
        var mine = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        var theirs = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        theirs["Value"] = "theirs";
        Assert.True(await table.TryReplaceAsync(theirs));

        mine["Value"] = "mine";
        Assert.False(await table.TryReplaceAsync(mine));

        Assert.Equal("theirs", (await table.GetEntityAsync<TableEntity>("p", "r")).Value["Value"]);
    }

    [Fact]
    public async Task ASuccessfulReplaceKeepsTheNewETagSoTheSameEntityCanBeWrittenAgain()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 1 });
        var row = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        row["Value"] = 2;
        Assert.True(await table.TryReplaceAsync(row));
        row["Value"] = 3;
        Assert.True(await table.TryReplaceAsync(row));

        Assert.Equal(3, (await table.GetEntityAsync<TableEntity>("p", "r")).Value["Value"]);
    }

    [Fact]
    public async Task ADeleteOfARowChangedSinceItWasReadIsRefused()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));
        var stale = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Changed"] = true }, ETag.All, TableUpdateMode.Merge);

        Assert.False(await table.TryDeleteAsync(stale));
        var fresh = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.True(await table.TryDeleteAsync(fresh));
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }

    [Fact]
    public async Task APartitionIsListedWholeAcrossPagesAndNothingOfOtherPartitions()
    {
        var table = await NewTableAsync();
        foreach (var batch in Enumerable.Range(0, 1_100).Chunk(100))
        {
            await table.SubmitTransactionAsync(
                batch.Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("mine", $"{i:D5}")))
            );
        }
        await table.AddEntityAsync(new TableEntity("other", "00000"));

        var rows = await table.ListPartitionAsync<TableEntity>("mine");

        Assert.Equal(1_100, rows.Count);
        Assert.All(rows, row => Assert.Equal("mine", row.PartitionKey));
    }
}
