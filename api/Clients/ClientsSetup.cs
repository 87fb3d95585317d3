using ClientReminders.Clients.Import;
using ClientReminders.Privacy;
using ClientReminders.Security;
using ClientReminders.Storage;

namespace ClientReminders.Clients;

public static class ClientsSetup
{
    public static IServiceCollection AddClients(this IServiceCollection services, IHostEnvironment environment) => services
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
        .AddSingleton(new EncryptedTable(StorageTables.Clients, ["Name", "Mobile", "Email"]))
        .AddSingleton(new EncryptedTable(StorageTables.ImportRows, ["Data", "Name"]));
}
