using Azure;
using Azure.Core;
using ClientReminders.AzureClients;
using ClientReminders.AzureClients.Queues;
using ClientReminders.AzureClients.Storage;
using ClientReminders.AzureClients.Tables;
using Microsoft.Extensions.Configuration;

namespace ClientReminders.Tests.AzureClients.Identity;

// Azure.Identity finds the App Service identity endpoint through process-wide environment variables.
[CollectionDefinition(nameof(ManagedIdentityEnvironment), DisableParallelization = true)]
public sealed class ManagedIdentityEnvironment;

[Collection(nameof(ManagedIdentityEnvironment))]
public sealed class StorageManagedIdentityTests : IAsyncLifetime
{
    private static readonly string[] IdentityVariables = ["IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_ENDPOINT", "MSI_SECRET", "IMDS_ENDPOINT", "IDENTITY_SERVER_THUMBPRINT"];

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
        var services = StorageClientsFrom(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
            ["AzureWebJobsStorage:queueServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        });
        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();

        await foreach (var _ in tables.QueryAsync())
        {
        }
        Assert.True((await queues.GetQueueClient("send-reminders").ExistsAsync()).Value);
        Assert.True((await queues.GetQueueClient("client-imports").ExistsAsync()).Value);

        Assert.Equal(3, storage.Seen.Count);
        Assert.All(storage.Seen, request =>
        {
            Assert.Equal("Bearer mi-token-1", request.Header("Authorization"));
            Assert.NotNull(request.Header("x-ms-version"));
        });
        Assert.Equal(["2019-02-02", "2018-03-28", "2018-03-28"], storage.Seen.Select(r => r.Header("x-ms-version")));
        var tokenRequest = Assert.Single(identityEndpoint.Seen);
        Assert.Equal("https://storage.azure.com", Query(tokenRequest)["resource"]);
        Assert.Equal(FakeAppServiceIdentityEndpoint.Secret, tokenRequest.Header("X-IDENTITY-HEADER"));
    }

    [Fact]
    public async Task AUserAssignedIdentityIsAskedForByItsClientId()
    {
        var clientId = Guid.NewGuid().ToString();
        var services = StorageClientsFrom(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
            ["AzureWebJobsStorage:queueServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = clientId,
        });

        Assert.True((await services.GetRequiredService<QueueServiceClient>().GetQueueClient("send-reminders").ExistsAsync()).Value);

        Assert.Equal(clientId, Query(Assert.Single(identityEndpoint.Seen))["client_id"]);
        Assert.Equal("Bearer mi-token-1", Assert.Single(storage.Seen).Header("Authorization"));
    }

    [Fact]
    public async Task AStorageAccountThatRefusesTheTokenFailsWith403()
    {
        acceptedToken = "some-other-token";
        var services = StorageClientsFrom(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
            ["AzureWebJobsStorage:queueServiceUri"] = new Uri(storage.BaseAddress, "account").AbsoluteUri,
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = Guid.NewGuid().ToString(),
        });

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => services.GetRequiredService<QueueServiceClient>().GetQueueClient("q").ExistsAsync());

        Assert.Equal((403, "AuthorizationFailure"), (error.Status, error.ErrorCode));
    }

    private static System.Collections.Specialized.NameValueCollection Query(SeenRequest request) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), request.PathAndQuery).Query);

    private static ServiceProvider StorageClientsFrom(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddStorageClients(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
}

public sealed class StorageTokenAuthenticatorTests : IAsyncLifetime
{
    private readonly ClientReminders.Tests.Infrastructure.ManualTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private LoopbackServer storage = null!;
    private string acceptedToken = "token-1";

    public async Task InitializeAsync() => storage = await FakeStorageService.StartAsync(() => acceptedToken);

    public async Task DisposeAsync() => await storage.DisposeAsync();

    [Fact]
    public async Task TheTokenIsReusedUntilFiveMinutesBeforeItExpiresThenRefreshed()
    {
        var credential = new NumberedTokenCredential(time, TimeSpan.FromHours(1));
        var queue = new QueueServiceClient(new Uri(storage.BaseAddress, "account"), credential, new QueueClientOptions { TimeProvider = time }).GetQueueClient("q");

        await queue.ExistsAsync();
        time.Advance(TimeSpan.FromMinutes(54));
        await queue.ExistsAsync();
        time.Advance(TimeSpan.FromMinutes(2));
        acceptedToken = "token-2";
        await queue.ExistsAsync();

        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], storage.Seen.Select(r => r.Header("Authorization")));
        Assert.Equal(2, credential.Calls);
        Assert.All(credential.Scopes, scope => Assert.Equal(StorageTokenAuthenticator.Scope, scope));
        Assert.Equal("https://storage.azure.com/.default", StorageTokenAuthenticator.Scope);
    }

    [Fact]
    public async Task ConcurrentRequestsWaitForOneTokenInsteadOfEachFetchingTheirOwn()
    {
        var credential = new NumberedTokenCredential(time, TimeSpan.FromHours(1), delay: TimeSpan.FromMilliseconds(200));
        var tables = new TableServiceClient(new Uri(storage.BaseAddress, "account"), credential, new TableClientOptions { TimeProvider = time });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await foreach (var __ in tables.QueryAsync())
            {
            }
        }));

        Assert.Equal(1, credential.Calls);
        Assert.Equal(8, storage.Seen.Count(r => r.Header("Authorization") == "Bearer token-1"));
    }

    private sealed class NumberedTokenCredential(TimeProvider time, TimeSpan lifetime, TimeSpan delay = default) : TokenCredential
    {
        private int calls;

        public int Calls => calls;

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref calls);
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancellationToken);
            }
            return new AccessToken($"token-{number}", time.GetUtcNow() + lifetime);
        }
    }
}
