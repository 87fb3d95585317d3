namespace ClientReminders.Storage;

/// <summary>The few storage moves the features make again and again, written once.</summary>
public static class TableClientExtensions
{
    /// <summary>Every row the filter matches, read page by page into one list.</summary>
    public static async Task<List<T>> ListAsync<T>(
        this TableClient table,
        string filter,
        IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default
    )
        where T : class, ITableEntity
    {
        var rows = new List<T>();
        await foreach (var row in table.QueryAsync<T>(filter, select: select, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Every row of one partition.</summary>
    public static Task<List<T>> ListPartitionAsync<T>(this TableClient table, string partitionKey, CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        table.ListAsync<T>(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), cancellationToken: cancellationToken);

    /// <summary>
    /// Replaces the row only if it is unchanged since it was read (its ETag), keeping the new ETag on the entity;
    /// false when another writer changed it first (412), so the caller decides whether the newer state wins.
    /// </summary>
    public static Task<bool> TryReplaceAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity => table.TryUpdateAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// Writes <paramref name="entity"/> (replacing the row or merging into it) only if the row still has the ETag
    /// <paramref name="ifMatch"/>, keeping the new ETag on the entity; false when another writer changed it first (412).
    /// </summary>
    public static async Task<bool> TryUpdateAsync<T>(
        this TableClient table,
        T entity,
        ETag ifMatch,
        TableUpdateMode mode,
        CancellationToken cancellationToken = default
    )
        where T : ITableEntity
    {
        try
        {
            var response = await table.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);
            entity.ETag = response.Headers.ETag ?? entity.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Adds the row unless one with its keys exists (409), keeping the new ETag on the entity; false when it was there already.</summary>
    public static async Task<bool> TryAddAsync<T>(this TableClient table, T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken);
            entity.ETag = response.Headers.ETag ?? entity.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Deletes the row only if it is unchanged since it was read; false when another writer changed it first (412).</summary>
    public static async Task<bool> TryDeleteAsync(this TableClient table, ITableEntity entity, CancellationToken cancellationToken = default)
    {
        try
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, entity.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }
}
