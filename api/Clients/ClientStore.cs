namespace ClientReminders.Clients;

/// <summary>
/// Client rows and their lookup rows, always written together in one transaction of the account's partition, and
/// the reply route of each number (added before, removed after, so no client is ever without one). Every method takes
/// the account id; callers take it from the session.
/// </summary>
public sealed class ClientStore(TableClients tables, KeyRing keys, ReplyRoutes replyRoutes)
{
    private const int MaxActionsPerTransaction = TableTransactions.MaxActions;

    public string MobileHash(string accountId, string e164) => keys.BlindIndex("client-mobile", accountId + "|" + e164);

    public string ReplyRouteKey(string e164) => replyRoutes.KeyFor(e164);

    public string EmailHash(string accountId, string email) => keys.BlindIndex("client-email", accountId + "|" + email.Trim().ToLowerInvariant());

    public async Task<ClientEntity?> GetAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        if (!IsClientId(clientId))
        {
            return null;
        }
        var clients = await tables.GetAsync(StorageTables.Clients, cancellationToken);
        var found = await clients.GetEntityIfExistsAsync<ClientEntity>(accountId, ClientEntity.RowKeyFor(clientId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async IAsyncEnumerable<ClientEntity> ListAsync(string accountId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var clients = await tables.GetAsync(StorageTables.Clients, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {"c:"} and RowKey lt {"c;"}");
        await foreach (var client in clients.QueryAsync<ClientEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return client;
        }
    }

    /// <summary>Ids of the account's clients whose lookup row starts with <paramref name="prefix"/>.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(string accountId, string prefix, CancellationToken cancellationToken)
    {
        var clients = await tables.GetAsync(StorageTables.Clients, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + ";"}");
        var ids = new List<string>();
        await foreach (var lookup in clients.QueryAsync<ClientLookupEntity>(filter, cancellationToken: cancellationToken))
        {
            ids.Add(lookup.ClientId);
        }
        return ids;
    }

    public async Task AddAsync(ClientEntity client, CancellationToken cancellationToken) => await AddManyAsync([client], cancellationToken);

    /// <summary>Adds clients in as few transactions as fit, each client with its lookup rows.</summary>
    public async Task AddManyAsync(IReadOnlyList<ClientEntity> newClients, CancellationToken cancellationToken)
    {
        await replyRoutes.AddAsync(newClients.Where(c => c.ReplyRouteKey is not null).Select(c => (c.ReplyRouteKey!, c.PartitionKey, c.Id)), cancellationToken);
        var table = await tables.GetAsync(StorageTables.Clients, cancellationToken);
        var batch = new List<TableTransactionAction>();
        foreach (var client in newClients)
        {
            var actions = Lookups(client)
                .Select(l => new TableTransactionAction(TableTransactionActionType.Add, l))
                .Prepend(new TableTransactionAction(TableTransactionActionType.Add, client))
                .ToList();
            if (batch.Count + actions.Count > MaxActionsPerTransaction)
            {
                await table.SubmitCheckedTransactionAsync(batch, cancellationToken);
                batch = [];
            }
            batch.AddRange(actions);
        }
        if (batch.Count > 0)
        {
            await table.SubmitCheckedTransactionAsync(batch, cancellationToken);
        }
    }

    /// <summary>Saves <paramref name="client"/> if unchanged since read (its ETag), moving its lookup rows from <paramref name="before"/>.</summary>
    public async Task ReplaceAsync(ClientEntity client, ClientEntity before, CancellationToken cancellationToken)
    {
        var routeMoved = client.ReplyRouteKey != before.ReplyRouteKey;
        if (routeMoved && client.ReplyRouteKey is { } key)
        {
            await replyRoutes.AddAsync([(key, client.PartitionKey, client.Id)], cancellationToken);
        }
        var table = await tables.GetAsync(StorageTables.Clients, cancellationToken);
        var old = Lookups(before).ToDictionary(l => l.RowKey);
        var current = Lookups(client).ToDictionary(l => l.RowKey);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, client, client.ETag) };
        actions.AddRange(old.Keys.Except(current.Keys).Select(k => new TableTransactionAction(TableTransactionActionType.Delete, old[k], ETag.All)));
        actions.AddRange(current.Keys.Except(old.Keys).Select(k => new TableTransactionAction(TableTransactionActionType.UpsertReplace, current[k])));
        await table.SubmitCheckedTransactionAsync(actions, cancellationToken);
        // A quicker edit may have given the client the old number back meanwhile: its route stays then.
        if (routeMoved && before.ReplyRouteKey is { } oldKey && (await GetAsync(before.PartitionKey, before.Id, cancellationToken))?.ReplyRouteKey != oldKey)
        {
            await replyRoutes.RemoveAsync(oldKey, before.PartitionKey, before.Id, cancellationToken);
        }
    }

    public async Task DeleteAsync(ClientEntity client, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Clients, cancellationToken);
        var actions = Lookups(client)
            .Select(l => new TableTransactionAction(TableTransactionActionType.Delete, l, ETag.All))
            .Prepend(new TableTransactionAction(TableTransactionActionType.Delete, client, ETag.All));
        await table.SubmitCheckedTransactionAsync(actions, cancellationToken);
        if (client.ReplyRouteKey is { } key)
        {
            await replyRoutes.RemoveAsync(key, client.PartitionKey, client.Id, cancellationToken);
        }
    }

    private static IEnumerable<ClientLookupEntity> Lookups(ClientEntity client)
    {
        if (client.MobileHash is { } mobile)
        {
            yield return new ClientLookupEntity
            {
                PartitionKey = client.PartitionKey,
                RowKey = ClientLookupEntity.MobilePrefix(mobile) + client.Id,
                ClientId = client.Id,
            };
        }
        if (client.EmailHash is { } email)
        {
            yield return new ClientLookupEntity
            {
                PartitionKey = client.PartitionKey,
                RowKey = ClientLookupEntity.EmailPrefix(email) + client.Id,
                ClientId = client.Id,
            };
        }
    }

    private static bool IsClientId(string clientId) => clientId.Length == 32 && clientId.All(char.IsAsciiHexDigitLower);
}
