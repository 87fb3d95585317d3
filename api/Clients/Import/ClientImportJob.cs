namespace ClientReminders.Clients.Import;

/// <summary>
/// Runs one queued import: every row is checked on its own, good rows become clients, rows matching an existing
/// client (by number or email) are skipped, bad rows are reported by line. Progress is saved every batch, and a
/// redelivered message resumes after the last saved line.
/// </summary>
public sealed class ClientImportJob(
    ClientImports imports,
    ClientStore clients,
    ClientService service,
    AccountStore accounts,
    TableClients tables,
    HostSettings host,
    TimeProvider time,
    ILogger<ClientImportJob> logger
)
{
    private const int BatchSize = 300;

    public async Task<string> RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<ImportMessage>(invocation.MessageText, JsonSerializerOptions.Web)
            ?? throw new InvalidInvocationException("The message is not an import message.");
        if (await imports.FindAsync(message.AccountId, message.ImportId, cancellationToken) is not { } import)
        {
            return "import not found; nothing to do";
        }
        if (import.Status is ImportStatus.Completed or ImportStatus.Failed)
        {
            return $"import already {import.Status}";
        }
        try
        {
            await RunAsync(import, cancellationToken);
            return $"import {import.Id}: {import.Created} created, {import.Skipped} skipped, {import.Rejected} rejected";
        }
        catch (Exception ex) when (invocation.DequeueCount >= host.Queues.MaxDequeueCount && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Import {ImportId} failed for good", import.Id);
            import.Status = ImportStatus.Failed;
            import.Error = "The import stopped unexpectedly. Rows saved so far are kept; please try the remaining rows again.";
            import.CompletedAt = time.GetUtcNow();
            await SaveAsync(import, cancellationToken);
            return $"import {import.Id} failed";
        }
    }

    private async Task RunAsync(ImportEntity import, CancellationToken cancellationToken)
    {
        if (await accounts.GetAsync(import.PartitionKey, cancellationToken) is not { Status: AccountStatus.Active } account)
        {
            import.Status = ImportStatus.Failed;
            import.Error = "The account is closed.";
            await SaveAsync(import, cancellationToken);
            return;
        }
        var mapping = JsonSerializer.Deserialize<MappingDto>(import.Mapping, JsonSerializerOptions.Web)!;
        var columns = new ColumnMapping(mapping.Name, mapping.Mobile, mapping.Email);
        var file = await imports.ReadFileAsync(import, cancellationToken);
        var known = await KnownHashesAsync(account.Id, cancellationToken);

        import.Status = ImportStatus.Running;
        import.StartedAt ??= time.GetUtcNow();
        import.TotalRows ??= await CountRowsAsync(file, cancellationToken);
        await SaveAsync(import, cancellationToken);

        var pending = new List<ClientEntity>();
        var rejected = new List<ImportRowEntity>();
        var lastLine = import.LastLine;
        using var stream = new MemoryStream(file, writable: false);
        var reader = new CsvReader(stream);
        await reader.ReadHeaderAsync(cancellationToken);
        await foreach (var row in reader.ReadAsync(cancellationToken))
        {
            lastLine = row.Line;
            if (row.Line <= import.LastLine)
            {
                continue;
            }
            import.ProcessedRows++;
            switch (row)
            {
                case CsvRecordError error:
                    import.Rejected++;
                    rejected.Add(
                        await imports.ReportRowAsync(account.Id, import.Id, row.Line, ImportRowOutcome.Rejected, null, error.Error, cancellationToken)
                    );
                    break;
                case CsvRecord record:
                    var fields = columns.Extract(record.Fields);
                    string? withoutMobile = null;
                    if (
                        !service.TryValidate(new ClientInput(fields.Name, fields.Mobile, fields.Email), account.Country, out var valid, out var errors)
                        && errors.Keys.SequenceEqual(["mobile"])
                        && !string.IsNullOrWhiteSpace(fields.Email)
                        && service.TryValidate(new ClientInput(fields.Name, null, fields.Email), account.Country, out valid, out _)
                    )
                    {
                        // Only the mobile is unusable: the client still gets email reminders, and the report says so.
                        withoutMobile = $"Imported with the email address only: {string.Join(" ", errors["mobile"])}";
                        errors = new Dictionary<string, string[]>();
                    }
                    if (errors.Count > 0)
                    {
                        import.Rejected++;
                        rejected.Add(
                            await imports.ReportRowAsync(
                                account.Id,
                                import.Id,
                                row.Line,
                                ImportRowOutcome.Rejected,
                                fields.Name,
                                string.Join(" ", errors.Values.SelectMany(m => m).Distinct()),
                                cancellationToken
                            )
                        );
                    }
                    else if (known.DuplicateOf(valid, account.Id, clients, Ids.New()) is var (duplicate, newId) && duplicate is not null)
                    {
                        import.Skipped++;
                        rejected.Add(
                            await imports.ReportRowAsync(
                                account.Id,
                                import.Id,
                                row.Line,
                                ImportRowOutcome.Skipped,
                                valid.Name,
                                "Already a client, or earlier in this file, with the same mobile number or email address.",
                                cancellationToken,
                                duplicate
                            )
                        );
                    }
                    else
                    {
                        pending.Add(await NewClientAsync(account.Id, import.Id, newId, valid, cancellationToken));
                        import.Created++;
                        if (withoutMobile is not null)
                        {
                            rejected.Add(
                                await imports.ReportRowAsync(
                                    account.Id,
                                    import.Id,
                                    row.Line,
                                    ImportRowOutcome.WithoutMobile,
                                    valid.Name,
                                    withoutMobile,
                                    cancellationToken,
                                    newId
                                )
                            );
                        }
                    }
                    break;
            }
            if (pending.Count + rejected.Count >= BatchSize)
            {
                await FlushAsync(import, pending, rejected, lastLine, cancellationToken);
            }
        }
        await FlushAsync(import, pending, rejected, lastLine, cancellationToken);
        import.Status = ImportStatus.Completed;
        import.CompletedAt = time.GetUtcNow();
        await SaveAsync(import, cancellationToken);
        await imports.DeleteFileAsync(import, cancellationToken);
        logger.LogInformation(
            "Import {ImportId} completed: {Created} created, {Skipped} skipped, {Rejected} rejected",
            import.Id,
            import.Created,
            import.Skipped,
            import.Rejected
        );
    }

    private async Task<ClientEntity> NewClientAsync(
        string accountId,
        string importId,
        string clientId,
        ClientService.ValidClient valid,
        CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow();
        var client = new ClientEntity
        {
            PartitionKey = accountId,
            RowKey = ClientEntity.RowKeyFor(clientId),
            CreatedAt = now,
            UpdatedAt = now,
            ImportId = importId,
        };
        await service.SetDetailsAsync(accountId, client, valid, cancellationToken);
        return client;
    }

    private async Task FlushAsync(
        ImportEntity import,
        List<ClientEntity> pending,
        List<ImportRowEntity> rejected,
        int lastLine,
        CancellationToken cancellationToken
    )
    {
        if (pending.Count > 0)
        {
            await clients.AddManyAsync(pending, cancellationToken);
            await accounts.BumpClientsVersionAsync(import.PartitionKey, cancellationToken);
        }
        if (rejected.Count > 0)
        {
            var rows = await tables.GetAsync(StorageTables.ImportRows, cancellationToken);
            foreach (var batch in rejected.Chunk(TableTransactions.MaxActions))
            {
                await rows.SubmitCheckedTransactionAsync(
                    batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)),
                    cancellationToken
                );
            }
        }
        pending.Clear();
        rejected.Clear();
        import.LastLine = lastLine;
        await SaveAsync(import, cancellationToken);
    }

    private async Task SaveAsync(ImportEntity import, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Imports, cancellationToken);
        var response = await table.UpdateEntityAsync(import, import.ETag, TableUpdateMode.Replace, cancellationToken);
        import.ETag = response.Headers.ETag ?? import.ETag;
    }

    private static async Task<int> CountRowsAsync(byte[] file, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(file, writable: false);
        var reader = new CsvReader(stream);
        await reader.ReadHeaderAsync(cancellationToken);
        var count = 0;
        await foreach (var _ in reader.ReadAsync(cancellationToken))
        {
            count++;
        }
        return count;
    }

    private async Task<KnownClients> KnownHashesAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Clients, cancellationToken);
        var known = new KnownClients();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {"e:"} and RowKey lt {"n"}");
        await foreach (var lookup in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var split = lookup.RowKey.LastIndexOf(':');
            known.Owners.TryAdd(lookup.RowKey[..split], lookup.RowKey[(split + 1)..]);
        }
        return known;
    }

    /// <summary>Lookup prefixes ("m:hash", "e:hash") of the account's clients and of the rows imported so far.</summary>
    private sealed class KnownClients
    {
        /// <summary>Each lookup prefix and the client it belongs to.</summary>
        public Dictionary<string, string> Owners { get; } = new(StringComparer.Ordinal);

        /// <summary>The id of the client this one repeats; or, for a new one, null, remembered under <paramref name="newId"/>.</summary>
        public (string? Duplicate, string NewId) DuplicateOf(ClientService.ValidClient client, string accountId, ClientStore store, string newId)
        {
            var keys = new[]
            {
                client.Mobile is { } m ? "m:" + store.MobileHash(accountId, m) : null,
                client.Email is { } e ? "e:" + store.EmailHash(accountId, e) : null,
            }
                .OfType<string>()
                .ToList();
            if (keys.Select(key => Owners.GetValueOrDefault(key)).FirstOrDefault(owner => owner is not null) is { } duplicate)
            {
                return (duplicate, newId);
            }
            foreach (var key in keys)
            {
                Owners[key] = newId;
            }
            return (null, newId);
        }
    }
}
