namespace ClientReminders.Storage;

/// <summary>Table clients for the tables in <see cref="StorageTables"/>, each created on first use once per process.</summary>
public sealed class TableClients(TableServiceClient service)
{
    private readonly CreatedOnce<TableClient> _tables = new(async name =>
    {
        var client = service.GetTableClient(name);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    public Task<TableClient> GetAsync(StorageTable table, CancellationToken cancellationToken = default) => _tables.GetAsync(table.Name, cancellationToken);
}
