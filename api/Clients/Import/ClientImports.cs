namespace ClientReminders.Clients.Import;

public sealed record ImportPreview(
    IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<string>> SampleRows,
    MappingDto SuggestedMapping,
    string Encoding,
    string Delimiter
);

public sealed record MappingDto(IReadOnlyList<int> Name, int? Mobile, int? Email)
{
    public static MappingDto From(ColumnMapping mapping) => new(mapping.Name, mapping.Mobile, mapping.Email);
}

/// <summary>A row the report names: its line, the client's name as in the file (empty when it had none) and why.</summary>
public sealed record RejectedRow(int Line, string Reason, string Name = "");

/// <summary>
/// An import's progress and report. <c>RejectedRows</c> were not imported; <c>SkippedRows</c> were already clients (or repeated
/// in the file); <c>ImportedWithoutMobileRows</c> were imported with their email only because their mobile was not usable
/// (counted in <c>Created</c>). Each list holds at most the first 200.
/// </summary>
public sealed record ImportProgress(
    string Id,
    string FileName,
    string Status,
    int? TotalRows,
    int ProcessedRows,
    int Created,
    int Skipped,
    int Rejected,
    IReadOnlyList<RejectedRow> RejectedRows,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    string? Error,
    IReadOnlyList<RejectedRow> SkippedRows,
    IReadOnlyList<RejectedRow> ImportedWithoutMobileRows
);

/// <summary>Accepts a CSV upload (stored encrypted in chunks), records the owner's consent and queues the import.</summary>
public sealed class ClientImports(TableClients tables, FieldCipher cipher, QueueClients queues, TimeProvider time)
{
    public const string QueueName = "client-imports";
    public const long MaxFileBytes = 10 * 1024 * 1024;
    public const string ConsentStatement =
        "I confirm these clients agreed to receive appointment reminders by SMS and/or email (and occasional direct messages from me), and that their details are correct to the best of my knowledge.";

    // 16 KB of file per row keeps each encrypted chunk under the 32K-character limit of a table string.
    private const int ChunkBytes = 16 * 1024;
    private const int ChunksPerTransaction = 50;
    private const int RejectedRowsShown = 200;

    public static async Task<ImportPreview> PreviewAsync(Stream sample, CancellationToken cancellationToken)
    {
        var reader = new CsvReader(sample, new CsvReaderOptions { MaxRecords = 5 });
        if (await reader.ReadHeaderAsync(cancellationToken) is not CsvRecord header)
        {
            throw ValidationFailedException.For("file", "The file is empty or its first line is not a row of column names.");
        }
        var rows = new List<IReadOnlyList<string>>();
        await foreach (var row in reader.ReadAsync(cancellationToken))
        {
            if (row is CsvRecord record && rows.Count < 5)
            {
                rows.Add(record.Fields);
            }
        }
        return new ImportPreview(
            header.Fields,
            rows,
            MappingDto.From(ColumnMapping.Suggest(header.Fields, rows)),
            reader.Encoding?.WebName ?? "utf-8",
            reader.Delimiter is { } d ? d.ToString() : ","
        );
    }

    public async Task<string> StartAsync(
        AccountEntity account,
        string fileName,
        byte[] content,
        string? mappingJson,
        bool consent,
        RequestInfo from,
        CancellationToken cancellationToken
    )
    {
        var errors = new FieldErrors();
        if (!consent)
        {
            errors.Add("consent", "Confirm that these clients agreed to receive reminders.");
        }
        if (content.Length == 0)
        {
            errors.Add("file", "The file is empty.");
        }
        var mapping = ColumnMapping.Parse(mappingJson ?? "");
        if (mapping is null)
        {
            errors.Add("mapping", "Choose which columns hold the name, mobile number and email.");
        }
        else if (mapping.Validate(await HeaderCountAsync(content, cancellationToken)) is { } mappingError)
        {
            errors.Add("mapping", mappingError);
        }
        errors.ThrowIfAny();

        var now = time.GetUtcNow();
        var import = new ImportEntity
        {
            PartitionKey = account.Id,
            RowKey = Ids.New(),
            FileName = Path.GetFileName(fileName) is { Length: > 0 } name ? name[..Math.Min(name.Length, 200)] : "clients.csv",
            SizeBytes = content.Length,
            Chunks = (content.Length + ChunkBytes - 1) / ChunkBytes,
            Mapping = JsonSerializer.Serialize(MappingDto.From(mapping!), JsonSerializerOptions.Web),
            CreatedAt = now,
            ConsentStatement = ConsentStatement,
            ConsentAt = now,
            ConsentBy = $"{account.OwnerName} (account {account.Id})",
            ConsentIp = from.Ip,
        };
        await StoreChunksAsync(account.Id, import.Id, content, now, cancellationToken);
        var imports = await tables.GetAsync(StorageTables.Imports, cancellationToken);
        await imports.AddEntityAsync(import, cancellationToken);
        await queues.SendAsync(QueueName, JsonSerializer.Serialize(new ImportMessage(account.Id, import.Id), JsonSerializerOptions.Web), cancellationToken);
        return import.Id;
    }

