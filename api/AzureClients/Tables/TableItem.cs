namespace ClientReminders.AzureClients.Tables;

public sealed record TableItem(string Name);
