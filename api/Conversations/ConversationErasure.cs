namespace ClientReminders.Conversations;

/// <summary>
/// A client's conversation goes with their data: when the client is deleted or anonymised, their replies, every message
/// row and thread, the texts of the owner's answers to them, and any alert about them waiting to be emailed.
/// </summary>
public sealed class ConversationErasure(ConversationStore store, ReminderStore reminders, TableClients tables, OwnerAlerts alerts)
{
    /// <summary>Safe to run again after a failure part-way: the answers' texts go first, the rows that list them last.</summary>
    public async Task ForgetClientAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        foreach (var answer in (await store.EntriesOfAsync(accountId, clientId, cancellationToken)).Where(e => e.Kind == ConversationItemKind.Answer))
        {
            await ScrubAsync(accountId, answer.ReminderId!, cancellationToken);
        }
        var replies = await tables.GetAsync(StorageTables.Replies, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and ClientId eq {clientId}");
        foreach (var reply in await replies.ListAsync<ReplyEntity>(filter, ["PartitionKey", "RowKey"], cancellationToken))
        {
            await replies.DeleteEntityAsync(reply.PartitionKey, reply.RowKey, ETag.All, cancellationToken);
        }
        await alerts.ForgetClientAsync(accountId, clientId, cancellationToken);
        await store.ForgetClientAsync(accountId, clientId, cancellationToken);
    }

    /// <summary>The owner's answer keeps its place in the history (and the allowance), without what it said or where it went.</summary>
    private async Task ScrubAsync(string accountId, string reminderId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await reminders.ReminderAsync(accountId, reminderId, cancellationToken) is not { } row)
            {
                return;
            }
            if (row is { To: null, Subject: null, Body: null, DirectText: null, DirectSubject: null })
            {
                return;
            }
            (row.To, row.Subject, row.Body, row.DirectText, row.DirectSubject) = (null, null, null, null, null);
            if (await reminders.TrySaveAsync(row, cancellationToken))
            {
                return;
            }
        }
        throw new InvalidOperationException("An answer kept changing while its text was being erased; erasing again finishes it.");
    }
}