    public async Task<ImportProgress?> GetAsync(string accountId, string importId, CancellationToken cancellationToken)
    {
        if (await FindAsync(accountId, importId, cancellationToken) is not { } import)
        {
            return null;
        }
        var shown = new Dictionary<string, List<RejectedRow>>(StringComparer.Ordinal)
        {
            [ImportRowOutcome.Rejected] = [],
            [ImportRowOutcome.Skipped] = [],
            [ImportRowOutcome.WithoutMobile] = [],
        };
        await foreach (var (outcome, row) in ReportedAsync(accountId, importId, cancellationToken))
        {
            if (shown.TryGetValue(outcome, out var list) && list.Count < RejectedRowsShown)
            {
                list.Add(row);
            }
        }
        return new ImportProgress(
            import.Id,
            import.FileName,
            import.Status,
            import.TotalRows,
            import.ProcessedRows,
            import.Created,
            import.Skipped,
            import.Rejected,
            shown[ImportRowOutcome.Rejected],
            import.CreatedAt,
            import.CompletedAt,
            import.Error,
            shown[ImportRowOutcome.Skipped],
            shown[ImportRowOutcome.WithoutMobile]
        );
    }

    public async Task<ImportEntity?> FindAsync(string accountId, string importId, CancellationToken cancellationToken)
    {
        if (importId.Length != 32 || !importId.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var imports = await tables.GetAsync(StorageTables.Imports, cancellationToken);
        var found = await imports.GetEntityIfExistsAsync<ImportEntity>(accountId, importId, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Every row the report names, in line order, with what became of it.</summary>
    public async IAsyncEnumerable<(string Outcome, RejectedRow Row)> ReportedAsync(
        string accountId,
        string importId,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var rows = await tables.GetAsync(StorageTables.ImportRows, cancellationToken);
        var (from, to) = ImportRowEntity.Range(importId, 'r');
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {from} and RowKey lt {to}");
        await foreach (var row in rows.QueryAsync<ImportRowEntity>(filter, cancellationToken: cancellationToken))
        {
            var name = await cipher.DecryptAsync(accountId, NameContext(row.RowKey), row.Name, cancellationToken) ?? "";
            yield return (row.Outcome ?? ImportRowOutcome.Rejected, new RejectedRow(row.Line ?? 0, row.Reason ?? "", name));
        }
    }

    /// <summary>A row for the report; the name is encrypted like the rest of the client's details.</summary>
    /// <param name="clientId">The client the row became or repeats, so the name goes when that client is deleted or anonymised.</param>
    public async Task<ImportRowEntity> ReportRowAsync(
        string accountId,
        string importId,
        int line,
        string outcome,
        string? name,
        string reason,
        CancellationToken cancellationToken,
        string? clientId = null
    )
    {
        var rowKey = ImportRowEntity.RejectionKey(importId, line);
        return new ImportRowEntity
        {
            PartitionKey = accountId,
            RowKey = rowKey,
            Line = line,
            Outcome = outcome,
            Reason = reason,
            ClientId = clientId,
            Name = FreeText.Clean(name ?? "") is { Length: > 0 } shown
                ? await cipher.EncryptAsync(accountId, NameContext(rowKey), shown, cancellationToken)
                : null,
            CreatedAt = time.GetUtcNow(),
        };
    }

    private static CipherContext NameContext(string rowKey) => new(StorageTables.ImportRows.Name, rowKey, nameof(ImportRowEntity.Name));

    /// <summary>A deleted or anonymised client's name leaves every import report at once; the rows keep their line and reason.</summary>
    public async Task ForgetClientAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        var rows = await tables.GetAsync(StorageTables.ImportRows, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and ClientId eq {clientId}");
        await foreach (var row in rows.QueryAsync<ImportRowEntity>(filter, cancellationToken: cancellationToken))
        {
            // Replaced whole: a merge cannot remove a property.
            (row.Name, row.ClientId) = (null, null);
            try
            {
                await rows.UpdateEntityAsync(row, Azure.ETag.All, TableUpdateMode.Replace, cancellationToken);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404)
            {
                // Its report's 30 days ran out meanwhile: gone with the name.
            }
        }
    }

    public async Task<byte[]> ReadFileAsync(ImportEntity import, CancellationToken cancellationToken)
    {
        var rows = await tables.GetAsync(StorageTables.ImportRows, cancellationToken);
        var (from, to) = ImportRowEntity.Range(import.Id, 'c');
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {import.PartitionKey} and RowKey ge {from} and RowKey lt {to}");
        using var file = new MemoryStream((int)import.SizeBytes);
        await foreach (var chunk in rows.QueryAsync<ImportRowEntity>(filter, cancellationToken: cancellationToken))
        {
            var text = await cipher.DecryptAsync(import.PartitionKey, ChunkContext(chunk.RowKey), chunk.Data, cancellationToken);
            file.Write(Convert.FromBase64String(text ?? ""));
        }
        return file.ToArray();
    }

    public async Task DeleteFileAsync(ImportEntity import, CancellationToken cancellationToken)
    {
        var rows = await tables.GetAsync(StorageTables.ImportRows, cancellationToken);
        var deletes = Enumerable
            .Range(0, import.Chunks)
            .Select(i => new TableTransactionAction(
                TableTransactionActionType.Delete,
                new ImportRowEntity { PartitionKey = import.PartitionKey, RowKey = ImportRowEntity.ChunkKey(import.Id, i) }
            ));
        foreach (var batch in deletes.Chunk(TableTransactions.MaxActions))
        {
            try
            {
                await rows.SubmitCheckedTransactionAsync(batch, cancellationToken);
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404)
            {
                // Deleted by an earlier delivery of the same message.
            }
        }
    }

    private async Task StoreChunksAsync(string accountId, string importId, byte[] content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await tables.GetAsync(StorageTables.ImportRows, cancellationToken);
        var chunks = new List<ImportRowEntity>();
        for (var index = 0; index * ChunkBytes < content.Length; index++)
        {
            var key = ImportRowEntity.ChunkKey(importId, index);
            var slice = content.AsSpan(index * ChunkBytes, Math.Min(ChunkBytes, content.Length - (index * ChunkBytes)));
            chunks.Add(
                new ImportRowEntity
                {
                    PartitionKey = accountId,
                    RowKey = key,
                    CreatedAt = now,
                    Data = await cipher.EncryptAsync(accountId, ChunkContext(key), Convert.ToBase64String(slice), cancellationToken),
                }
            );
        }
        foreach (var batch in chunks.Chunk(ChunksPerTransaction))
        {
            await rows.SubmitCheckedTransactionAsync(batch.Select(c => new TableTransactionAction(TableTransactionActionType.Add, c)), cancellationToken);
        }
    }

    private static CipherContext ChunkContext(string rowKey) => new(StorageTables.ImportRows.Name, rowKey, nameof(ImportRowEntity.Data));

    private static async Task<int> HeaderCountAsync(byte[] content, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(content, writable: false);
        var reader = new CsvReader(stream, new CsvReaderOptions { MaxRecords = 1 });
        return await reader.ReadHeaderAsync(cancellationToken) is CsvRecord header ? header.Fields.Count : 0;
    }
}
