using Azure;

namespace ClientReminders.AzureClients.Tables;

public sealed class TableTransactionFailedException(RequestFailedException failure, int? failedTransactionActionIndex)
    : RequestFailedException(failure.Status, failure.Message, failure.ErrorCode, failure)
{
    public int? FailedTransactionActionIndex { get; } = failedTransactionActionIndex;
}
