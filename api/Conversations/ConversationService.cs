namespace ClientReminders.Conversations;

/// <summary>
/// Each client's conversation (everything sent to them and everything they sent back, in order), the inbox of
/// conversations, and the owner's answers, which go as direct messages in every other respect (allowance, STOP, history,
/// exactly once per request id). Only ever the signed-in account's.
/// </summary>
public sealed class ConversationService(
    ConversationStore store,
    ClientDirectory directory,
    ReminderStore reminders,
    DirectMessages direct,
    Replies replies,
    TableClients tables,
    FieldCipher cipher,
    TimeProvider time
)
{
    public const int InboxPage = 25;
    public const int ThreadPage = 30;

    /// <summary>What a client said that asks something of the owner: a message in their own words, a cancellation or a rearrangement.</summary>
    public static bool NeedsAction(string replyKind) => replyKind is ReplyKind.Other or ReplyKind.Cancel or ReplyKind.Rearrange;

    public async Task<ConversationList> ListAsync(AccountEntity account, string? filter, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        filter = string.IsNullOrEmpty(filter) ? "all" : filter;
        if (filter is not ("all" or "unread" or "action"))
        {
            errors.Add("filter", "Choose unread, action or all.");
        }
        if (cursor is not null && (cursor.Length is < 21 or > 120 || !cursor.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            errors.Add("cursor", "This is not a cursor from this list.");
        }
        errors.ThrowIfAny();

        var threads = await store.ThreadsAsync(account.Id, null, null, cancellationToken);
        var kept = threads
            .Where(t =>
                filter switch
                {
                    "unread" => t.Unread,
                    "action" => t.NeedsAction,
                    _ => true,
                }
            )
            .Select(t => (Key: SortKey(t), Thread: t))
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Where(t => cursor is null || string.CompareOrdinal(t.Key, cursor) > 0)
            .Take(InboxPage + 1)
            .ToList();
        var page = kept.Take(InboxPage).ToList();
        var clients = await directory.GetAsync(account, cancellationToken);
        var byId = clients.Clients.ToDictionary(c => c.Id);
        var items = await Task.WhenAll(
            page.Select(async t =>
            {
                var thread = t.Thread;
                var text = await cipher.DecryptAsync(account.Id, ConversationStore.ThreadText(thread.ClientId), thread.LastText, cancellationToken);
                return new ConversationSummary(
                    thread.ClientId,
                    clients.NameOf(thread.ClientId),
                    byId.GetValueOrDefault(thread.ClientId)?.Status ?? ClientStatus.Anonymised,
                    thread.Unread,
                    thread.NeedsAction,
                    thread.LastAt,
                    text is null ? null : new ConversationPreview(WireNames.Parse<MessageDirection>(thread.LastDirection), thread.LastKind, text, thread.LastAt)
                );
            })
        );
        return new ConversationList(items, kept.Count > InboxPage ? page[^1].Key : null, threads.Count(t => t.Unread), threads.Count(t => t.NeedsAction));
    }

    /// <summary>Unread first, then the newest; the client id breaks ties so a cursor is exact.</summary>
    private static string SortKey(ConversationThreadEntity thread) =>
        $"{(thread.Unread ? 0 : 1)}{DateTimeOffset.MaxValue.UtcTicks - thread.LastAt.UtcTicks:D19}-{thread.ClientId}";

    public async Task<UnreadConversations> UnreadAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var open = await store.ThreadsAsync(
            account.Id,
            "(Unread eq true or NeedsAction eq true)",
            [nameof(ConversationThreadEntity.Unread), nameof(ConversationThreadEntity.NeedsAction)],
            cancellationToken
        );
        return new UnreadConversations(open.Count(t => t.Unread), open.Count(t => t.NeedsAction));
    }

    public async Task<ConversationThread?> GetAsync(AccountEntity account, string clientId, string? cursor, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(account, clientId, cancellationToken) is not { } client)
        {
            return null;
        }
        if (cursor is not null && !ConversationStore.IsCursorOf(clientId, cursor))
        {
            throw ValidationFailedException.For("cursor", "This is not a cursor from this conversation.");
        }
        var pageTask = store.PageAsync(account.Id, clientId, cursor, ThreadPage, cancellationToken);
        var thread = await store.ThreadAsync(account.Id, clientId, cancellationToken);
        var (entries, next) = await pageTask;
        // A reminder's row is written when it is queued, again if it is queued for another time: one per reminder, the newest.
        var items = await Task.WhenAll(
            entries.DistinctBy(e => e.ReminderId ?? e.RowKey).Select(entry => ItemAsync(account.Id, entry, thread, cancellationToken))
        );
        return new ConversationThread(
            client.Id,
            client.Name,
            client.Status,
            thread?.Unread ?? false,
            thread?.NeedsAction ?? false,
            ReplyProblem(client, ReminderChannel.Sms),
            ReplyProblem(client, ReminderChannel.Email),
            [.. items.OfType<ConversationItem>().Where(Went)],
            next
        );
    }

    /// <summary>Every message of every conversation of the account, oldest first within each client, for the data export.</summary>
    public async Task<List<ConversationExportItem>> ExportAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var texts = (await replies.ListAsync(account, cancellationToken, all: true)).Items.ToDictionary(r => r.Id, r => r.Text);
        var items = new List<ConversationExportItem>();
        var entries = (await store.ListAllAsync(account.Id, cancellationToken)).DistinctBy(e => e.ReminderId ?? e.RowKey);
        foreach (var entry in entries.OrderBy(e => e.ClientId, StringComparer.Ordinal).ThenBy(e => e.At))
        {
            if (
                entry.Kind is ConversationItemKind.Reminder or ConversationItemKind.Notice or ConversationItemKind.Direct
                && await reminders.ReminderAsync(account.Id, entry.ReminderId!, cancellationToken)
                    is not { Status: not (ReminderStatus.Scheduled or ReminderStatus.Cancelled or ReminderStatus.Skipped) }
            )
            {
                continue;
            }
            var text = entry.Kind switch
            {
                ConversationItemKind.Reply => entry.ReplyId is { } id ? texts.GetValueOrDefault(id) : null,
                ConversationItemKind.AutoReply => await cipher.DecryptAsync(
                    account.Id,
                    ConversationStore.EntryText(entry.RowKey),
                    entry.Text,
                    cancellationToken
                ),
                ConversationItemKind.Answer => (await ItemAsync(account.Id, entry, null, cancellationToken))?.Text,
                _ => null,
            };
            items.Add(new ConversationExportItem(entry.ClientId, entry.At, entry.Direction, entry.Kind, entry.Channel, text, entry.ReminderId, entry.ReplyId));
        }
        return items;
    }

    /// <summary>
    /// Whether a message is part of the conversation yet: a reminder, notice or message is from the moment it is being sent (not
    /// while it waits, nor when it never went); the owner's answer from the moment it is written; everything the client sent.
    /// </summary>
    private static bool Went(ConversationItem item) =>
        item.Kind == ConversationItemKind.Answer || item.Status is not (ReminderStatus.Scheduled or ReminderStatus.Cancelled or ReminderStatus.Skipped);

    /// <summary>Why an answer by <paramref name="channel"/> cannot go to the client, in the owner's words; null when it can.</summary>
    public static string? ReplyProblem(ClientView client, ReminderChannel channel) =>
        client.Status == ClientStatus.OptedOut
            ? $"{client.Name} replied STOP, so nothing more can be sent to them unless they text START."
            : ClientReach.For(client, channel).Problem;

    private async Task<ConversationItem?> ItemAsync(
        string accountId,
        ConversationEntryEntity entry,
        ConversationThreadEntity? thread,
        CancellationToken cancellationToken
    )
    {
        if (entry.ReplyId is { } replyId)
        {
            var replies = await tables.GetAsync(StorageTables.Replies, cancellationToken);
            var found = await replies.GetEntityIfExistsAsync<ReplyEntity>(accountId, replyId, cancellationToken: cancellationToken);
            if (!found.HasValue)
            {
                return null;
            }
            var reply = found.Value!;
            var text = await cipher.DecryptAsync(accountId, InboundSms.TextContext(reply.RowKey), reply.Text, cancellationToken) ?? "";
            return new ConversationItem(
                entry.RowKey,
                MessageDirection.In,
                ConversationItemKind.Reply,
                entry.Channel,
                entry.At,
                text,
                null,
                reply.Kind,
                reply.Kind == ReplyKind.Other && (thread is null || thread.Awaits(entry.At)),
                null,
                null,
                null
            );
        }
        if (entry.ReminderId is { } reminderId)
        {
            if (await reminders.ReminderAsync(accountId, reminderId, cancellationToken) is not { } reminder)
            {
                return null;
            }
            var sentText = await cipher.DecryptAsync(accountId, ReminderStore.Field(reminder, nameof(ReminderEntity.Body)), reminder.Body, cancellationToken);
            var subject = await cipher.DecryptAsync(
                accountId,
                ReminderStore.Field(reminder, nameof(ReminderEntity.Subject)),
                reminder.Subject,
                cancellationToken
            );
            if (sentText is null && reminder.DirectText is not null)
            {
                // Not sent yet (or not at all): the owner's words as written.
                sentText = await cipher.DecryptAsync(
                    accountId,
                    ReminderStore.Field(reminder, nameof(ReminderEntity.DirectText)),
                    reminder.DirectText,
                    cancellationToken
                );
                subject ??= await cipher.DecryptAsync(
                    accountId,
                    ReminderStore.Field(reminder, nameof(ReminderEntity.DirectSubject)),
                    reminder.DirectSubject,
                    cancellationToken
                );
            }
            return new ConversationItem(
                entry.RowKey,
                MessageDirection.Out,
                entry.Kind,
                entry.Channel,
                reminder.SentAt ?? entry.At,
                sentText ?? "",
                entry.Channel == ConversationChannel.Email ? subject : null,
                null,
                false,
                reminder.Status,
                reminder.DeliveryStatus,
                reminder.Reason
            );
        }
        var own = await cipher.DecryptAsync(accountId, ConversationStore.EntryText(entry.RowKey), entry.Text, cancellationToken) ?? "";
        return new ConversationItem(
            entry.RowKey,
            entry.Direction,
            entry.Kind,
            entry.Channel,
            entry.At,
            own,
            null,
            null,
            false,
            ReminderStatus.Sent,
            null,
            null
        );
    }

    /// <summary>The owner's answer: checked, queued as a direct message to this one client, and shown in the conversation at once.</summary>
    public async Task<ConversationReplyQueued?> ReplyAsync(
        AccountEntity account,
        string clientId,
        ConversationReplyInput input,
        CancellationToken cancellationToken
    )
    {
        var errors = new FieldErrors();
        if (!WireNames.TryParse<ReminderChannel>(input.Channel, out var channel) || channel == ReminderChannel.SmsOrEmail)
        {
            errors.Add("channel", "Choose sms or email.");
        }
        if (input.RequestId is not { } requestId || requestId.Length is < 8 or > 64 || !requestId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            errors.Add("requestId", "Send a request id (8 to 64 letters, digits or dashes) chosen for this message.");
        }
        if (string.IsNullOrWhiteSpace(input.Text))
        {
            errors.Add("text", "Write the message.");
        }
        errors.ThrowIfAny();
        if (await directory.FindAsync(account, clientId, cancellationToken) is not { } client)
        {
            return null;
        }
        if (ReplyProblem(client, channel) is { } problem)
        {
            throw ValidationFailedException.For("channel", problem);
        }
        var text = FreeText.Normalize(input.Text) ?? "";
        var subject =
            FreeText.Normalize(input.Subject) is { Length: > 0 } given ? given
            : channel == ReminderChannel.Email ? FreeText.OneLine($"A message from {account.BusinessName}")
            : null;
        IReadOnlyList<ReminderEntity> rows;
        try
        {
            (_, rows) = await direct.QueueAsync(
                account,
                new DirectMessageInput([client.Id], channel.Name(), text, subject, input.RequestId),
                // Written before the message is queued, so the sender finds the conversation's row and keeps it an answer.
                (row, ct) => store.AddAsync(ConversationStore.Sent(row, channel, ConversationItemKind.Answer), ct),
                cancellationToken
            );
        }
        catch (ValidationFailedException ex) when (ex.Errors.ContainsKey("clientIds"))
        {
            // The allowance and reach checks speak of "the chosen clients"; here there is one, reached by the channel chosen.
            throw new ValidationFailedException(ex.Errors.ToDictionary(e => e.Key == "clientIds" ? "channel" : e.Key, e => e.Value));
        }
        var sent = rows.Single();
        var now = time.GetUtcNow();
        var preview = await PreviewAsync(account.Id, client.Id, text, cancellationToken);
        await store.UpdateThreadAsync(
            account.Id,
            client.Id,
            create: true,
            thread =>
            {
                thread.HandledAt = thread.HandledAt is { } handled && handled > now ? handled : now;
                thread.ReadAt = thread.ReadAt is { } read && read > now ? read : now;
                Show(thread, sent.DueAt, MessageDirection.Out, ConversationItemKind.Answer.Name(), preview);
                return true;
            },
            cancellationToken
        );
        return new ConversationReplyQueued(ConversationStore.Sent(sent, channel, ConversationItemKind.Answer).RowKey, sent.Id, sent.Status);
    }

    /// <summary>False when the client is not the account's.</summary>
    public async Task<bool> MarkReadAsync(AccountEntity account, string clientId, CancellationToken cancellationToken)
    {
        if (!await ChangeThreadAsync(account, clientId, (thread, now) => thread.ReadAt = now, cancellationToken))
        {
            return false;
        }
        // The replies list and the dashboard count unread replies one by one: the client's are read now too.
        var replies = await tables.GetAsync(StorageTables.Replies, cancellationToken);
        var unread = TableClient.CreateQueryFilter($"PartitionKey eq {account.Id} and ClientId eq {clientId} and Read eq {false}");
        foreach (var reply in await replies.ListAsync<ReplyEntity>(unread, ["PartitionKey", "RowKey"], cancellationToken))
        {
            await replies.UpdateEntityAsync(
                new TableEntity(account.Id, reply.RowKey) { [nameof(ReplyEntity.Read)] = true },
                ETag.All,
                TableUpdateMode.Merge,
                cancellationToken
            );
        }
        return true;
    }

    /// <summary>The owner dealt with what the client asked without answering here (a call, a change in the calendar).</summary>
    public Task<bool> MarkHandledAsync(AccountEntity account, string clientId, CancellationToken cancellationToken) =>
        ChangeThreadAsync(
            account,
            clientId,
            (thread, now) =>
            {
                thread.HandledAt = now;
                thread.ReadAt = thread.ReadAt is { } read && read > now ? read : now;
            },
            cancellationToken
        );

    /// <summary>A mark the owner sets on an existing thread; false when the client is not the account's.</summary>
    private async Task<bool> ChangeThreadAsync(
        AccountEntity account,
        string clientId,
        Action<ConversationThreadEntity, DateTimeOffset> change,
        CancellationToken cancellationToken
    )
    {
        if (await directory.FindAsync(account, clientId, cancellationToken) is null)
        {
            return false;
        }
        var now = time.GetUtcNow();
        await store.UpdateThreadAsync(
            account.Id,
            clientId,
            create: false,
            thread =>
            {
                change(thread, now);
                return true;
            },
            cancellationToken
        );
        return true;
    }

    /// <summary>
    /// A client's message joins their conversation: the thread shows it, unread, and needing action when it asks something.
    /// Unread and needing action are judged by when it reached us (<paramref name="arrivedAt"/>, now unless given), not by the
    /// provider's timestamp, so a message redelivered late is not lost behind a read made meanwhile.
    /// </summary>
    public async Task RecordReplyAsync(
        string accountId,
        ReplyEntity reply,
        ConversationChannel channel,
        string text,
        CancellationToken cancellationToken,
        DateTimeOffset? arrivedAt = null
    )
    {
        var arrived = arrivedAt ?? time.GetUtcNow();
        if (reply.ClientId is not { } clientId)
        {
            return;
        }
        await store.AddAsync(
            new ConversationEntryEntity
            {
                PartitionKey = accountId,
                RowKey = ConversationEntryEntity.RowKeyFor(clientId, reply.ReceivedAt, "i" + reply.RowKey),
                Kind = ConversationItemKind.Reply,
                Channel = channel,
                At = reply.ReceivedAt,
                ReplyId = reply.RowKey,
            },
            cancellationToken
        );
        var preview = await PreviewAsync(accountId, clientId, text, cancellationToken);
        await store.UpdateThreadAsync(
            accountId,
            clientId,
            create: true,
            thread =>
            {
                var changed = Show(thread, reply.ReceivedAt, MessageDirection.In, reply.Kind, preview);
                if (thread.LastInboundAt is not { } inbound || arrived > inbound)
                {
                    thread.LastInboundAt = arrived;
                    changed = true;
                }
                if (NeedsAction(reply.Kind) && (thread.LastActionAt is not { } action || arrived > action))
                {
                    thread.LastActionAt = arrived;
                    changed = true;
                }
                return changed || thread.ETag == default;
            },
            cancellationToken
        );
    }

    /// <summary>Our automatic answer (to STOP, START, HELP) joins the conversation with its text, the one message kept only here.</summary>
    public async Task RecordAutoReplyAsync(string accountId, string clientId, string key, DateTimeOffset at, string text, CancellationToken cancellationToken)
    {
        var rowKey = ConversationEntryEntity.RowKeyFor(clientId, at, "a" + key);
        await store.AddAsync(
            new ConversationEntryEntity
            {
                PartitionKey = accountId,
                RowKey = rowKey,
                Kind = ConversationItemKind.AutoReply,
                Channel = ConversationChannel.Sms,
                At = at,
                Text = await cipher.EncryptAsync(accountId, ConversationStore.EntryText(rowKey), text, cancellationToken),
            },
            cancellationToken
        );
        var preview = await PreviewAsync(accountId, clientId, text, cancellationToken);
        await store.UpdateThreadAsync(
            accountId,
            clientId,
            create: true,
            thread => Show(thread, at, MessageDirection.Out, ConversationItemKind.AutoReply.Name(), preview),
            cancellationToken
        );
    }

    /// <summary>The thread shows the message when it is newer than the one it shows.</summary>
    private static bool Show(ConversationThreadEntity thread, DateTimeOffset at, MessageDirection direction, string kind, string? preview)
    {
        if (thread.LastText is not null && at < thread.LastAt)
        {
            return false;
        }
        (thread.LastAt, thread.LastDirection, thread.LastKind, thread.LastText) = (at, direction.Name(), kind, preview);
        return true;
    }

    private async Task<string?> PreviewAsync(string accountId, string clientId, string text, CancellationToken cancellationToken) =>
        await cipher.EncryptAsync(accountId, ConversationStore.ThreadText(clientId), ConversationStore.Preview(text), cancellationToken);
}
