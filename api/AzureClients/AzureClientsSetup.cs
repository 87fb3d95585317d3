using Azure.Storage.Queues;

namespace ClientReminders.AzureClients;

public static class AzureClientsSetup
{
    /// <summary>The storage connection setting, named as the Functions host names it.</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    /// <summary>
    /// A connection string (SharedKey: Azurite, or an account with keys) in <c>AzureWebJobsStorage</c>, or else an
    /// identity-based connection in <c>AzureWebJobsStorage__*</c> (bearer tokens: Azure with shared-key access disabled).
    /// </summary>
    public static IServiceCollection AddStorageClients(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[StorageSetting] is { Length: > 0 } connectionString)
        {
            return services
                .AddSingleton(new TableServiceClient(connectionString, StorageClientOptions.ForTables()))
                .AddSingleton(new QueueServiceClient(connectionString, StorageClientOptions.ForQueues()));
        }

        var identity = StorageIdentityConnection.FromSection(configuration.GetSection(StorageSetting))
            ?? throw new InvalidOperationException(
                $"Storage is not configured: set '{StorageSetting}' to a connection string (locally the run script points it at Azurite) "
                    + $"or '{StorageSetting}__accountName' for the app's managed identity."
            );
        return services
            .AddSingleton(new TableServiceClient(identity.TableServiceUri, identity.Credential, StorageClientOptions.ForTables()))
            .AddSingleton(new QueueServiceClient(identity.QueueServiceUri, identity.Credential, StorageClientOptions.ForQueues()));
    }
}
