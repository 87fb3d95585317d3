using System.Net.Security;
using Microsoft.Graph;
using Microsoft.Identity.Client;

namespace ClientReminders.Calendars.Microsoft;

/// <summary>
/// One connection pool for the identity platform and Graph. Graph requests go through the SDK's middleware (retries on
/// 429/503 honouring Retry-After, redirects); MSAL gets the same pool through <see cref="IMsalHttpClientFactory"/>.
/// </summary>
public sealed class MicrosoftCloudHttp : IMsalHttpClientFactory, IDisposable
{
    private readonly SocketsHttpHandler _handler;
    private readonly HttpClient _identity;

    public MicrosoftCloudHttp(IOptions<GraphOptions> options, IHostEnvironment environment)
    {
        _handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false };
        if (environment.IsDevelopment() && options.Value.DevelopmentCertificateThumbprint is { Length: > 0 } thumbprint)
        {
            // Only for a local fake of Microsoft's cloud (browser tests); never outside Development.
            _handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None
                    || string.Equals(certificate?.GetCertHashString(HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase),
            };
        }
        _identity = new HttpClient(_handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
        Graph = GraphClientFactory.Create(GraphClientFactory.CreateDefaultHandlers(), finalHandler: _handler, disposeHandler: false);
        Graph.Timeout = TimeSpan.FromSeconds(100);
    }

    /// <summary>For Graph: the SDK's retry, redirect and compression middleware over the shared pool.</summary>
    public HttpClient Graph { get; }

    public HttpClient GetHttpClient() => _identity;

    public void Dispose()
    {
        Graph.Dispose();
        _identity.Dispose();
        _handler.Dispose();
    }
}
