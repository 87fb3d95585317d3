namespace ClientReminders.Audit;

/// <summary>
/// What happened to each account, newest first, for the owner to review. Never pass passwords, tokens or links in
/// <c>detail</c>: it is for facts such as "new email domain example.com".
/// </summary>
public sealed class AuditLog(TableServiceClient tables, TimeProvider time)
{
    public const int MaxUserAgentLength = 256;
    public const int MaxDetailLength = 1024;
    public const int MaxTake = 1000;

    private volatile bool tableCreated;

    internal string TableName { get; init; } = StorageTables.AuditLog.Name;

    public async Task RecordAsync(
        string accountId,
        string auditEvent,
        string? ip,
        string? userAgent,
        string? detail = null,
        CancellationToken cancellationToken = default
    )
    {
        CheckAccountId(accountId);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent);
        var at = time.GetUtcNow();
        var row = new AuditRow
        {
            PartitionKey = accountId,
            RowKey = RowKey(at),
            At = at,
            Event = auditEvent,
            Ip = ClientAddress.Truncate(ip),
            UserAgent = Truncate(userAgent, MaxUserAgentLength),
            Detail = Truncate(detail, MaxDetailLength),
        };
        var table = await TableAsync(cancellationToken);
        await table.AddEntityAsync(row, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string accountId, int take = 100, CancellationToken cancellationToken = default)
    {
        CheckAccountId(accountId);
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(take, MaxTake);
        var table = await TableAsync(cancellationToken);
        var entries = new List<AuditEntry>(Math.Min(take, 100));
        var rows = table.QueryAsync<AuditRow>(
            TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"),
            maxPerPage: take,
            cancellationToken: cancellationToken
        );
        await foreach (var row in rows)
        {
            entries.Add(new AuditEntry(row.At, row.Event, row.Ip, row.UserAgent, row.Detail));
            if (entries.Count == take)
            {
                break;
            }
        }
        return entries;
    }

    /// <summary>Every entry of the account, newest first: what the data export holds.</summary>
    public async IAsyncEnumerable<AuditEntry> ListAllAsync(string accountId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        CheckAccountId(accountId);
        var table = await TableAsync(cancellationToken);
        await foreach (
            var row in table.QueryAsync<AuditRow>(TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"), cancellationToken: cancellationToken)
        )
        {
            yield return new AuditEntry(row.At, row.Event, row.Ip, row.UserAgent, row.Detail);
        }
    }

    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(TableName);
        if (!tableCreated)
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            tableCreated = true;
        }
        return table;
    }

    // Inverted ticks sort the newest row first within the account's partition; the suffix keeps same-tick rows apart.
    private static string RowKey(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture)
        + "-"
        + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    private static string? Truncate(string? text, int maxLength)
    {
        if (text is null || text.Length <= maxLength)
        {
            return text;
        }
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return text[..cut];
    }

    private static void CheckAccountId(string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        if (accountId.Length > 512 || accountId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException("An account id cannot be used as a table partition key.", nameof(accountId));
        }
    }

    internal sealed class AuditRow : ITableEntity
    {
        public string PartitionKey { get; set; } = "";

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public DateTimeOffset At { get; set; }

        public string Event { get; set; } = "";

        public string? Ip { get; set; }

        public string? UserAgent { get; set; }

        public string? Detail { get; set; }
    }
}
