namespace ClientReminders.Messaging;

/// <summary>
/// Per mobile number, the accounts and clients that have it: written when a client's number is saved, not per send,
/// so sending a text costs no write here. A reply goes to whichever of them texted the number last.
/// </summary>
public sealed class ReplyRoutes(TableClients tables, KeyRing keys)
{
    private const int Parallelism = 8;

    public string KeyFor(string e164) => keys.BlindIndex("reply-route", e164);

    public async Task<IReadOnlyList<ReplyRouteEntity>> FindAsync(string e164, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.ReplyRoutes, cancellationToken);
        var found = await table.ListAsync<ReplyRouteEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {KeyFor(e164)}"),
            cancellationToken: cancellationToken
        );
        return found;
    }

    /// <param name="routes">(number key, account id, client id) of each client whose number was saved.</param>
    public async Task AddAsync(IEnumerable<(string Key, string AccountId, string ClientId)> routes, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.ReplyRoutes, cancellationToken);
        await Parallel.ForEachAsync(
            routes,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (route, ct) => await table.UpsertEntityAsync(Row(route.Key, route.AccountId, route.ClientId), TableUpdateMode.Replace, ct)
        );
    }

    public async Task RemoveAsync(string key, string accountId, string clientId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.ReplyRoutes, cancellationToken);
        await table.DeleteEntityAsync(key, Row(key, accountId, clientId).RowKey, cancellationToken: cancellationToken);
    }

    private static ReplyRouteEntity Row(string key, string accountId, string clientId) =>
        new()
        {
            PartitionKey = key,
            RowKey = accountId + "_" + clientId,
            AccountId = accountId,
            ClientId = clientId,
        };
}
