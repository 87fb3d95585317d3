namespace ClientReminders.AzureClients.Tables;

public enum TableUpdateMode
{
    Merge,
    Replace,
}
