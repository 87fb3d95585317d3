namespace ClientReminders.Conversations;

/// <summary>
/// A client's conversation goes with their data: when the client is deleted or anonymised, their replies, every message
/// row and thread, the texts of the owner's answers to them, and any alert about them waiting to be emailed.
/// </summary>
public sealed class ConversationErasure(ConversationStore store, ReminderStore reminders, TableClients tables, OwnerAlerts alerts)
{
    public async Task ForgetClientAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        var entries = await store.ForgetClientAsync(accountId, clientId, cancellationToken);
        foreach (var answer in entries.Where(e => e.Kind == ConversationItemKind.Answer && e.ReminderId is not null))
        {
            if (await reminders.ReminderAsync(accountId, answer.ReminderId!, cancellationToken) is { } row)
            {
                (row.To, row.Subject, row.Body, row.DirectText, row.DirectSubject) = (null, null, null, null, null);
                await reminders.TrySaveAsync(row, cancellationToken);
            }
        }
        var replies = await tables.GetAsync(StorageTables.Replies, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and ClientId eq {clientId}");
        foreach (var reply in await replies.ListAsync<ReplyEntity>(filter, ["PartitionKey", "RowKey"], cancellationToken))
        {
            await replies.DeleteEntityAsync(reply.PartitionKey, reply.RowKey, ETag.All, cancellationToken);
        }
        await alerts.ForgetClientAsync(accountId, clientId, cancellationToken);
    }
}
