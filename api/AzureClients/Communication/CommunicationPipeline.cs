using System.Net.Http.Headers;
using Azure.Core;

namespace ClientReminders.AzureClients.Communication;

/// <summary>Sends Communication Services requests through the retry and authentication handlers.</summary>
public sealed class CommunicationPipeline(HttpClient httpClient, IRequestAuthenticator authenticator, Uri endpoint, string apiVersion)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static CommunicationPipeline Create(string connectionString, CommunicationClientOptions options, string apiVersion)
    {
        var connection = CommunicationConnectionString.Parse(connectionString);
        return Create(connection.Endpoint, new HmacAuthenticator(new AzureKeyCredential(connection.AccessKey)), options, apiVersion);
    }

    public static CommunicationPipeline Create(Uri endpoint, TokenCredential credential, CommunicationClientOptions options, string apiVersion) =>
        Create(endpoint, new TokenCredentialAuthenticator(credential, options.TimeProvider), options, apiVersion);

    public static CommunicationPipeline Create(Uri endpoint, IRequestAuthenticator authenticator, CommunicationClientOptions options, string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new(SharedHttpClient(options), authenticator, endpoint, apiVersion);
    }

    private static readonly ConditionalWeakTable<CommunicationClientOptions, HttpClient> ClientsByOptions = [];

    public Uri Endpoint => endpoint;

    public Uri Url(string path) => new($"{endpoint.AbsoluteUri.TrimEnd('/')}/{path}?api-version={apiVersion}");

    public HttpRequestMessage JsonRequest<T>(HttpMethod method, string path, T body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(method, Url(path)) { Content = content };
    }

    public async Task<CommunicationResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("x-ms-client-request-id", Guid.NewGuid().ToString());
        request.Options.Set(AuthenticationHandler.AuthenticatorKey, authenticator);
        try
        {
            var message = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return await CommunicationResponse.ReadAsync(message, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            // As Azure.Core does: a request that never got an answer fails with status 0.
            throw new RequestFailedException(0, exception.Message, exception);
        }
    }

    public async Task<CommunicationResponse> SendExpectingSuccessAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(request, cancellationToken);
        return response.Status < 400 ? response : throw CommunicationErrors.ToException(response);
    }

    // Options are read once, the first time a client is created with them.
    private static HttpClient SharedHttpClient(CommunicationClientOptions options) => ClientsByOptions.GetValue(options, CreateHttpClient);

    private static HttpClient CreateHttpClient(CommunicationClientOptions options)
    {
        var authentication = new AuthenticationHandler(options.TimeProvider)
        {
            InnerHandler = options.Transport ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };
        var retry = new RetryHandler(options.Retry, options.TimeProvider) { InnerHandler = authentication };
        return new HttpClient(retry, disposeHandler: options.Transport is null) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public static T ReadJson<T>(CommunicationResponse response) =>
        JsonSerializer.Deserialize<T>(response.Content.ToMemory().Span, Json)
        ?? throw new RequestFailedException(response.Status, "The service answered with an empty body.");
}
