namespace ClientReminders.Clients;

public static class ClientsSetup
{
    public static IServiceCollection AddClients(this IServiceCollection services, IHostEnvironment environment) =>
        services
            .AddMemoryCache(cache => cache.SizeLimit = 1_000_000)
            // The reserved fiction ranges (tests, the demo account) are numbers only outside Production.
            .AddSingleton(new MobileNumbers(acceptFictionalNumbers: !environment.IsProduction()))
            .AddSingleton<ClientStore>()
            .AddSingleton<ClientDirectory>()
            .AddSingleton<ClientService>()
            .AddSingleton<ClientImports>()
            .AddSingleton<ClientImportJob>()
            .AddSingleton<DataSummary>()
            .AddSingleton<DataExport>()
            .AddSingleton(new EncryptedTable(StorageTables.Clients, [nameof(ClientEntity.Name), nameof(ClientEntity.Mobile), nameof(ClientEntity.Email)]))
            .AddSingleton(new EncryptedTable(StorageTables.ImportRows, [nameof(ImportRowEntity.Data), nameof(ImportRowEntity.Name)]));
}
