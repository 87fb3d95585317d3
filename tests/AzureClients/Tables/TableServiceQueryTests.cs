using ClientReminders.AzureClients.Tables;
using ClientReminders.Tests.Infrastructure;

namespace ClientReminders.Tests.AzureClients.Tables;

public sealed class TableServiceQueryTests
{
    [Fact]
    public async Task CreatedTablesAreListedAndDeletedOnesAreNot()
    {
        var service = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString);
        var kept = AzuriteServer.UniqueTableName("listed");
        var deleted = AzuriteServer.UniqueTableName("unlisted");
        await service.CreateTableIfNotExistsAsync(kept);
        await service.CreateTableIfNotExistsAsync(deleted);
        await service.DeleteTableAsync(deleted);

        var names = await service.QueryAsync().Select(t => t.Name).ToListAsync();

        Assert.Contains(kept, names);
        Assert.DoesNotContain(deleted, names);
    }

    [Fact]
    public async Task TablesCanBeFilteredByName()
    {
        var service = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString);
        var name = AzuriteServer.UniqueTableName("filtered");
        await service.CreateTableIfNotExistsAsync(name);

        var tables = await service.QueryAsync(TableClient.CreateQueryFilter($"TableName eq {name}")).ToListAsync();

        Assert.Equal([new TableItem(name)], tables);
    }

    [Fact]
    public async Task ManyTablesAreListedAcrossPages()
    {
        var service = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString);
        var prefix = AzuriteServer.UniqueTableName("paged")[..20];
        var names = Enumerable.Range(0, 5).Select(i => $"{prefix}n{i}").ToList();
        foreach (var name in names)
        {
            await service.CreateTableIfNotExistsAsync(name);
        }

        var pages = await service.QueryAsync(TableClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "z"}"), maxPerPage: 2).AsPages().ToListAsync();

        Assert.Equal(names, pages.SelectMany(p => p.Values).Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, pages.Count);
    }
}
