namespace ClientReminders.AzureClients.Tables;

public enum TableTransactionActionType
{
    Add,
    Delete,
    UpdateMerge,
    UpdateReplace,
    UpsertMerge,
    UpsertReplace,
}
