namespace ClientReminders.AzureClients.Communication;

public abstract class CommunicationClientOptions
{
    public CommunicationRetryOptions Retry { get; } = new();

    public HttpMessageHandler? Transport { get; set; }

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
