namespace ClientReminders.AzureClients.Tables;

internal static class TableConstants
{
    public const string ETagProperty = "odata.etag";
    public const string ServiceVersion = "2019-02-02";
    public const string JsonAccept = "application/json;odata=minimalmetadata";
    public const int MaxTransactionActions = 100;
}
