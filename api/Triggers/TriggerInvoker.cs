using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClientReminders.Triggers;

/// <summary>Calls this app's own trigger endpoints over HTTP, as the Functions host does.</summary>
public sealed class TriggerInvoker(HttpClient http, IServer server, IConfiguration configuration, ILogger<TriggerInvoker> logger)
{
    private Uri? _baseAddress;

    public async Task<bool> InvokeAsync(string functionName, InvocationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri(BaseAddress, functionName), request, CustomHandlerJson.Options, cancellationToken);
            var answer = await ReadAnswerAsync(response, cancellationToken);
            foreach (var line in answer?.Logs ?? [])
            {
                logger.LogDebug("{Function}: {Log}", functionName, line);
            }
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Could not reach the trigger endpoint of {Function}", functionName);
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("{Function} did not answer within the function timeout", functionName);
            return false;
        }
    }

    private static async Task<InvocationResponse?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<InvocationResponse>(CustomHandlerJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Uri BaseAddress => _baseAddress ??= ResolveBaseAddress();

    private Uri ResolveBaseAddress()
    {
        if (configuration["Triggers:BaseAddress"] is { Length: > 0 } configured)
        {
            return new Uri(configured.TrimEnd('/') + "/");
        }
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no listening address for the local trigger driver to call; set Triggers:BaseAddress.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::")
        {
            uri.Host = "localhost";
        }
        uri.Path = "/";
        return uri.Uri;
    }
}
