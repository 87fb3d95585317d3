namespace ClientReminders.Security;

/// <summary>A table partitioned by account (or by account and day) whose <paramref name="Fields"/> hold <see cref="FieldCipher"/> values.</summary>
public sealed record EncryptedTable(StorageTable Table, IReadOnlyList<string> Fields);

/// <summary>After a data key rotation, re-encrypts an account's values still under an older key, so the old key can be retired.</summary>
public sealed class Reencryption(
    TableClients tables,
    FieldCipher cipher,
    DataKeyStore keys,
    IEnumerable<EncryptedTable> encryptedTables,
    ILogger<Reencryption> logger
)
{
    private const int MaxAttemptsPerRow = 10;

    /// <summary>Returns how many rows were rewritten. A concurrent change to a row is re-read and retried; a deleted row is skipped.</summary>
    public async Task<int> ReencryptAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var current = (await keys.GetCurrentAsync(accountId, cancellationToken)).Version;
        var rewritten = 0;
        foreach (var encrypted in encryptedTables)
        {
            var table = await tables.GetAsync(encrypted.Table, cancellationToken);
            var filter = encrypted.Table.AccountFilter(accountId);
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: Columns(encrypted), cancellationToken: cancellationToken))
            {
                if (await RewriteAsync(table, encrypted, row, current, cancellationToken))
                {
                    rewritten++;
                }
            }
        }

        logger.LogInformation("Re-encrypted {Rows} rows of account {AccountId} with data key version {Version}.", rewritten, accountId, current);
        return rewritten;
    }

    private async Task<bool> RewriteAsync(TableClient table, EncryptedTable encrypted, TableEntity row, int current, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttemptsPerRow; attempt++)
        {
            var update = await ReencryptedFieldsAsync(encrypted, row, current, cancellationToken);
            if (update is null)
            {
                return false;
            }

            try
            {
                await table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                var reread = await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, Columns(encrypted), cancellationToken);
                if (!reread.HasValue)
                {
                    return false;
                }
                row = reread.Value!;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return false;
            }
        }

        logger.LogWarning("Row {RowKey} of {Table} kept changing; it was left for the next re-encryption run.", row.RowKey, encrypted.Table.Name);
        return false;
    }

    /// <summary>The fields of <paramref name="row"/> re-encrypted with the current key, or null when none needs it.</summary>
    private async Task<TableEntity?> ReencryptedFieldsAsync(EncryptedTable encrypted, TableEntity row, int current, CancellationToken cancellationToken)
    {
        TableEntity? update = null;
        foreach (var field in encrypted.Fields)
        {
            if (!row.TryGetValue(field, out var value) || value is not string ciphertext || FieldCipher.KeyVersionOf(ciphertext) == current)
            {
                continue;
            }

            if (FieldCipher.KeyVersionOf(ciphertext) is null)
            {
                logger.LogWarning(
                    "{Table}.{Field} of row {RowKey} does not hold an encrypted value; it was left as it is.",
                    encrypted.Table.Name,
                    field,
                    row.RowKey
                );
                continue;
            }

            var context = new CipherContext(encrypted.Table.Name, row.RowKey, field);
            try
            {
                var plaintext = await cipher.DecryptAsync(encrypted.Table.AccountOf(row.PartitionKey), context, ciphertext, cancellationToken);
                update ??= new TableEntity(row.PartitionKey, row.RowKey);
                update[field] = (await cipher.EncryptAsync(encrypted.Table.AccountOf(row.PartitionKey), context, plaintext, cancellationToken))!;
            }
            catch (CryptographicException ex)
            {
                logger.LogError(ex, "{Table}.{Field} of row {RowKey} does not decrypt; it was left as it is.", encrypted.Table.Name, field, row.RowKey);
            }
        }
        return update;
    }

    private static string[] Columns(EncryptedTable encrypted) => ["PartitionKey", "RowKey", .. encrypted.Fields];
}
