using System.Globalization;
using System.Text.Json;
using Azure;
using ClientReminders.AzureClients.Tables;
using ClientReminders.Storage;

namespace ClientReminders.Retention;

public sealed record PurgeReport(DateTimeOffset RanAt, IReadOnlyDictionary<string, int> DeletedByTable)
{
    public int Deleted => DeletedByTable.Values.Sum();

    public override string ToString() =>
        $"deleted {Deleted} row(s): " + string.Join(", ", DeletedByTable.Select(t => $"{t.Key} {t.Value}"));
}

/// <summary>Deletes every row that has outlived its table's retention policy, in single-partition batches of up to 100.</summary>
public sealed class RetentionPurge(TableServiceClient tables, IReadOnlyList<StorageTable> catalog, TimeProvider time, ILogger<RetentionPurge> logger)
{
    private const int MaxBatch = 100;

    public async Task<PurgeReport> RunAsync(CancellationToken cancellationToken)
    {
        var ranAt = time.GetUtcNow();
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in catalog)
        {
            deleted[table.Name] = await PurgeTableAsync(table, ranAt - table.Retention.Age, cancellationToken);
        }
        var report = new PurgeReport(ranAt, deleted);
        await RecordAsync(report, cancellationToken);
        return report;
    }

    private async Task<int> PurgeTableAsync(StorageTable table, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var client = tables.GetTableClient(table.Name);
        var filter = $"{table.Retention.DateProperty} lt " + TableClient.CreateQueryFilter($"{cutoff}");
        var deleted = 0;
        try
        {
            var expired = client.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
            await foreach (var page in expired.AsPages())
            {
                foreach (var batch in page.Values.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(MaxBatch)))
                {
                    deleted += await DeleteAsync(client, batch, cancellationToken);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return deleted;
        }
        if (deleted > 0)
        {
            logger.LogInformation("Retention purge deleted {Count} row(s) from {Table} older than {Cutoff:O}", deleted, table.Name, cutoff);
        }
        return deleted;
    }

    private static async Task<int> DeleteAsync(TableClient client, TableEntity[] batch, CancellationToken cancellationToken)
    {
        try
        {
            await client.SubmitTransactionAsync(
                batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(e.PartitionKey, e.RowKey) { ETag = ETag.All })),
                cancellationToken);
            return batch.Length;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Someone else deleted one of these rows meanwhile, which rolled the batch back: delete one by one instead.
            foreach (var entity in batch)
            {
                await client.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
            }
            return batch.Length;
        }
    }

    private async Task RecordAsync(PurgeReport report, CancellationToken cancellationToken)
    {
        var runs = tables.GetTableClient(StorageTables.RetentionRuns.Name);
        await runs.CreateIfNotExistsAsync(cancellationToken);
        var row = new TableEntity(report.RanAt.ToString("yyyy-MM", CultureInfo.InvariantCulture), (DateTimeOffset.MaxValue.Ticks - report.RanAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture))
        {
            ["RanAt"] = report.RanAt,
            ["Deleted"] = report.Deleted,
            ["DeletedByTable"] = JsonSerializer.Serialize(report.DeletedByTable),
        };
        await runs.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }
}
