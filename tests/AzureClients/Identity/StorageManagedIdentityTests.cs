using Microsoft.Extensions.Configuration;

namespace ClientReminders.Tests.AzureClients.Identity;

// Azure.Identity finds the App Service identity endpoint through process-wide environment variables.
[CollectionDefinition(nameof(ManagedIdentityEnvironment), DisableParallelization = true)]
public sealed class ManagedIdentityEnvironment;

[Collection(nameof(ManagedIdentityEnvironment))]
public sealed class StorageManagedIdentityTests : IAsyncLifetime
{
    private static readonly string[] IdentityVariables =
    [
        "IDENTITY_ENDPOINT",
        "IDENTITY_HEADER",
        "MSI_ENDPOINT",
        "MSI_SECRET",
        "IMDS_ENDPOINT",
        "IDENTITY_SERVER_THUMBPRINT",
    ];

    private readonly Dictionary<string, string?> savedVariables = IdentityVariables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
    private LoopbackServer identityEndpoint = null!;
    private LoopbackServer storage = null!;
    private string acceptedToken = "mi-token-1";

    public async Task InitializeAsync()
    {
        identityEndpoint = await FakeAppServiceIdentityEndpoint.StartAsync(TimeSpan.FromHours(24));
        storage = await FakeStorageService.StartAsync(() => acceptedToken);
        foreach (var name in IdentityVariables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", new Uri(identityEndpoint.BaseAddress, "msi/token").AbsoluteUri);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", FakeAppServiceIdentityEndpoint.Secret);
    }

    public async Task DisposeAsync()
    {
        foreach (var (name, value) in savedVariables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
        await storage.DisposeAsync();
        await identityEndpoint.DisposeAsync();
    }

    [Fact]
    public async Task ServiceUrisWithTheManagedIdentityCredentialReachTablesAndQueuesWithOneBearerToken()
    {
        var services = StorageClientsFrom(
            new()
            {
                ["AzureWebJobsStorage:tableServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
                ["AzureWebJobsStorage:queueServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
                ["AzureWebJobsStorage:credential"] = "managedidentity",
            }
        );
        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();

        await foreach (var _ in tables.QueryAsync()) { }
        Assert.True((await queues.GetQueueClient("send-reminders").ExistsAsync()).Value);
        Assert.True((await queues.GetQueueClient("client-imports").ExistsAsync()).Value);

        Assert.Equal(3, storage.Seen.Count);
        Assert.All(storage.Seen, request =>
        {
            Assert.Equal("Bearer mi-token-1", request.Header("Authorization"));
            Assert.NotNull(request.Header("x-ms-version"));
        });
        var tokenRequest = Assert.Single(identityEndpoint.Seen);
        Assert.Equal("https://storage.azure.com", Query(tokenRequest)["resource"]);
        Assert.Equal(FakeAppServiceIdentityEndpoint.Secret, tokenRequest.Header("X-IDENTITY-HEADER"));
    }

    [Fact]
    public async Task AUserAssignedIdentityIsAskedForByItsClientId()
    {
        var clientId = Guid.NewGuid().ToString();
        var services = StorageClientsFrom(
            new()
            {
                ["AzureWebJobsStorage:tableServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
                ["AzureWebJobsStorage:queueServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
                ["AzureWebJobsStorage:credential"] = "managedidentity",
                ["AzureWebJobsStorage:clientId"] = clientId,
            }
        );

        Assert.True((await services.GetRequiredService<QueueServiceClient>().GetQueueClient("send-reminders").ExistsAsync()).Value);

        Assert.Equal(clientId, Query(Assert.Single(identityEndpoint.Seen))["client_id"]);
        Assert.Equal("Bearer mi-token-1", Assert.Single(storage.Seen).Header("Authorization"));
    }

    [Fact]
    public async Task AStorageAccountThatRefusesTheTokenFailsWith403()
    {
        acceptedToken = "some-other-token";
        var services = StorageClientsFrom(
            new()
            {
                ["AzureWebJobsStorage:tableServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
                ["AzureWebJobsStorage:queueServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
                ["AzureWebJobsStorage:credential"] = "managedidentity",
                ["AzureWebJobsStorage:clientId"] = Guid.NewGuid().ToString(),
            }
        );

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => services.GetRequiredService<QueueServiceClient>().GetQueueClient("q").ExistsAsync());

        Assert.Equal((403, "AuthorizationFailure"), (error.Status, error.ErrorCode));
    }

    private static System.Collections.Specialized.NameValueCollection Query(SeenRequest request) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), request.PathAndQuery).Query);

    // The clients AddStorageClients builds, over a transport that trusts the fake's own certificate.
    private ServiceProvider StorageClientsFrom(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var registered = new ServiceCollection().AddStorageClients(configuration).BuildServiceProvider();
        var identity = StorageIdentityConnection.FromSection(configuration.GetSection(AzureClientsSetup.StorageSetting))!;
        Assert.Equal(identity.QueueServiceUri, registered.GetRequiredService<QueueServiceClient>().Uri);
        Assert.Equal(identity.TableServiceUri.Host, registered.GetRequiredService<TableServiceClient>().Uri.Host);
        return new ServiceCollection()
            .AddSingleton(new TableServiceClient(identity.TableServiceUri, identity.Credential, StorageClientOptions.ForTables(storage.TrustingTransport())))
            .AddSingleton(new QueueServiceClient(identity.QueueServiceUri, identity.Credential, StorageClientOptions.ForQueues(storage.TrustingTransport())))
            .BuildServiceProvider();
    }
}
