using System.Runtime.CompilerServices;

namespace ClientReminders.AzureClients.Storage;

public sealed class StoragePipeline(HttpClient httpClient, IStorageRequestAuthenticator authenticator, string serviceVersion)
{
    private static readonly ConditionalWeakTable<StorageClientOptions, HttpClient> ClientsByOptions = [];
    private static readonly Lazy<HttpClient> DefaultClient = new(() => CreateHttpClient(new DefaultOptions()));

    // Options are read once, the first time a client is created with them.
    public static HttpClient SharedHttpClient(StorageClientOptions? options) =>
        options is null ? DefaultClient.Value : ClientsByOptions.GetValue(options, CreateHttpClient);

    public async Task<StorageResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("x-ms-version", serviceVersion);
        request.Headers.TryAddWithoutValidation("x-ms-client-request-id", Guid.NewGuid().ToString());
        request.Options.Set(AuthenticationHandler.AuthenticatorKey, authenticator);
        request.Options.Set(StorageMetrics.CountedKey, true);
        var message = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return await StorageResponse.ReadAsync(message, cancellationToken);
    }

    public async Task<StorageResponse> SendExpectingSuccessAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(request, cancellationToken);
        return response.Status < 400 ? response : throw StorageErrors.ToException(response);
    }

    private static HttpClient CreateHttpClient(StorageClientOptions options)
    {
        var authentication = new AuthenticationHandler(options.TimeProvider)
        {
            InnerHandler = options.Transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        var retry = new RetryHandler(options.Retry, options.TimeProvider) { InnerHandler = authentication };
        return new HttpClient(retry, disposeHandler: options.Transport is null) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private sealed class DefaultOptions : StorageClientOptions;
}
