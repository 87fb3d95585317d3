using ClientReminders.AzureClients.Queues;
using ClientReminders.AzureClients.Tables;

namespace ClientReminders.AzureClients;

public static class AzureClientsSetup
{
    /// <summary>The storage connection string setting, named as the Functions host names it.</summary>
    public const string StorageSetting = "AzureWebJobsStorage";

    public static IServiceCollection AddStorageClients(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[StorageSetting] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The storage connection string '{StorageSetting}' is not set. Locally the run script points it at Azurite.");
        return services
            .AddSingleton(new TableServiceClient(connectionString))
            .AddSingleton(new QueueServiceClient(connectionString));
    }
}
