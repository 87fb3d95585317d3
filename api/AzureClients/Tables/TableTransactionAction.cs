using Azure;

namespace ClientReminders.AzureClients.Tables;

public sealed class TableTransactionAction(TableTransactionActionType actionType, ITableEntity entity, ETag etag = default)
{
    public TableTransactionActionType ActionType { get; } = actionType;

    public ITableEntity Entity { get; } = entity;

    public ETag ETag { get; } = etag;
}
