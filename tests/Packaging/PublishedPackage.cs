using System.Diagnostics;

namespace ClientReminders.Tests.Packaging;

/// <summary>
/// The Function App package exactly as scripts/publish.sh makes it, published once per test run into a temporary
/// folder (a few minutes: the ReadyToRun composite image is compiled again whenever the app changed), or taken from <c>CLIENT_REMINDERS_PACKAGE</c> (a folder holding <c>functionapp/</c>)
/// when a build script has published already.
/// </summary>
public sealed class PublishedPackage : IAsyncLifetime
{
    public const string PackageVariable = "CLIENT_REMINDERS_PACKAGE";

    // Thirteen minutes were seen on two cores shared with other builds; a hung publish still ends the run.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(25);
    private string? temporary;

    public static string RepositoryRoot { get; } = Repository.Root;

    /// <summary>The Function App's root: host.json, one folder per function, handler/.</summary>
    public string FunctionApp { get; private set; } = "";

    public string Zip { get; private set; } = "";

    public TimeSpan PublishTime { get; private set; }

    public async Task InitializeAsync()
    {
        var output = Environment.GetEnvironmentVariable(PackageVariable) is { Length: > 0 } given
            ? given
            : temporary = Directory.CreateTempSubdirectory("client-reminders-package-").FullName;
        if (temporary is not null)
        {
            var stopwatch = Stopwatch.StartNew();
            await PublishAsync(output);
            PublishTime = stopwatch.Elapsed;
        }
        FunctionApp = Path.Combine(output, "functionapp");
        Zip = Path.Combine(output, "functionapp.zip");
        if (!File.Exists(Path.Combine(FunctionApp, "host.json")))
        {
            throw new InvalidOperationException($"No package in {output}: expected functionapp/host.json (scripts/publish.sh --out {output}).");
        }
    }

    public Task DisposeAsync()
    {
        if (temporary is not null)
        {
            Directory.Delete(temporary, recursive: true);
        }
        return Task.CompletedTask;
    }

    public string InPackage(params string[] parts) => Path.Combine([FunctionApp, .. parts]);

    private static async Task PublishAsync(string output)
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(RepositoryRoot, "scripts", "publish.sh"), "--api-only", "--out", output })
        {
            startInfo.ArgumentList.Add(argument);
        }
        // The test host's MSBuild variables would point a nested dotnet at the wrong SDK pieces.
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start scripts/publish.sh.");
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/publish.sh did not finish within {PublishTimeout}.\n{log}");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/publish.sh failed with exit code {process.ExitCode}:\n{log}");
        }
    }
}

[CollectionDefinition(nameof(PublishedPackage))]
public sealed class PublishedPackageCollection : ICollectionFixture<PublishedPackage>;
