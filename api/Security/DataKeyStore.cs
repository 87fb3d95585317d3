namespace ClientReminders.Security;

public sealed record DataKey(int Version, byte[] Key);

/// <summary>One version of an account's data key, wrapped by a master key: PartitionKey is the account id, RowKey the version.</summary>
public sealed class DataKeyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public byte[] WrappedKey { get; set; } = [];
    public string MasterKeyId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    public int Version => int.Parse(RowKey, NumberStyles.None, CultureInfo.InvariantCulture);

    public static string RowKeyOf(int version) => version.ToString("D6", CultureInfo.InvariantCulture);
}

/// <summary>
/// Each account's AES-256 data keys. The highest version is current and encrypts new values; older versions stay to
/// decrypt what they encrypted until it is re-encrypted. Unwrapped keys are kept in memory for <see cref="UnwrappedKeyLifetime"/>,
/// so a closed account's keys, deleted from storage, leave every instance's memory soon after; the instance that closes it
/// forgets them at once.
/// </summary>
public sealed class DataKeyStore(TableClients tables, KeyRing keys, TimeProvider time)
{
    /// <summary>How long this instance trusts its idea of the current version, so a rotation elsewhere is seen soon.</summary>
    public static readonly TimeSpan CurrentVersionLifetime = TimeSpan.FromMinutes(1);

    /// <summary>How long an unwrapped key stays in memory before it is read (and unwrapped) again.</summary>
    public static readonly TimeSpan UnwrappedKeyLifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(string Account, int Version), (byte[] Key, DateTimeOffset Until)> _unwrapped = new();
    private readonly ConcurrentDictionary<string, (int Version, DateTimeOffset Until)> _current = new(StringComparer.Ordinal);

    internal StorageTable Table { get; init; } = StorageTables.DataKeys;

    public async ValueTask<DataKey> GetCurrentAsync(string accountId, CancellationToken cancellationToken)
    {
        CheckAccountId(accountId);
        if (_current.TryGetValue(accountId, out var current) && current.Until > time.GetUtcNow())
        {
            return await GetAsync(accountId, current.Version, cancellationToken);
        }

        var latest = await LatestAsync(accountId, cancellationToken) ?? await AddAsync(accountId, 1, cancellationToken);
        return Remember(latest, isCurrent: true);
    }

    public async ValueTask<DataKey> GetAsync(string accountId, int version, CancellationToken cancellationToken)
    {
        CheckAccountId(accountId);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (_unwrapped.TryGetValue((accountId, version), out var kept) && kept.Until > time.GetUtcNow())
        {
            return new DataKey(version, kept.Key);
        }

        var table = await tables.GetAsync(Table, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<DataKeyEntity>(accountId, DataKeyEntity.RowKeyOf(version), cancellationToken: cancellationToken);
        return row.HasValue
            ? Remember(row.Value!, isCurrent: false)
            : throw new CryptographicException($"Account {accountId} has no data key version {version}: the account was closed or the value is not ours.");
    }

    /// <summary>Adds the next version, which encrypts everything from now on. A concurrent rotation's key counts as this one's.</summary>
    public async Task<DataKey> RotateAsync(string accountId, CancellationToken cancellationToken)
    {
        CheckAccountId(accountId);
        var latest = await LatestAsync(accountId, cancellationToken);
        var added = await AddAsync(accountId, (latest?.Version ?? 0) + 1, cancellationToken);
        return Remember(added, isCurrent: true);
    }

    /// <summary>
    /// After a master-key rotation: wraps every data key still wrapped by an older master key with the current one,
    /// reading only those. Keys that cannot be unwrapped are left as they are and reported together at the end.
    /// </summary>
    /// <returns>How many keys were rewrapped.</returns>
    public async Task<int> RewrapAllAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table, cancellationToken);
        var failed = new List<string>();
        var rewrapped = 0;
        var stale = TableClient.CreateQueryFilter($"MasterKeyId ne {keys.CurrentMasterKeyId}");
        await foreach (var row in table.QueryAsync<DataKeyEntity>(stale, cancellationToken: cancellationToken))
        {
            try
            {
                await RewrapAsync(table, row, cancellationToken);
                rewrapped++;
            }
            catch (CryptographicException ex)
            {
                failed.Add($"{row.PartitionKey}/{row.RowKey}: {ex.Message}");
            }
        }

