namespace ClientReminders.AzureClients.Storage;

/// <summary>
/// Entity-group transactions checked before they are sent: the SDK sends whatever it is given, and the service refuses a
/// batch over 100 actions, across partitions or naming a row twice only after the round trip, with a less clear error.
/// </summary>
public static class TableTransactions
{
    public const int MaxActions = 100;

    public static Task<Response<IReadOnlyList<Response>>> SubmitCheckedTransactionAsync(
        this TableClient table,
        IEnumerable<TableTransactionAction> actions,
        CancellationToken cancellationToken = default
    )
    {
        var batch = actions as IReadOnlyList<TableTransactionAction> ?? [.. actions];
        if (batch.Count is 0 or > MaxActions)
        {
            throw new ArgumentException($"A table transaction holds 1 to {MaxActions} actions; this one has {batch.Count}.", nameof(actions));
        }
        if (batch.Skip(1).Any(action => action.Entity.PartitionKey != batch[0].Entity.PartitionKey))
        {
            throw new ArgumentException("A table transaction stays within one partition.", nameof(actions));
        }
        if (batch.Select(action => action.Entity.RowKey).Distinct(StringComparer.Ordinal).Count() != batch.Count)
        {
            throw new ArgumentException("A table transaction names each row once.", nameof(actions));
        }
        return table.SubmitTransactionAsync(batch, cancellationToken);
    }
}
