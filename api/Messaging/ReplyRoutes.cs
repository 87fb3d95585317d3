using ClientReminders.Security;
using ClientReminders.Storage;

namespace ClientReminders.Messaging;

/// <summary>Remembers, per number, the latest account, client and reminder that texted it; the most recent send wins.</summary>
public sealed class ReplyRoutes(Tables tables, KeyRing keys)
{
    public string KeyFor(string e164) => keys.BlindIndex("reply-route", e164);

    public async Task RememberAsync(string accountId, string clientId, string reminderId, string e164, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.ReplyRoutes, cancellationToken);
        var route = new ReplyRouteEntity { PartitionKey = KeyFor(e164), AccountId = accountId, ClientId = clientId, ReminderId = reminderId, SentAt = sentAt };
        await table.UpsertEntityAsync(route, AzureClients.Tables.TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ReplyRouteEntity?> FindAsync(string e164, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.ReplyRoutes, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<ReplyRouteEntity>(KeyFor(e164), ReplyRouteEntity.Latest, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
