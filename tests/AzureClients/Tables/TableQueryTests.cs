using ClientReminders.AzureClients.Tables;

namespace ClientReminders.Tests.AzureClients.Tables;

public sealed class TableQueryTests
{
    [Fact]
    public async Task QueryFollowsContinuationTokensAcrossMoreThanAThousandEntities()
    {
        var table = await TableFixture.NewTableAsync();
        foreach (var chunk in Enumerable.Range(0, 1_100).Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(
                TableTransactionActionType.Add,
                new ClientEntity { PartitionKey = "bulk", RowKey = $"{i:D5}", Visits = i })));
        }

        await table.AddEntityAsync(new ClientEntity { PartitionKey = "other", RowKey = "x", Visits = 1 });

        var pages = await table.QueryAsync<ClientEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"bulk"}")).AsPages().ToListAsync();

        var entities = pages.SelectMany(page => page.Values).ToList();
        Assert.True(pages.Count > 1, $"expected several pages, got {pages.Count}");
        Assert.Equal(1_100, entities.Count);
        Assert.Equal(Enumerable.Range(0, 1_100), entities.Select(entity => entity.Visits!.Value).Order());
        Assert.Null(pages[^1].ContinuationToken);
    }

    [Fact]
    public async Task MaxPerPageLimitsEachPageAndEnumeratingTheItemsVisitsEveryPage()
    {
        var table = await TableFixture.NewTableAsync();
        for (var i = 0; i < 5; i++)
        {
            await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = $"{i}" });
        }

        var pages = await table.QueryAsync<ClientEntity>(maxPerPage: 2).AsPages().ToListAsync();
        var all = await table.QueryAsync<ClientEntity>(maxPerPage: 2).ToListAsync();

        Assert.Equal([2, 2, 1], pages.Select(page => page.Values.Count));
        Assert.Equal(5, all.Count);
    }

    [Fact]
    public async Task FilterReturnsOnlyMatchingEntities()
    {
        var table = await TableFixture.NewTableAsync();
        for (var i = 0; i < 6; i++)
        {
            await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = $"{i}", Visits = i });
        }

        var found = await table.QueryAsync<ClientEntity>(TableClient.CreateQueryFilter($"Visits ge {3} and Visits lt {5}")).ToListAsync();

        Assert.Equal(["3", "4"], found.Select(entity => entity.RowKey));
    }

    [Fact]
    public async Task SelectReturnsOnlyTheRequestedProperties()
    {
        var table = await TableFixture.NewTableAsync();
        await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Name = "Ada", Visits = 9 });

        var queried = Assert.Single(await table.QueryAsync<TableEntity>(select: ["Name"]).ToListAsync());
        var read = (await table.GetEntityAsync<ClientEntity>("p", "r", select: ["Visits"])).Value;

        Assert.Equal("Ada", queried.GetString("Name"));
        Assert.False(queried.ContainsKey("Visits"));
        Assert.Equal((null, 9), (read.Name, read.Visits));
    }

    [Fact]
    public async Task AQuoteInAFilterValueCanNeitherBreakNorWidenTheQuery()
    {
        var table = await TableFixture.NewTableAsync();
        const string hostile = "x' or PartitionKey ne 'x";
        await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "plain", Name = "Ada" });
        await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "hostile", Name = hostile });

        var filter = TableClient.CreateQueryFilter($"Name eq {hostile}");
        var found = await table.QueryAsync<ClientEntity>(filter).ToListAsync();

        Assert.Equal("Name eq 'x'' or PartitionKey ne ''x'", filter);
        Assert.Equal("hostile", Assert.Single(found).RowKey);
    }

    [Fact]
    public void CreateQueryFilterWritesEachValueAsAnODataLiteral()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        var moment = new DateTimeOffset(2024, 5, 6, 9, 8, 7, TimeSpan.FromHours(2));

        var filter = TableClient.CreateQueryFilter(
            $"S eq {"it's"} and I eq {42} and L eq {42L} and B eq {true} and D eq {1.5} and T eq {moment} and G eq {id} and X eq {new byte[] { 0x0a, 0xff }}");

        Assert.Equal(
            "S eq 'it''s' and I eq 42 and L eq 42L and B eq true and D eq 1.5 and T eq datetime'2024-05-06T07:08:07.0000000Z' " +
            "and G eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' and X eq X'0aff'",
            filter);
    }

    [Fact]
    public async Task QueriesCompareTypedValuesOnTheService()
    {
        var table = await TableFixture.NewTableAsync();
        var early = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var id = Guid.NewGuid();
        await table.AddEntityAsync(new AllTypesEntity { PartitionKey = "p", RowKey = "a", Moment = early, Int64 = 5_000_000_000, Id = id });
        await table.AddEntityAsync(new AllTypesEntity { PartitionKey = "p", RowKey = "b", Moment = early.AddYears(1), Int64 = 1, Id = Guid.NewGuid() });

        var byDate = await table.QueryAsync<AllTypesEntity>(TableClient.CreateQueryFilter($"Moment lt {early.AddDays(1)}")).ToListAsync();
        var byLong = await table.QueryAsync<AllTypesEntity>(TableClient.CreateQueryFilter($"Int64 gt {4_000_000_000L}")).ToListAsync();
        var byGuid = await table.QueryAsync<AllTypesEntity>(TableClient.CreateQueryFilter($"Id eq {id}")).ToListAsync();

        Assert.Equal(["a", "a", "a"], new[] { byDate, byLong, byGuid }.Select(found => Assert.Single(found).RowKey));
    }
}
