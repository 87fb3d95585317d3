namespace ClientReminders.Messaging;

public sealed record ReplyResponse(string Id, string? ClientId, string ClientName, string Kind, string Text, DateTimeOffset ReceivedAt, bool Read);

public sealed record ReplyList(IReadOnlyList<ReplyResponse> Items);

/// <summary>The replies clients sent an owner, newest first; only ever those of the signed-in account.</summary>
public sealed class Replies(TableClients tables, FieldCipher cipher, ClientDirectory directory)
{
    public const int MaxListed = 200;

    /// <summary>The newest replies, at most <see cref="MaxListed"/>, or every one (<paramref name="all"/>: the data export).</summary>
    public async Task<ReplyList> ListAsync(AccountEntity account, CancellationToken cancellationToken, bool all = false)
    {
        var table = await tables.GetAsync(StorageTables.Replies, cancellationToken);
        var names = (await directory.GetAsync(account, cancellationToken)).Clients.ToDictionary(c => c.Id, c => c.Name);
        var items = new List<ReplyResponse>();
        await foreach (
            var reply in table.QueryAsync<ReplyEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {account.Id}"),
                maxPerPage: MaxListed,
                cancellationToken: cancellationToken
            )
        )
        {
            var text = await cipher.DecryptAsync(account.Id, InboundSms.TextContext(reply.RowKey), reply.Text, cancellationToken) ?? "";
            var name = reply.ClientId is { } id ? names.GetValueOrDefault(id) ?? "Removed client" : "Unknown client";
            items.Add(new ReplyResponse(reply.Id, reply.ClientId, name, reply.Kind, text, reply.ReceivedAt, reply.Read));
            if (items.Count == MaxListed && !all)
            {
                break;
            }
        }
        return new ReplyList(items);
    }

    public async Task<bool> MarkReadAsync(AccountEntity account, string id, CancellationToken cancellationToken)
    {
        if (id.Length is 0 or > 300 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return false;
        }
        var table = await tables.GetAsync(StorageTables.Replies, cancellationToken);
        try
        {
            // The row's own ETag is not needed: a merge that only sets Read cannot undo another change.
            await table.UpdateEntityAsync(
                new TableEntity(account.Id, id) { [nameof(ReplyEntity.Read)] = true },
                ETag.All,
                TableUpdateMode.Merge,
                cancellationToken
            );
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }
}
