using Azure.Core;

namespace ClientReminders.AzureClients.Storage;

/// <summary>
/// Signs storage requests with a Microsoft Entra bearer token (managed identity in Azure), for accounts with shared-key
/// access disabled. The token is reused until five minutes before it expires, and one request at a time fetches a new one.
/// </summary>
public sealed class StorageTokenAuthenticator(TokenCredential credential, TimeProvider timeProvider) : IStorageRequestAuthenticator
{
    public const string Scope = "https://storage.azure.com/.default";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private AccessToken? cached;

    public async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await CurrentTokenAsync(cancellationToken);
        request.Headers.Authorization = new("Bearer", token);
    }

    private async ValueTask<string> CurrentTokenAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(cached) is { } fresh)
        {
            return fresh;
        }

        await refreshing.WaitAsync(cancellationToken);
        try
        {
            if (IsFresh(cached) is { } refreshedMeanwhile)
            {
                return refreshedMeanwhile;
            }

            var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
            cached = token;
            return token.Token;
        }
        finally
        {
            refreshing.Release();
        }
    }

    private string? IsFresh(AccessToken? token) =>
        token is { } value && value.ExpiresOn - RefreshMargin > timeProvider.GetUtcNow() ? value.Token : null;
}
