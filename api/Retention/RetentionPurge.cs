namespace ClientReminders.Retention;

public sealed record PurgeReport(DateTimeOffset RanAt, IReadOnlyDictionary<string, int> DeletedByTable, int ClosedAccountsPurged)
{
    public int Deleted => DeletedByTable.Values.Sum();

    public override string ToString() =>
        $"deleted {Deleted} row(s), {ClosedAccountsPurged} closed account(s): " + string.Join(", ", DeletedByTable.Select(t => $"{t.Key} {t.Value}"));
}

/// <summary>
/// Deletes every row that has outlived its table's retention policy, and every row of closed accounts,
/// in single-partition batches of up to 100.
/// </summary>
public sealed class RetentionPurge(TableServiceClient tables, IReadOnlyList<StorageTable> catalog, TimeProvider time, ILogger<RetentionPurge> logger)
{
    private const int MaxBatch = TableTransactions.MaxActions;
    private const int ClosedAccountsPerScan = 20;

    public async Task<PurgeReport> RunAsync(CancellationToken cancellationToken)
    {
        var ranAt = time.GetUtcNow();
        var deleted = catalog.ToDictionary(t => t.Name, _ => 0, StringComparer.Ordinal);
        foreach (var table in catalog.Where(t => t.Retention.Age is not null))
        {
            var filter = $"{table.Retention.DateProperty} lt " + TableClient.CreateQueryFilter($"{ranAt - table.Retention.Age!.Value}");
            deleted[table.Name] += await DeleteWhereAsync(table.Name, filter, cancellationToken);
        }
        var dayPartitioned = catalog.Where(t => t.Retention.DayPartitionMonths is not null).ToList();
        if (dayPartitioned.Count > 0)
        {
            foreach (var accountId in await AccountsAsync(null, cancellationToken))
            {
                foreach (var table in dayPartitioned)
                {
                    // Days before the first day still kept: only expired partitions are read.
                    var keepFrom = DateOnly.FromDateTime(ranAt.UtcDateTime.AddMonths(-table.Retention.DayPartitionMonths!.Value));
                    var filter = TableClient.CreateQueryFilter(
                        $"PartitionKey gt {accountId + "_"} and PartitionKey lt {accountId + "_" + keepFrom.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}"
                    );
                    deleted[table.Name] += await DeleteWhereAsync(table.Name, filter, cancellationToken);
                }
            }
        }
        var closedAccounts = await AccountsAsync(AccountStatus.Closed, cancellationToken);
        // Tables keyed by something else are scanned on their account column: once for many closed accounts, not once each.
        foreach (var table in catalog.Where(t => t.Retention.AccountScoped && t.AccountColumn is not null))
        {
            foreach (var chunk in closedAccounts.Chunk(ClosedAccountsPerScan))
            {
                deleted[table.Name] += await DeleteWhereAsync(
                    table.Name,
                    string.Join(" or ", chunk.Select(id => $"({table.AccountFilter(id)})")),
                    cancellationToken
                );
            }
        }
        foreach (var accountId in closedAccounts)
        {
            await PurgeAccountAsync(accountId, deleted, cancellationToken);
        }
        foreach (var (table, count) in deleted.Where(d => d.Value > 0))
        {
            logger.LogInformation("Retention purge deleted {Count} row(s) from {Table}", count, table);
        }
        var report = new PurgeReport(ranAt, deleted, closedAccounts.Count);
        await RecordAsync(report, cancellationToken);
        return report;
    }

    private async Task<List<string>> AccountsAsync(string? status, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        if (!catalog.Contains(StorageTables.Accounts))
        {
            return found;
        }
        try
        {
            var filter = status is null ? null : TableClient.CreateQueryFilter($"Status eq {status}");
            await foreach (
                var account in tables
                    .GetTableClient(StorageTables.Accounts.Name)
                    .QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken)
            )
            {
                found.Add(account.PartitionKey);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
        return found;
    }

    // The account row goes last, so a purge cut short is picked up again by the next run.
    private async Task PurgeAccountAsync(string accountId, Dictionary<string, int> deleted, CancellationToken cancellationToken)
    {
        var scoped = catalog.Where(t => t.Retention.AccountScoped && t.AccountColumn is null).OrderBy(t => t == StorageTables.Accounts);
        foreach (var table in scoped)
        {
            var filter = table.AccountFilter(accountId) + (table.Retention.ClosureFilter is { } only ? $" and ({only})" : "");
            deleted[table.Name] += await DeleteWhereAsync(table.Name, filter, cancellationToken);
        }
    }

    private async Task<int> DeleteWhereAsync(string tableName, string filter, CancellationToken cancellationToken)
    {
        var client = tables.GetTableClient(tableName);
        var deleted = 0;
        try
        {
            var matches = client.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
            await foreach (var page in matches.AsPages())
            {
                foreach (var batch in page.Values.GroupBy(e => e.PartitionKey).SelectMany(p => p.Chunk(MaxBatch)))
                {
                    deleted += await DeleteAsync(client, batch, cancellationToken);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
        return deleted;
    }

    private static async Task<int> DeleteAsync(TableClient client, TableEntity[] batch, CancellationToken cancellationToken)
    {
        try
        {
            await client.SubmitCheckedTransactionAsync(
                batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(e.PartitionKey, e.RowKey), ETag.All)),
                cancellationToken
            );
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Someone else deleted one of these rows meanwhile, which rolled the batch back: delete one by one instead.
            foreach (var entity in batch)
            {
                await client.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            }
        }
        return batch.Length;
    }

    private async Task RecordAsync(PurgeReport report, CancellationToken cancellationToken)
    {
        var runs = tables.GetTableClient(StorageTables.RetentionRuns.Name);
        await runs.CreateIfNotExistsAsync(cancellationToken);
        var row = new TableEntity(
            report.RanAt.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            (DateTimeOffset.MaxValue.Ticks - report.RanAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        )
        {
            ["RanAt"] = report.RanAt,
            ["Deleted"] = report.Deleted,
            ["ClosedAccounts"] = report.ClosedAccountsPurged,
            ["DeletedByTable"] = JsonSerializer.Serialize(report.DeletedByTable),
        };
        await runs.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }
}
