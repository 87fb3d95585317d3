using Azure.Core;
using ClientReminders.AzureClients.Storage;

namespace ClientReminders.AzureClients.Queues;

public class QueueServiceClient
{
    private readonly StoragePipeline pipeline;
    private readonly string serviceUrl;

    public QueueServiceClient(string connectionString)
        : this(connectionString, null)
    {
    }

    public QueueServiceClient(string connectionString, QueueClientOptions? options) =>
        pipeline = CreatePipeline(StorageConnectionString.Parse(connectionString), options, out serviceUrl);

    /// <summary>A client for an account reached with a Microsoft Entra token (managed identity), as when shared-key access is disabled.</summary>
    public QueueServiceClient(Uri serviceUri, TokenCredential credential, QueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        ArgumentNullException.ThrowIfNull(credential);
        serviceUrl = serviceUri.AbsoluteUri.TrimEnd('/');
        var authenticator = new StorageTokenAuthenticator(credential, options?.TimeProvider ?? TimeProvider.System);
        pipeline = new StoragePipeline(StoragePipeline.SharedHttpClient(options), authenticator, QueueClient.ServiceVersion);
    }

    public Uri Uri => new(serviceUrl);

    public virtual QueueClient GetQueueClient(string queueName) => new(pipeline, serviceUrl, queueName);

    internal static StoragePipeline CreatePipeline(StorageConnectionString connection, QueueClientOptions? options, out string serviceUrl)
    {
        serviceUrl = connection.QueueEndpoint.AbsoluteUri.TrimEnd('/');
        var authenticator = new QueueSharedKeyAuthenticator(new SharedKeyCredential(connection.AccountName, connection.AccountKey));
        return new StoragePipeline(StoragePipeline.SharedHttpClient(options), authenticator, QueueClient.ServiceVersion);
    }
}
