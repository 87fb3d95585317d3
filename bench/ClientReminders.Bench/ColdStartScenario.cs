using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ClientReminders.Bench;

/// <summary>CpuMs: the handler's processor time (all threads) until its first answer, which other load on the machine barely changes.</summary>
public sealed record ColdStartRun(int Run, double ListeningMs, double FirstResponseMs, double CpuMs, int FirstStatus);

public sealed record ColdStartSummary(
    string Package,
    int Runs,
    double MedianMs,
    double MinMs,
    double MaxMs,
    double MedianListeningMs,
    double MedianCpuMs,
    string Machine,
    DateTimeOffset At,
    IReadOnlyList<ColdStartRun> Each
);

/// <summary>
/// The packaged handler started N times as the Functions host starts it (its executable, its working directory,
/// FUNCTIONS_CUSTOMHANDLER_PORT): milliseconds from process start until it accepts connections, and until it has
/// answered its first forwarded request (GET /api/health, which reads storage once).
/// </summary>
public static class ColdStartScenario
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<int> MainAsync(string[] args)
    {
        var runs = args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : 10;
        var package = Environment.GetEnvironmentVariable("COLDSTART_PACKAGE")
            ?? throw new InvalidOperationException("Set COLDSTART_PACKAGE to a published functionapp/ folder (bench/coldstart.sh does).");
        // --against DIR: another functionapp/ folder (e.g. published from an older commit), started alternately with this
        // one in the same time window, so a shared, busy machine slows both alike.
        var packages = args.SkipWhile(a => a != "--against").Skip(1).FirstOrDefault() is { } against ? new[] { package, Path.GetFullPath(against) } : [package];
        var storage = Environment.GetEnvironmentVariable("AzureWebJobsStorage")
            ?? throw new InvalidOperationException("Set AzureWebJobsStorage to an Azurite connection string (bench/coldstart.sh does).");
        var masterKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

        var results = packages.ToDictionary(p => p, _ => new List<ColdStartRun>());
        for (var run = 1; run <= runs; run++)
        {
            // Alternate which package goes first, so neither always follows the other's file-cache warm-up.
            foreach (var each in run % 2 == 1 ? packages : packages.Reverse())
            {
                var result = await StartOnceAsync(each, storage, masterKey, run);
                var label = packages.Length > 1 ? $" [{Path.GetFileName(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(each)))}]" : "";
                Console.Error.WriteLine(
                    $"run {run}{label}: listening after {result.ListeningMs:0} ms, first response ({result.FirstStatus}) after {result.FirstResponseMs:0} ms, {result.CpuMs:0} ms of CPU"
                );
                results[each].Add(result);
            }
        }

        var summaries = packages.Select(p => Summarize(p, results[p])).ToList();
        Console.WriteLine(
            summaries.Count == 1
                ? JsonSerializer.Serialize(summaries[0], new JsonSerializerOptions { WriteIndented = true })
                : JsonSerializer.Serialize(summaries, new JsonSerializerOptions { WriteIndented = true })
        );
        foreach (var summary in summaries)
        {
            Console.Error.WriteLine(
                $"cold start{(summaries.Count > 1 ? $" of {summary.Package}" : "")}, process start to first served request, {runs} runs: median {summary.MedianMs:0} ms, min {summary.MinMs:0} ms, max {summary.MaxMs:0} ms (listening: median {summary.MedianListeningMs:0} ms; handler CPU until then: median {summary.MedianCpuMs:0} ms)"
            );
        }
        return results.Values.SelectMany(r => r).All(r => r.FirstStatus == 200) ? 0 : 1;
    }

    private static ColdStartSummary Summarize(string package, List<ColdStartRun> results)
    {
        var firsts = results.Select(r => r.FirstResponseMs).Order().ToList();
        return new ColdStartSummary(
            package,
            results.Count,
            Median(firsts),
            firsts[0],
            firsts[^1],
            Median([.. results.Select(r => r.ListeningMs).Order()]),
            Median([.. results.Select(r => r.CpuMs).Order()]),
            $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
            DateTimeOffset.UtcNow,
            results
        );
    }

    private static async Task<ColdStartRun> StartOnceAsync(string package, string storage, string masterKey, int run)
    {
        var port = FreePort();
        var handler = Path.Combine(package, "handler");
        var startInfo = new ProcessStartInfo(Path.Combine(handler, "ClientReminders.Api"))
        {
            WorkingDirectory = handler,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment.Clear();
        startInfo.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        startInfo.Environment["HOME"] = Path.GetTempPath();
        startInfo.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["AzureWebJobsStorage"] = storage;
        startInfo.Environment["Security__MasterKey"] = masterKey;

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var output = new StringBuilder();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the packaged handler.");
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            double? listening = null;
            while (clock.Elapsed < StartTimeout && !process.HasExited)
            {
                if (listening is null && Accepts(port))
                {
                    listening = clock.Elapsed.TotalMilliseconds;
                }
                if (listening is not null)
                {
                    try
                    {
                        using var response = await client.GetAsync($"http://127.0.0.1:{port}/api/health");
                        var answeredAt = clock.Elapsed.TotalMilliseconds;
                        process.Refresh();
                        return new ColdStartRun(
                            run,
                            Math.Round(listening.Value, 1),
                            Math.Round(answeredAt, 1),
                            Math.Round(process.TotalProcessorTime.TotalMilliseconds, 1),
                            (int)response.StatusCode
                        );
                    }
                    catch (HttpRequestException) { }
                }
                await Task.Delay(1);
            }
            throw new InvalidOperationException($"Run {run}: the handler did not answer within {StartTimeout.TotalSeconds:0} s.\n{output}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    private static bool Accepts(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Median(List<double> sorted) =>
        Math.Round(sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 1);
}
