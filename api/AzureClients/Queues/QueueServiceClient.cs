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

    public Uri Uri => new(serviceUrl);

    public virtual QueueClient GetQueueClient(string queueName) => new(pipeline, serviceUrl, queueName);

    internal static StoragePipeline CreatePipeline(StorageConnectionString connection, QueueClientOptions? options, out string serviceUrl)
    {
        serviceUrl = connection.QueueEndpoint.AbsoluteUri.TrimEnd('/');
        var authenticator = new QueueSharedKeyAuthenticator(new SharedKeyCredential(connection.AccountName, connection.AccountKey));
        return new StoragePipeline(StoragePipeline.SharedHttpClient(options), authenticator, QueueClient.ServiceVersion);
    }
}
