using Azure.Core;

namespace ClientReminders.AzureClients.Communication;

/// <summary>Sends a bearer token for the Communication Services scope, refreshed five minutes before it expires.</summary>
public sealed class TokenCredentialAuthenticator(TokenCredential credential, TimeProvider timeProvider) : IRequestAuthenticator
{
    public const string Scope = "https://communication.azure.com//.default";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private AccessToken? cached;

    public async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (cached is not { } token || token.ExpiresOn - RefreshMargin <= timeProvider.GetUtcNow())
        {
            token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
            cached = token;
        }

        // x-ms-date belongs to the HMAC scheme; the authentication handler adds it to every request.
        request.Headers.Remove("x-ms-date");
        request.Headers.Authorization = new("Bearer", token.Token);
    }
}
