using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Runtime.Versioning;

namespace ClientReminders.Tests.Packaging;

// The package is a linux-x64 build; its file modes only mean something there.
[SupportedOSPlatform("linux")]
[Collection(nameof(PublishedPackage))]
public sealed class PackageContentsTests(PublishedPackage package)
{
    private static readonly string SourceFunctions = Path.Combine(PublishedPackage.RepositoryRoot, "api", "functions");

    [Fact]
    public void EveryFunctionOfTheSourceIsInThePackageWithTheSameFunctionJsonAndNoOther()
    {
        var source = Directory.GetDirectories(SourceFunctions).Select(Path.GetFileName).Order().ToList();
        var packaged = Directory
            .GetDirectories(package.FunctionApp)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(Path.GetFileName)
            .Order()
            .ToList();

        Assert.NotEmpty(source);
        Assert.Equal(source, packaged);
        Assert.All(source, name =>
            Assert.Equal(File.ReadAllText(Path.Combine(SourceFunctions, name!, "function.json")), File.ReadAllText(package.InPackage(name!, "function.json")))
        );
        Assert.All(packaged, name => Assert.Single(Directory.GetFileSystemEntries(package.InPackage(name!))));
    }

    [Fact]
    public void HostJsonIsTheSourcesAndItsExecutablePathNamesTheSelfContainedHandler()
    {
        var hostJson = File.ReadAllText(package.InPackage("host.json"));
        using var host = JsonDocument.Parse(hostJson);
        var description = host.RootElement.GetProperty("customHandler").GetProperty("description");
        var executable = package.InPackage(description.GetProperty("defaultExecutablePath").GetString()!.Split('/'));

        Assert.Equal(File.ReadAllText(Path.Combine(PublishedPackage.RepositoryRoot, "host.json")), hostJson);
        Assert.True(Directory.Exists(package.InPackage(description.GetProperty("workingDirectory").GetString()!)));
        Assert.True(File.Exists(executable), $"{executable} is missing");
        Assert.True(File.GetUnixFileMode(executable).HasFlag(UnixFileMode.UserExecute), "the handler is not executable");
        Assert.True(host.RootElement.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
    }

    [Fact]
    public void TheHandlerIsASelfContainedReadyToRunLinuxBuildWithWorkstationGc()
    {
        using var runtimeConfig = JsonDocument.Parse(File.ReadAllText(package.InPackage("handler", "ClientReminders.Api.runtimeconfig.json")));
        var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");
        using var assembly = new PEReader(File.OpenRead(package.InPackage("handler", "ClientReminders.Api.dll")));

        Assert.True(options.TryGetProperty("includedFrameworks", out _), "not self-contained: the runtime would have to be installed");
        Assert.True(File.Exists(package.InPackage("handler", "libcoreclr.so")));
        Assert.True(assembly.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "ClientReminders.Api.dll is not ReadyToRun");
        Assert.False(options.GetProperty("configProperties").GetProperty("System.GC.Server").GetBoolean());
        Assert.False(options.GetProperty("configProperties").GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }

    [Fact]
    public void NoDevelopmentSettingsKeysOrLocalDataAreInside()
    {
        var files = Directory
            .GetFiles(package.FunctionApp, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(package.FunctionApp, f))
            .ToList();
        string[] forbidden = ["appsettings.Development.json", "local.settings.json", "launchSettings.json", "master.key"];

        Assert.DoesNotContain(files, f => forbidden.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, f => Path.GetExtension(f) is ".key" or ".pem" or ".pfx" or ".trx");
        Assert.DoesNotContain(files, f => f.Split(Path.DirectorySeparatorChar).Any(part => part is ".azurite" or ".local" or "test-functions" or "Recordings"));
        Assert.DoesNotContain(files, f => Path.GetFileName(f).StartsWith("ClientReminders.Tests", StringComparison.Ordinal));
        foreach (var json in files.Where(f => f.EndsWith(".json", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(package.InPackage(json));
            Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("accesskey=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("MasterKey", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("WebhookSecret", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void TheZipHoldsExactlyThePackageWithTheHandlerStillExecutable()
    {
        using var zip = ZipFile.OpenRead(package.Zip);
        var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName);
        var files = Directory
            .GetFiles(package.FunctionApp, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(package.FunctionApp, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order()
            .ToList();

        Assert.Equal(files, entries.Keys.Order());
        Assert.Contains("host.json", entries.Keys);
        var unixMode = (UnixFileMode)((entries["handler/ClientReminders.Api"].ExternalAttributes >> 16) & 0x1FF);
        Assert.True(unixMode.HasFlag(UnixFileMode.UserExecute), "zip deploy would lose the handler's executable bit");
    }
}
