using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;

namespace ClientReminders.AzureClients.Storage;

/// <summary>The options every storage client of the app is built with: the retry policy chosen on purpose and the request count.</summary>
public static class StorageClientOptions
{
    public static TableClientOptions ForTables(HttpPipelineTransport? transport = null) => Configure(new TableClientOptions(), transport);

    // host.json's queues use messageEncoding "none": the message text is sent as it is, as the Functions host reads it.
    public static QueueClientOptions ForQueues(HttpPipelineTransport? transport = null) =>
        Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }, transport);

    private static T Configure<T>(T options, HttpPipelineTransport? transport)
        where T : ClientOptions
    {
        // Every storage call we make is safe to resend; a resent insert may report 409 for its own first attempt.
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromSeconds(0.8);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.AddPolicy(StorageMetrics.Policy, HttpPipelinePosition.PerRetry);
        if (transport is not null)
        {
            options.Transport = transport;
        }
        return options;
    }
}
