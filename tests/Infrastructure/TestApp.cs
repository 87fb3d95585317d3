using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClientReminders.Tests.Infrastructure;

/// <summary>The real app on Kestrel on a loopback port, against the shared Azurite, with whatever a test adds.</summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestApp> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? mapExtra = null,
        string? storageConnectionString = null
    )
    {
        var connectionString = storageConnectionString ?? (await AzuriteServer.SharedAsync()).ConnectionString;
        var all = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["environment"] = "Development",
            ["AzureWebJobsStorage"] = connectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            // Apps share one Azurite: a test that wants the local trigger driver turns it on for its own functions.
            ["Triggers:LocalDriver"] = "false",
            ["Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Security:Passwords:Iterations"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        var app = Program.Build([.. all.Select(s => $"--{s.Key}={s.Value}")], configure, mapExtra);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestApp(app, new Uri(address));
    }

    /// <summary>Settings that add the test-only functions under tests/functions/&lt;group&gt;/ to the catalog.</summary>
    public static KeyValuePair<string, string> TestFunctions(string group) =>
        new("Triggers:FunctionDirectories:0", Path.Combine(AppContext.BaseDirectory, "test-functions", group));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
