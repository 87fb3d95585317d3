using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace ClientReminders.Storage;

/// <summary>Table clients for the tables in <see cref="StorageTables"/>, each created on first use once per process.</summary>
public sealed class Tables(TableServiceClient service)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _ready = new(StringComparer.Ordinal);

    public async Task<TableClient> GetAsync(StorageTable table, CancellationToken cancellationToken = default)
    {
        var ready = _ready.GetOrAdd(table.Name, name => new Lazy<Task<TableClient>>(() => CreateAsync(name)));
        try
        {
            return await ready.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed creation is not cached: the next call tries again.
            _ready.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(table.Name, ready));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        var client = service.GetTableClient(name);
        await client.CreateIfNotExistsAsync();
        return client;
    }
}
