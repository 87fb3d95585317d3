using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using ClientReminders.Tests.Calendars;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.AzureClients.Identity;

public sealed record SeenRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A loopback HTTP server that records every request and answers with the given handler.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<SeenRequest> seen = new();
    private WebApplication app = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The server's own certificate when it listens on https (the storage SDK sends bearer tokens over https only).</summary>
    public X509Certificate2? Certificate { get; private set; }

    /// <summary>A client transport that trusts this server's certificate and no other.</summary>
    public HttpClientTransport TrustingTransport() =>
        new(
            new SocketsHttpHandler
            {
                SslOptions =
                {
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == Certificate?.GetCertHashString(),
                },
            }
        );

    public IReadOnlyList<SeenRequest> Seen => [.. seen];

    public static async Task<LoopbackServer> StartAsync(Func<SeenRequest, HttpContext, Task> answer, bool https = false)
    {
        var server = new LoopbackServer { Certificate = https ? FakeMicrosoftCloud.SelfSignedCertificate("loopback") : null };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (server.Certificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            }));
        server.app = builder.Build();
        server.app.Run(async context =>
        {
            var request = new SeenRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)
            );
            server.seen.Enqueue(request);
            await answer(request, context);
        });
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Certificate?.Dispose();
    }
}
