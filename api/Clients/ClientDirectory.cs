using Microsoft.Extensions.Caching.Memory;

namespace ClientReminders.Clients;

public sealed record ClientView(
    string Id,
    string Name,
    string? Mobile,
    string? Email,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool EmailOptedOut
);

/// <summary>
/// An account's clients, decrypted, sorted by name, with duplicates found: searching and paging happen here,
/// since the store holds only ciphertext. Cached per account under its clients version, so a change anywhere
/// is seen on the next request.
/// </summary>
public sealed class ClientDirectory(ClientStore store, FieldCipher cipher, IMemoryCache cache)
{
    private static readonly StringComparer ByName = StringComparer.Create(
        CultureInfo.InvariantCulture,
        CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace
    );

    public sealed record Snapshot(IReadOnlyList<ClientView> Clients, IReadOnlyDictionary<string, string[]> Duplicates)
    {
        public const string RemovedClient = "Removed client";

        // Built once per cached snapshot, not per request: pages that show client names look up a few of thousands.
        private readonly Lazy<Dictionary<string, string>> _names = new(() => Clients.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal));

        /// <summary>The client's name, or "Removed client" for an id no longer in the directory.</summary>
        public string NameOf(string clientId) => _names.Value.GetValueOrDefault(clientId) ?? RemovedClient;
    }

    private readonly ConcurrentDictionary<(string, string, long), Lazy<Task<Snapshot>>> _loading = new();

    public async Task<Snapshot> GetAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var key = (nameof(ClientDirectory), account.Id, account.ClientsVersion);
        if (cache.TryGetValue(key, out Snapshot? cached) && cached is not null)
        {
            return cached;
        }
        // Requests that miss together share one load: otherwise each reads and decrypts every client (seconds at 10,000) at once.
        var load = _loading.GetOrAdd(key, _ => new Lazy<Task<Snapshot>>(() => LoadAsync(key, account.Id)));
        return await load.Value.WaitAsync(cancellationToken);
    }

    private async Task<Snapshot> LoadAsync((string, string, long) key, string accountId)
    {
        try
        {
            // Not the first caller's token: the others wait on the same load.
            var clients = new List<ClientView>();
            await foreach (var client in store.ListAsync(accountId, CancellationToken.None))
            {
                clients.Add(await DecryptAsync(accountId, client, CancellationToken.None));
            }
            clients.Sort((a, b) => ByName.Compare(a.Name, b.Name) is var byName and not 0 ? byName : string.CompareOrdinal(a.Id, b.Id));
            var snapshot = new Snapshot(clients, FindDuplicates(clients));
            cache.Set(key, snapshot, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5), Size = clients.Count + 1 });
            return snapshot;
        }
        finally
        {
            _loading.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// One client from the account's decrypted snapshot, so planning and sending for a busy account read no client row;
    /// one missing from it (added since) is read directly. Null when the client is gone.
    /// </summary>
    public async Task<ClientView?> FindAsync(AccountEntity account, string clientId, CancellationToken cancellationToken)
    {
        var snapshot = await GetAsync(account, cancellationToken);
        if (snapshot.Clients.FirstOrDefault(c => c.Id == clientId) is { } known)
        {
            return known;
        }
        return await ReadAsync(account.Id, clientId, cancellationToken);
    }

    /// <summary>One client as stored right now, decrypted, bypassing the snapshot; null when the client is gone.</summary>
    public async Task<ClientView?> ReadAsync(string accountId, string clientId, CancellationToken cancellationToken) =>
        await store.GetAsync(accountId, clientId, cancellationToken) is { } stored ? await DecryptAsync(accountId, stored, cancellationToken) : null;

    public async Task<ClientView> DecryptAsync(string accountId, ClientEntity client, CancellationToken cancellationToken) =>
        new(
            client.Id,
            await cipher.DecryptAsync(accountId, Context(client, nameof(ClientEntity.Name)), client.Name, cancellationToken) ?? "",
            await cipher.DecryptAsync(accountId, Context(client, nameof(ClientEntity.Mobile)), client.Mobile, cancellationToken),
            await cipher.DecryptAsync(accountId, Context(client, nameof(ClientEntity.Email)), client.Email, cancellationToken),
            client.Status,
            client.CreatedAt,
            client.UpdatedAt,
            client.EmailOptedOut
        );

    public static CipherContext Context(ClientEntity client, string field) => new(StorageTables.Clients.Name, client.RowKey, field);

    public static bool Matches(ClientView client, string search)
    {
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        const CompareOptions loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        if (compare.IndexOf(client.Name, search, loose) >= 0 || (client.Email is { } email && compare.IndexOf(email, search, loose) >= 0))
        {
            return true;
        }
        // Only a search written like a phone number is matched against mobiles by its digits: "k0ecu0b2" is no "002".
        if (!search.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.'))
        {
            return false;
        }
        var digits = new string(search.Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 3
            && client.Mobile is { } mobile
            && (mobile.Contains(digits, StringComparison.Ordinal) || mobile.Contains(digits.TrimStart('0'), StringComparison.Ordinal));
    }

    private static Dictionary<string, string[]> FindDuplicates(List<ClientView> clients)
    {
        var byValue = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var client in clients)
        {
            foreach (
                var value in new[] { client.Mobile is { } m ? "m:" + m : null, client.Email is { } e ? "e:" + e.ToLowerInvariant() : null }.OfType<string>()
            )
            {
                if (!byValue.TryGetValue(value, out var ids))
                {
                    byValue[value] = ids = [];
                }
                ids.Add(client.Id);
            }
        }
        var duplicates = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var ids in byValue.Values.Where(ids => ids.Count > 1))
        {
            foreach (var id in ids)
            {
                duplicates[id] = [.. (duplicates.GetValueOrDefault(id) ?? []).Concat(ids.Where(other => other != id)).Distinct()];
            }
        }
        return duplicates;
    }
}
