namespace ClientReminders.Conversations;

/// <summary>
/// Where conversations are stored: each client's messages as a key range of the Conversations table (pointers to the
/// reminder and reply rows that hold them), and one thread row per client for the inbox. Every write is idempotent: a
/// message's row key is fixed by its source, and a thread holds times, never counters.
/// </summary>
public sealed class ConversationStore(TableClients tables)
{
    public const int PreviewLength = 160;
    private const int MaxThreadAttempts = 8;

    public static CipherContext EntryText(string rowKey) => new(StorageTables.Conversations.Name, rowKey, nameof(ConversationEntryEntity.Text));

    public static CipherContext ThreadText(string clientId) => new(StorageTables.ConversationThreads.Name, clientId, nameof(ConversationThreadEntity.LastText));

    /// <summary>Adds the message unless it is there already (a retry, or another writer of the same message).</summary>
    public async Task<bool> AddAsync(ConversationEntryEntity entry, CancellationToken cancellationToken) =>
        await (await tables.GetAsync(StorageTables.Conversations, cancellationToken)).TryAddAsync(entry, cancellationToken);

    /// <summary>The row of a message that went (or goes) out as a reminder row; its key follows from the reminder, so every writer agrees.</summary>
    public static ConversationEntryEntity Sent(ReminderEntity reminder, ReminderChannel channel, ConversationItemKind kind) =>
        new()
        {
            PartitionKey = reminder.AccountId,
            RowKey = ConversationEntryEntity.RowKeyFor(reminder.ClientId, reminder.DueAt, "r" + reminder.Id),
            Kind = kind,
            Channel = channel == ReminderChannel.Email ? ConversationChannel.Email : ConversationChannel.Sms,
            At = reminder.DueAt,
            ReminderId = reminder.Id,
        };

    /// <summary>What a reminder row is in its client's conversation; the owner's own test message is in none.</summary>
    public static ConversationItemKind? KindOf(ReminderKind kind) =>
        kind switch
        {
            ReminderKind.Reminder => ConversationItemKind.Reminder,
            ReminderKind.Notice => ConversationItemKind.Notice,
            ReminderKind.Direct => ConversationItemKind.Direct,
            _ => null,
        };

    /// <summary>Newest first, <paramref name="size"/> at a time; <paramref name="after"/> is the last row key of the page before.</summary>
    public async Task<(List<ConversationEntryEntity> Items, string? Next)> PageAsync(
        string accountId,
        string clientId,
        string? after,
        int size,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.Conversations, cancellationToken);
        var prefix = ConversationEntryEntity.ClientPrefix(clientId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey gt {after ?? prefix} and RowKey lt {clientId + "`"}");
        var items = new List<ConversationEntryEntity>(size);
        await foreach (var page in table.QueryAsync<ConversationEntryEntity>(filter, maxPerPage: size + 1, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var row in page.Values)
            {
                if (items.Count == size)
                {
                    return (items, items[^1].RowKey);
                }
                items.Add(row);
            }
            if (page.ContinuationToken is null)
            {
                break;
            }
        }
        return (items, null);
    }

    /// <summary>Whether <paramref name="cursor"/> is a row key of this client's conversation, as a page gives it.</summary>
    public static bool IsCursorOf(string clientId, string cursor) =>
        cursor.Length <= 400
        && cursor.StartsWith(ConversationEntryEntity.ClientPrefix(clientId), StringComparison.Ordinal)
        && cursor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public async Task<ConversationThreadEntity?> ThreadAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.ConversationThreads, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<ConversationThreadEntity>(accountId, clientId, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The account's threads the filter keeps (null: all), with only the columns named (null: all).</summary>
    public async Task<List<ConversationThreadEntity>> ThreadsAsync(
        string accountId,
        string? filter,
        IEnumerable<string>? select,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.ConversationThreads, cancellationToken);
        var query = TableClient.CreateQueryFilter($"PartitionKey eq {accountId}") + (filter is null ? "" : " and " + filter);
        return await table.ListAsync<ConversationThreadEntity>(query, select, cancellationToken);
    }

    /// <summary>
    /// Changes a client's thread, guarded by its ETag and tried again on a race; <paramref name="create"/> says whether a
    /// thread is started when there is none (a message starts one; marking read does not).
    /// </summary>
    public async Task<ConversationThreadEntity?> UpdateThreadAsync(
        string accountId,
        string clientId,
        bool create,
        Func<ConversationThreadEntity, bool> change,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.ConversationThreads, cancellationToken);
        for (var attempt = 0; attempt < MaxThreadAttempts; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<ConversationThreadEntity>(accountId, clientId, cancellationToken: cancellationToken);
            if (!found.HasValue && !create)
            {
                return null;
            }
            var thread = found.HasValue ? found.Value! : new ConversationThreadEntity { PartitionKey = accountId, RowKey = clientId };
            if (!change(thread))
            {
                return thread;
            }
            thread.Recompute();
            if (found.HasValue ? await table.TryReplaceAsync(thread, cancellationToken) : await table.TryAddAsync(thread, cancellationToken))
            {
                return thread;
            }
        }
        throw new InvalidOperationException("The conversation kept changing while it was being updated; try again.");
    }

    public static string Preview(string text)
    {
        var line = FreeText.OneLine(text);
        if (line.Length <= PreviewLength)
        {
            return line;
        }
        var cut = char.IsHighSurrogate(line[PreviewLength - 1]) ? PreviewLength - 1 : PreviewLength;
        return line[..cut] + "…";
    }

    /// <summary>Every message row of a client, newest first.</summary>
    public async Task<List<ConversationEntryEntity>> EntriesOfAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Conversations, cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {accountId} and RowKey gt {ConversationEntryEntity.ClientPrefix(clientId)} and RowKey lt {clientId + "`"}"
        );
        return await table.ListAsync<ConversationEntryEntity>(filter, cancellationToken: cancellationToken);
    }

    /// <summary>Every message row and the thread of a client: they go with the client's data.</summary>
    public async Task ForgetClientAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Conversations, cancellationToken);
        await DeleteAllAsync(table, await EntriesOfAsync(accountId, clientId, cancellationToken), cancellationToken);
        var threads = await tables.GetAsync(StorageTables.ConversationThreads, cancellationToken);
        await threads.DeleteEntityAsync(accountId, clientId, ETag.All, cancellationToken);
    }

    /// <summary>Every message row of the account (the data export), oldest client first, each client's newest first.</summary>
    public async Task<List<ConversationEntryEntity>> ListAllAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Conversations, cancellationToken);
        return await table.ListPartitionAsync<ConversationEntryEntity>(accountId, cancellationToken);
    }

    /// <summary>Deletes rows of one partition a hundred at a time; a batch that fails (a row gone meanwhile) is deleted row by row.</summary>
    private static async Task DeleteAllAsync(TableClient table, IEnumerable<ITableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(TableTransactions.MaxActions))
        {
            try
            {
                await table.SubmitCheckedTransactionAsync(
                    chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)),
                    cancellationToken
                );
            }
            catch (RequestFailedException)
            {
                foreach (var row in chunk)
                {
                    await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                }
            }
        }
    }
}
