using System.Diagnostics;
using System.Net.Sockets;

namespace ClientReminders.Tests.Infrastructure;

public sealed class AzuriteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<Task<AzuriteServer>> Shared = new(StartAsync);

    private readonly string location;
    private readonly int[] ports;
    private Process process;
    private TaskCompletionSource storesSaved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AzuriteServer(Process process, string location, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        this.location = location;
        ports = [blobPort, queuePort, tablePort];
        BlobEndpoint = new Uri($"http://127.0.0.1:{blobPort}/{AccountName}");
        QueueEndpoint = new Uri($"http://127.0.0.1:{queuePort}/{AccountName}");
        TableEndpoint = new Uri($"http://127.0.0.1:{tablePort}/{AccountName}");
    }

    // Azurite's well-known development account.
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    public static Task<AzuriteServer> SharedAsync() => Shared.Value;

    /// <summary>An Azurite of the caller's own, for tests that move the clock a year on and purge: nothing shared is touched.</summary>
    public static Task<AzuriteServer> StartPrivateAsync() => StartAsync();

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    public static string UniqueTableName(string prefix)
    {
        var letters = new string(prefix.Where(char.IsAsciiLetterOrDigit).ToArray());
        var name = (char.IsAsciiLetter(letters.FirstOrDefault()) ? letters : "t" + letters) + Guid.NewGuid().ToString("N");
        return name[..Math.Min(name.Length, 63)];
    }

    public static string UniqueQueueName(string prefix)
    {
        var cleaned = string.Join(
            '-',
            new string(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-').ToArray()).Split(
                '-',
                StringSplitOptions.RemoveEmptyEntries
            )
        );
        var name = (cleaned.Length > 0 ? cleaned + "-" : "q-") + Guid.NewGuid().ToString("N");
        return name[..Math.Min(name.Length, 63)].TrimEnd('-');
    }

    private static async Task<AzuriteServer> StartAsync()
    {
        var location = Directory.CreateTempSubdirectory("azurite-").FullName;
        var (blobPort, queuePort, tablePort) = FreePorts();
        var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (process, errors) = Launch(location, blobPort, queuePort, tablePort, saved);
        var server = new AzuriteServer(process, location, blobPort, queuePort, tablePort) { storesSaved = saved };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        await server.WaitUntilListeningAsync(errors);
        return server;
    }

    /// <summary>
    /// Stops this Azurite as an outage would, without losing what it acknowledged: on SIGTERM it saves its stores at once, but
    /// its exit can wait on requests it no longer answers, so once the queue and table services say they are closed it is killed.
    /// </summary>
    public async Task StopServingAsync()
    {
        using (var terminate = Process.Start("kill", ["-TERM", $"{process.Id}"]))
        {
            await terminate.WaitForExitAsync();
        }
        await Task.WhenAny(storesSaved.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(10)));
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts Azurite again on the same ports and data folder, after <see cref="StopServingAsync"/>.</summary>
    public async Task RestartAsync()
    {
        storesSaved = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var (restarted, errors) = Launch(location, ports[0], ports[1], ports[2], storesSaved);
        process = restarted;
        await WaitUntilListeningAsync(errors);
    }

    private static (Process Process, StringBuilder Errors) Launch(
        string location,
        int blobPort,
        int queuePort,
        int tablePort,
        TaskCompletionSource? storesSaved = null
    )
    {
        var azurite = Path.Combine(Repository.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException("Azurite is not installed: run `npm ci` at the repository root");
        }

        var startInfo = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (
            var argument in new[]
            {
                "--silent",
                "--skipApiVersionCheck",
                "--loose",
                "--disableProductStyleUrl",
                "--location",
                location,
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                $"{blobPort}",
                "--queueHost",
                "127.0.0.1",
                "--queuePort",
                $"{queuePort}",
                "--tableHost",
                "127.0.0.1",
                "--tablePort",
                $"{tablePort}",
            }
        )
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {azurite}.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        var closedServices = 0;
        process.OutputDataReceived += (_, e) =>
        {
            if (
                e.Data is { } line
                && (line.Contains("Queue service successfully closed") || line.Contains("Table service successfully closed"))
                && Interlocked.Increment(ref closedServices) == 2
            )
            {
                storesSaved?.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return (process, errors);
    }

    private async Task WaitUntilListeningAsync(StringBuilder errors)
    {
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (!await AcceptsConnectionsAsync(ports))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                Stop();
                string stderr;
                lock (errors)
                {
                    stderr = errors.ToString();
                }
                throw new InvalidOperationException(
                    $"Azurite did not start listening on ports {string.Join(", ", ports)} within {StartupTimeout}. Stderr:\n{stderr}"
                );
            }

            await Task.Delay(100);
        }
    }

    private void Stop()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException) { }

        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException) { }
    }

    private static async Task<bool> AcceptsConnectionsAsync(params int[] ports)
    {
        foreach (var port in ports)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }

    private static (int, int, int) FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (var listener in listeners)
        {
            listener.Start();
        }

        var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        foreach (var listener in listeners)
        {
            listener.Stop();
        }

        return (ports[0], ports[1], ports[2]);
    }
}
