using Microsoft.Identity.Client;

namespace ClientReminders.Calendars.Microsoft;

/// <summary>A connection's MSAL token cache while it is in use: loaded from storage, and marked changed when MSAL writes to it.</summary>
public sealed class TokenCacheSlot(byte[]? data)
{
    public byte[]? Data { get; private set; } = data;

    public bool Changed { get; private set; }

    public void Write(byte[] data)
    {
        Data = data;
        Changed = true;
    }
}

/// <summary>The connection's consent was revoked or its refresh token no longer works: the owner must reconnect.</summary>
public sealed class ReconnectRequiredException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// MSAL confidential client for the authorization code flow with PKCE against the configured authority: one application
/// object per use, its user token cache bound to a <see cref="TokenCacheSlot"/> the caller stores encrypted.
/// </summary>
public sealed class MicrosoftIdentity(IOptions<GraphOptions> graph, IOptions<AppOptions> app, MicrosoftCloudHttp http)
{
    public bool IsConfigured => graph.Value.IsConfigured;

    public Uri RedirectUri => graph.Value.RedirectUri ?? new Uri(app.Value.Link("/api/calendars/microsoft/callback"));

    public IConfidentialClientApplication Application(TokenCacheSlot slot)
    {
        var options = graph.Value;
        if (!options.IsConfigured)
        {
            throw new InvalidOperationException("Outlook calendars are not configured: set Graph:ClientId and Graph:ClientSecret.");
        }
        var builder = ConfidentialClientApplicationBuilder
            .Create(options.ClientId)
            .WithClientSecret(options.ClientSecret)
            .WithRedirectUri(RedirectUri.ToString())
            .WithHttpClientFactory(http)
            .WithLegacyCacheCompatibility(false);
        builder = IsMicrosoftAuthority(options.Authority)
            ? builder.WithAuthority(options.Authority.ToString())
            : builder.WithAuthority(options.Authority.ToString(), validateAuthority: false).WithInstanceDiscovery(false);
        var application = builder.Build();
        application.UserTokenCache.SetBeforeAccess(args =>
        {
            if (slot.Data is { } data)
            {
                args.TokenCache.DeserializeMsalV3(data, shouldClearExistingCache: true);
            }
        });
        application.UserTokenCache.SetAfterAccess(args =>
        {
            if (args.HasStateChanged)
            {
                slot.Write(args.TokenCache.SerializeMsalV3());
            }
        });
        return application;
    }

    /// <summary>An access token for Graph, refreshed when needed; a revoked consent or dead refresh token asks for reconnecting.</summary>
    public async Task<string> AccessTokenAsync(TokenCacheSlot slot, string homeAccountId, CancellationToken cancellationToken)
    {
        var application = Application(slot);
        var account = await application.GetAccountAsync(homeAccountId) ?? throw new ReconnectRequiredException("The connection's tokens are missing.");
        try
        {
            var result = await application.AcquireTokenSilent(GraphOptions.Scopes, account).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        catch (MsalUiRequiredException exception)
        {
            throw new ReconnectRequiredException($"Microsoft refused to refresh the connection ({exception.ErrorCode}).", exception);
        }
        catch (MsalServiceException exception) when (exception.ErrorCode is "invalid_grant" or "interaction_required" or "consent_required")
        {
            throw new ReconnectRequiredException($"Microsoft refused to refresh the connection ({exception.ErrorCode}).", exception);
        }
    }

    private static bool IsMicrosoftAuthority(Uri authority) =>
        authority.Host is "login.microsoftonline.com" or "login.microsoftonline.us" or "login.partner.microsoftonline.cn" or "login.microsoft.com";
}