        if (failed.Count > 0)
        {
            throw new CryptographicException(
                $"{failed.Count} data keys could not be rewrapped:{Environment.NewLine}{string.Join(Environment.NewLine, failed)}"
            );
        }
        return rewrapped;
    }

    private async Task RewrapAsync(TableClient table, DataKeyEntity row, CancellationToken cancellationToken)
    {
        while (KeyRing.MasterKeyIdOf(row.WrappedKey) != keys.CurrentMasterKeyId)
        {
            var key = keys.UnwrapKey(row.WrappedKey, WrapContext(row.PartitionKey, row.Version));
            var rewrapped = new TableEntity(row.PartitionKey, row.RowKey)
            {
                [nameof(DataKeyEntity.WrappedKey)] = keys.WrapKey(key, WrapContext(row.PartitionKey, row.Version)),
                [nameof(DataKeyEntity.MasterKeyId)] = keys.CurrentMasterKeyId,
            };
            try
            {
                await table.UpdateEntityAsync(rewrapped, row.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                var reread = await table.GetEntityIfExistsAsync<DataKeyEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
                if (!reread.HasValue)
                {
                    return;
                }
                row = reread.Value!;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return;
            }
        }
    }

    private async Task<DataKeyEntity?> LatestAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table, cancellationToken);
        DataKeyEntity? latest = null;
        await foreach (
            var row in table.QueryAsync<DataKeyEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"), cancellationToken: cancellationToken)
        )
        {
            latest = row;
        }
        return latest;
    }

    /// <summary>Adds a version; when another caller added it first (409), theirs is the one everybody uses.</summary>
    private async Task<DataKeyEntity> AddAsync(string accountId, int version, CancellationToken cancellationToken)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var row = new DataKeyEntity
        {
            PartitionKey = accountId,
            RowKey = DataKeyEntity.RowKeyOf(version),
            WrappedKey = keys.WrapKey(key, WrapContext(accountId, version)),
            MasterKeyId = keys.CurrentMasterKeyId,
            CreatedAt = time.GetUtcNow(),
        };
        var table = await tables.GetAsync(Table, cancellationToken);
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
            _unwrapped[(accountId, version)] = (key, time.GetUtcNow() + UnwrappedKeyLifetime);
            return row;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await table.GetEntityAsync<DataKeyEntity>(accountId, row.RowKey, cancellationToken: cancellationToken)).Value;
        }
    }

    private DataKey Remember(DataKeyEntity row, bool isCurrent)
    {
        var version = row.Version;
        var now = time.GetUtcNow();
        var key =
            _unwrapped.TryGetValue((row.PartitionKey, version), out var kept) && kept.Until > now
                ? kept.Key
                : keys.UnwrapKey(row.WrappedKey, WrapContext(row.PartitionKey, version));
        _unwrapped[(row.PartitionKey, version)] = (key, kept.Until > now ? kept.Until : now + UnwrappedKeyLifetime);
        if (isCurrent)
        {
            var until = time.GetUtcNow() + CurrentVersionLifetime;
            _current.AddOrUpdate(row.PartitionKey, (version, until), (_, known) => known.Version > version ? known : (version, until));
        }
        return new DataKey(version, key);
    }

    /// <summary>Drops every key of the account this instance holds in memory (at closure: its data is to become unreadable).</summary>
    public void Forget(string accountId)
    {
        foreach (var held in _unwrapped.Keys.Where(k => k.Account == accountId))
        {
            _unwrapped.TryRemove(held, out _);
        }
        _current.TryRemove(accountId, out _);
    }

    private static string WrapContext(string accountId, int version) => string.Create(CultureInfo.InvariantCulture, $"data-key|{accountId}|{version}");

    internal static void CheckAccountId(string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        if (accountId.Length > 512 || accountId.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c)))
        {
            throw new ArgumentException("An account id cannot be used as a table partition key.", nameof(accountId));
        }
    }
}
