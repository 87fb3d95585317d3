using ClientReminders.AzureClients.Tables;
using ClientReminders.Tests.Infrastructure;

namespace ClientReminders.Tests.AzureClients.Tables;

internal static class TableFixture
{
    public static async Task<TableClient> NewTableAsync(string prefix = "test")
    {
        var azurite = await AzuriteServer.SharedAsync();
        var table = new TableClient(azurite.ConnectionString, AzuriteServer.UniqueTableName(prefix));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
