namespace ClientReminders.AzureClients.Storage;

public abstract class StorageClientOptions
{
    public StorageRetryOptions Retry { get; } = new();

    public HttpMessageHandler? Transport { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
