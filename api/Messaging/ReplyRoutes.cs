using System.Collections.Concurrent;
using ClientReminders.Security;
using ClientReminders.Storage;

namespace ClientReminders.Messaging;

/// <summary>
/// Remembers, per number, the latest account and client that texted it; the most recent send wins. A number this
/// instance routed to the same account and client moments ago is not written again: the reply handler looks up the
/// reminder it answers itself, so only a change of account or client needs the write.
/// </summary>
public sealed class ReplyRoutes(Tables tables, KeyRing keys, TimeProvider time)
{
    public static readonly TimeSpan Unchanged = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, (string AccountId, string ClientId, DateTimeOffset WrittenAt)> _written = new(StringComparer.Ordinal);

    public string KeyFor(string e164) => keys.BlindIndex("reply-route", e164);

    public async Task RememberAsync(string accountId, string clientId, string reminderId, string e164, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var key = KeyFor(e164);
        if (_written.TryGetValue(key, out var written) && written.AccountId == accountId && written.ClientId == clientId && time.GetUtcNow() - written.WrittenAt < Unchanged)
        {
            return;
        }
        var table = await tables.GetAsync(StorageTables.ReplyRoutes, cancellationToken);
        var route = new ReplyRouteEntity { PartitionKey = key, AccountId = accountId, ClientId = clientId, ReminderId = reminderId, SentAt = sentAt };
        await table.UpsertEntityAsync(route, AzureClients.Tables.TableUpdateMode.Replace, cancellationToken);
        if (_written.Count > 100_000)
        {
            _written.Clear();
        }
        _written[key] = (accountId, clientId, time.GetUtcNow());
    }

    public async Task<ReplyRouteEntity?> FindAsync(string e164, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.ReplyRoutes, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<ReplyRouteEntity>(KeyFor(e164), ReplyRouteEntity.Latest, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
