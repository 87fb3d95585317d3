using ClientReminders.AzureClients.Storage;

namespace ClientReminders.AzureClients.Tables;

public sealed class TableClientOptions : StorageClientOptions;
