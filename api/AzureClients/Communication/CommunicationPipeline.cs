using System.Net.Http.Headers;
using System.Text.Json;
using Azure;
using Azure.Core;
using ClientReminders.AzureClients.Storage;

namespace ClientReminders.AzureClients.Communication;

/// <summary>Sends Communication Services requests through the storage retry and authentication handlers.</summary>
public sealed class CommunicationPipeline(HttpClient httpClient, IStorageRequestAuthenticator authenticator, Uri endpoint, string apiVersion)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static CommunicationPipeline Create(string connectionString, StorageClientOptions options, string apiVersion)
    {
        var connection = CommunicationConnectionString.Parse(connectionString);
        return Create(connection.Endpoint, new HmacAuthenticator(new AzureKeyCredential(connection.AccessKey)), options, apiVersion);
    }

    public static CommunicationPipeline Create(Uri endpoint, TokenCredential credential, StorageClientOptions options, string apiVersion) =>
        Create(endpoint, new TokenCredentialAuthenticator(credential, options.TimeProvider), options, apiVersion);

    public static CommunicationPipeline Create(Uri endpoint, IStorageRequestAuthenticator authenticator, StorageClientOptions options, string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new(StoragePipeline.SharedHttpClient(options), authenticator, endpoint, apiVersion);
    }

    public Uri Endpoint => endpoint;

    public Uri Url(string path) => new($"{endpoint.AbsoluteUri.TrimEnd('/')}/{path}?api-version={apiVersion}");

    public HttpRequestMessage JsonRequest<T>(HttpMethod method, string path, T body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(method, Url(path)) { Content = content };
    }

    public async Task<StorageResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("x-ms-client-request-id", Guid.NewGuid().ToString());
        request.Options.Set(AuthenticationHandler.AuthenticatorKey, authenticator);
        try
        {
            var message = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return await StorageResponse.ReadAsync(message, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            // As Azure.Core does: a request that never got an answer fails with status 0.
            throw new RequestFailedException(0, exception.Message, exception);
        }
    }

    public async Task<StorageResponse> SendExpectingSuccessAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await SendAsync(request, cancellationToken);
        return response.Status < 400 ? response : throw CommunicationErrors.ToException(response);
    }

    public static T ReadJson<T>(StorageResponse response) =>
        JsonSerializer.Deserialize<T>(response.Content.ToMemory().Span, Json)
        ?? throw new RequestFailedException(response.Status, "The service answered with an empty body.");
}
