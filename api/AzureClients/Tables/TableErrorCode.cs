namespace ClientReminders.AzureClients.Tables;

public static class TableErrorCode
{
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string UpdateConditionNotSatisfied = "UpdateConditionNotSatisfied";
    public const string TableAlreadyExists = "TableAlreadyExists";
    public const string TableNotFound = "TableNotFound";
    public const string InvalidInput = "InvalidInput";
}
