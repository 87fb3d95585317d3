using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace ClientReminders.Tests.AzureClients.Identity;

public sealed class StorageIdentityConnectionTests
{
    [Fact]
    public void AnAccountNameAloneGivesTheAccountsAzureEndpointsAndTheDefaultCredential()
    {
        var connection = StorageIdentityConnection.FromSection(Section(new() { ["AzureWebJobsStorage:accountName"] = "stremindersprod" }))!;

        Assert.Equal(new Uri("https://stremindersprod.table.core.windows.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://stremindersprod.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.IsType<DefaultAzureCredential>(connection.Credential);
    }

    [Fact]
    public void ExplicitServiceUrisWinOverTheAccountName()
    {
        var connection = StorageIdentityConnection.FromSection(
            Section(
                new()
                {
                    ["AzureWebJobsStorage:accountName"] = "stremindersprod",
                    ["AzureWebJobsStorage:tableServiceUri"] = "https://stremindersprod.table.core.usgovcloudapi.net",
                    ["AzureWebJobsStorage:credential"] = "ManagedIdentity",
                }
            )
        )!;

        Assert.Equal(new Uri("https://stremindersprod.table.core.usgovcloudapi.net"), connection.TableServiceUri);
        Assert.Equal(new Uri("https://stremindersprod.queue.core.windows.net"), connection.QueueServiceUri);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
    }

    [Fact]
    public void ATableUriWithoutAQueueUriOrAccountNameSaysWhatIsMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            StorageIdentityConnection.FromSection(Section(new() { ["AzureWebJobsStorage:tableServiceUri"] = "https://stremindersprod.table.core.windows.net" }))
        );

        Assert.Contains("AzureWebJobsStorage__queueServiceUri", error.Message);
    }

    [Fact]
    public void AnUnknownCredentialIsRefusedNamingTheSupportedOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            StorageIdentityConnection.FromSection(
                Section(new() { ["AzureWebJobsStorage:accountName"] = "stremindersprod", ["AzureWebJobsStorage:credential"] = "clientsecret" })
            )
        );

        Assert.Contains("'managedidentity'", error.Message);
    }

    [Fact]
    public void WithNeitherAConnectionStringNorAnAccountTheAppSaysWhichSettingsToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddStorageClients(new ConfigurationBuilder().Build()));

        Assert.Contains("AzureWebJobsStorage__accountName", error.Message);
    }

    private static IConfigurationSection Section(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(AzureClientsSetup.StorageSetting);
}
