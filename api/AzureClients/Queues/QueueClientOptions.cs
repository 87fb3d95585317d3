using ClientReminders.AzureClients.Storage;

namespace ClientReminders.AzureClients.Queues;

public sealed class QueueClientOptions : StorageClientOptions;
