using System.Reflection;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using ClientReminders.Calendars.Microsoft;

namespace ClientReminders.Tests.Packaging;

/// <summary>
/// Lints what cannot be compiled here (no Bicep CLI): every config JSON parses, azure.yaml and the Bicep agree with the
/// code on settings, queues and names, local modules get exactly the parameters they declare, and no secret is a
/// parameter or an output.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class DeploymentConfigTests
{
    private static readonly string Root = PublishedPackage.RepositoryRoot;
    private static readonly string Infra = Path.Combine(Root, "infra");

    // Read by the Functions host or Azure SDKs rather than by our configuration binding.
    private static readonly HashSet<string> ReadOutsideOurCode = new(StringComparer.Ordinal)
    {
        "AzureWebJobsStorage:blobServiceUri",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "AZURE_CLIENT_ID",
    };

    public static TheoryData<string> ConfigJsonFiles()
    {
        var files = new[] { "host.json", "staticwebapp.config.json", "package.json" }
            .Concat(Directory.GetFiles(Path.Combine(Root, "api"), "appsettings*.json").Select(f => Path.GetRelativePath(Root, f)))
            .Concat(
                Directory
                    .GetFiles(Path.Combine(Root, "api", "functions"), "function.json", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(Root, f))
            )
            .Concat(
                Directory
                    .GetFiles(Path.Combine(Root, "tests", "functions"), "function.json", SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(Root, f))
            )
            .Concat(Directory.GetFiles(Infra, "*.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f)));
        var data = new TheoryData<string>();
        foreach (var file in files.Order())
        {
            data.Add(file);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ConfigJsonFiles))]
    public void EveryConfigJsonFileIsStrictJson(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, file)));

        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
    }

    [Fact]
    public void EveryFunctionHasOneTriggerAndItsQueueIsOneTheCodeSendsToAndTheBicepCreates()
    {
        var queuesInCode = new[]
        {
            ReminderStore.QueueName,
            ClientImports.QueueName,
            KeyRotation.QueueName,
            OwnerAlerts.QueueName,
            GraphNotifications.QueueName,
        };
        var triggers = FunctionJsons()
            .ToDictionary(f => f.Name, f => Assert.Single(f.Bindings, b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)));
        var queueTriggers = triggers.Values.Where(t => t.GetProperty("type").GetString() == "queueTrigger").ToList();

        Assert.All(queueTriggers, t => Assert.Equal(AzureClientsSetup.StorageSetting, t.GetProperty("connection").GetString()));
        var queueNames = queueTriggers.Select(t => t.GetProperty("queueName").GetString()!).Order().ToList();
        Assert.Equal(queuesInCode.Order(), queueNames);
        Assert.Equal(queueNames, BicepStringArray(Read("main.bicep"), "queues").Order());
    }

    [Fact]
    public void HostJsonStartsTheHandlerByItsAssemblyNameAndKeepsTheApiRoutePrefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "host.json")));
        using var web = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "staticwebapp.config.json")));
        var description = host.RootElement.GetProperty("customHandler").GetProperty("description");

        Assert.Equal($"handler/{typeof(KeyRing).Assembly.GetName().Name}", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("handler", description.GetProperty("workingDirectory").GetString());
        // The Static Web App forwards /api/* to the linked Function App, and the app's routes start with /api.
        Assert.Equal("api", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Contains("/api/*", web.RootElement.GetProperty("navigationFallback").GetProperty("exclude").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void EveryAppSettingTheBicepSetsIsOneTheAppOrTheHostReads()
    {
        var readByCode = SettingsTheCodeReads();

        Assert.All(BicepAppSettings(), setting =>
            Assert.True(
                readByCode.Contains(setting) || ReadOutsideOurCode.Contains(setting),
                $"infra/app/function-app.bicep sets '{setting}', which nothing reads."
            )
        );
    }

    [Fact]
    public void EverySettingTheAppNeedsInAzureIsSetAndEverySecretIsAKeyVaultReference()
    {
        string[] requiredInAzure =
        [
            "AzureWebJobsStorage:tableServiceUri",
            "AzureWebJobsStorage:queueServiceUri",
            "AzureWebJobsStorage:credential",
            "AzureWebJobsStorage:clientId",
            KeyRing.MasterKeySetting,
            KeyRing.BlindIndexKeySetting,
            $"EventGrid:{nameof(EventGridOptions.WebhookSecret)}",
            $"App:{nameof(AppOptions.PublicBaseUrl)}",
            $"Acs:{nameof(AcsOptions.Endpoint)}",
            $"Acs:{nameof(AcsOptions.SmsFrom)}",
            $"Acs:{nameof(AcsOptions.EmailFrom)}",
            // Outlook calendars (set once GRAPH_CLIENT_ID is given); the secret is a Key Vault reference like every other.
            $"Graph:{nameof(GraphOptions.ClientId)}",
            $"Graph:{nameof(GraphOptions.ClientSecret)}",
        ];
        var settings = BicepAppSettingValues();

        Assert.All(requiredInAzure, setting => Assert.True(settings.ContainsKey(setting), $"infra/app/function-app.bicep does not set '{setting}'."));
        Assert.All(settings.Where(s => SecretLike().IsMatch(s.Key)), secret =>
            Assert.StartsWith("'@Microsoft.KeyVault(SecretUri=", secret.Value, StringComparison.Ordinal)
        );
        Assert.DoesNotContain(settings, s => s.Key == AzureClientsSetup.StorageSetting);
    }

    [Fact]
    public void ResourceNamesFollowOneConventionAndEveryResourceNameComesFromIt()
    {
        var main = Read("main.bicep");
        var names = BicepObject(main, "names");

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.Matches(@"^'(rg-\$\{environmentName\}|st\$\{resourceToken\}|[a-z]+(-[a-z]+)*-\$\{resourceToken\})'$", name.Value));
        Assert.Equal(names.Count, names.Values.Distinct().Count());
        // Inside a module's params, every *name parameter takes its value from `names`.
        var resourceNames = ModuleParamLines().Matches(main).Select(m => m.Groups["value"].Value).ToList();
        Assert.NotEmpty(resourceNames);
        Assert.All(resourceNames, value =>
            Assert.True(Regex.IsMatch(value, @"^(names\.\w+|\w+\.outputs\.\w*[nN]ame)$"), $"a resource named '{value}' outside `names`")
        );
        Assert.All(names.Keys, key => Assert.Contains($"names.{key}", main));
    }

    [Fact]
    public void LocalModulesGetExactlyTheParametersTheyDeclareAndEveryRequiredOne()
    {
        var modules = Directory
            .GetFiles(Infra, "*.bicep", SearchOption.AllDirectories)
            .SelectMany(file => LocalModule().Matches(File.ReadAllText(file)).Select(m => (Caller: file, Match: m)))
            .ToList();

        Assert.NotEmpty(modules);
        foreach (var (caller, match) in modules)
        {
            var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(caller)!, match.Groups["path"].Value));
            Assert.True(File.Exists(target), $"{caller} uses {target}, which does not exist.");
            var declared = ParamDeclaration().Matches(File.ReadAllText(target)).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Success);
            var passed = ParamsBlockKeys(match.Groups["body"].Value);
            Assert.All(passed, p =>
                Assert.True(declared.ContainsKey(p), $"{Path.GetFileName(caller)} passes '{p}' to {Path.GetFileName(target)}, which declares no such param.")
            );
            Assert.All(declared.Where(d => !d.Value), d =>
                Assert.True(passed.Contains(d.Key), $"{Path.GetFileName(caller)} does not pass the required '{d.Key}' to {Path.GetFileName(target)}.")
            );
        }
    }

    [Fact]
    public void NoSecretIsAParameterOrAnOutputAndEveryBicepFileIsBalanced()
    {
        foreach (var file in Directory.GetFiles(Infra, "*.bicep", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var name = Path.GetRelativePath(Root, file);
            Assert.DoesNotContain("listKeys(", text, StringComparison.Ordinal);
            Assert.All(Outputs().Matches(text), output => Assert.DoesNotMatch(SecretLike(), output.Groups["name"].Value));
            foreach (var (open, close) in new[] { ('{', '}'), ('[', ']'), ('(', ')') })
            {
                Assert.True(text.Count(c => c == open) == text.Count(c => c == close), $"{name}: unbalanced {open}{close}");
            }
            foreach (Match load in LoadTextContent().Matches(text))
            {
                Assert.True(
                    File.Exists(Path.Combine(Path.GetDirectoryName(file)!, load.Groups["path"].Value)),
                    $"{name} loads a missing {load.Groups["path"].Value}"
                );
            }
        }
        // Secrets are made in Key Vault (infra/scripts/create-missing-secrets.sh); the top level takes none.
        Assert.DoesNotContain("@secure()", Read("main.bicep"), StringComparison.Ordinal);
        using var parameters = JsonDocument.Parse(Read("main.parameters.json"));
        Assert.All(parameters.RootElement.GetProperty("parameters").EnumerateObject(), p => Assert.DoesNotMatch(SecretLike(), p.Name));
        Assert.Equal(
            ParamDeclaration().Matches(Read("main.bicep")).Select(m => m.Groups["name"].Value).Order(),
            parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).Order()
        );
    }

    [Fact]
    public void AzureYamlDeploysWhatThePublishScriptMakesWithHooksThatExist()
    {
        var yaml = SimpleYaml.Parse(File.ReadAllText(Path.Combine(Root, "azure.yaml")));
        var publish = File.ReadAllText(Path.Combine(Root, "scripts", "publish.sh"));

        Assert.Equal("client-reminders", yaml["name"]);
        Assert.Equal(("function", "./dist/functionapp"), (yaml["services.api.host"], yaml["services.api.project"]));
        Assert.Equal(("staticwebapp", "./dist/web"), (yaml["services.web.host"], yaml["services.web.project"]));
        Assert.Contains("app=\"$out/functionapp\"", publish, StringComparison.Ordinal);
        Assert.Contains("\"$out/web\"", publish, StringComparison.Ordinal);
        foreach (var hook in yaml.Where(e => e.Key.StartsWith("hooks.", StringComparison.Ordinal) && e.Key.EndsWith(".run", StringComparison.Ordinal)))
        {
            var script = Path.Combine(Root, hook.Value);
            Assert.True(File.Exists(script), $"azure.yaml {hook.Key} runs {hook.Value}, which does not exist.");
            Assert.True(File.GetUnixFileMode(script).HasFlag(UnixFileMode.UserExecute), $"{hook.Value} is not executable.");
        }
        // The tags azd finds the services by.
        Assert.Contains("'azd-service-name': 'api'", Read("main.bicep"), StringComparison.Ordinal);
        Assert.Contains("'azd-service-name': 'web'", Read("main.bicep"), StringComparison.Ordinal);
    }

    private static HashSet<string> SettingsTheCodeReads()
    {
        static IEnumerable<string> Options(string section, Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => $"{section}:{p.Name}");
        return new HashSet<string>(
            [
                AzureClientsSetup.StorageSetting,
                .. new[] { "accountName", "tableServiceUri", "queueServiceUri", "credential", "clientId" }.Select(k =>
                    $"{AzureClientsSetup.StorageSetting}:{k}"
                ),
                KeyRing.MasterKeySetting,
                KeyRing.BlindIndexKeySetting,
                .. Options("Acs", typeof(AcsOptions)),
                .. Options("App", typeof(AppOptions)),
                .. Options("EventGrid", typeof(EventGridOptions)),
                .. Options("Graph", typeof(GraphOptions)),
                .. Options(SupportOptions.Section, typeof(SupportOptions)),
            ],
            StringComparer.Ordinal
        );
    }

    private static List<string> BicepAppSettings() => [.. BicepAppSettingValues().Keys];

    private static Dictionary<string, string> BicepAppSettingValues()
    {
        var text = Read(Path.Combine("app", "function-app.bicep"));
        var block = text[text.IndexOf("var appSettings", StringComparison.Ordinal)..text.IndexOf("module site", StringComparison.Ordinal)];
        return AppSettingLine()
            .Matches(block)
            .ToDictionary(m => m.Groups["name"].Value.Replace("__", ":", StringComparison.Ordinal), m => m.Groups["value"].Value.Trim());
    }

    private static IEnumerable<(string Name, List<JsonElement> Bindings)> FunctionJsons() =>
        Directory
            .GetDirectories(Path.Combine(Root, "api", "functions"))
            .Select(directory =>
            {
                using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "function.json")));
                return (Path.GetFileName(directory), document.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone()).ToList());
            });

    private static string Read(string relativeToInfra) => File.ReadAllText(Path.Combine(Infra, relativeToInfra));

    private static List<string> BicepStringArray(string text, string variable) =>
        Regex
            .Match(text, $@"var {variable} = \[(?<items>[^\]]*)\]")
            .Groups["items"]
            .Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => item.Trim('\''))
            .ToList();

    private static Dictionary<string, string> BicepObject(string text, string variable)
    {
        var body = Regex.Match(text, $@"^var {variable} = \{{(?<body>.*?)^\}}", RegexOptions.Multiline | RegexOptions.Singleline).Groups["body"].Value;
        return body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim());
    }

    private static HashSet<string> ParamsBlockKeys(string moduleBody)
    {
        var start = moduleBody.IndexOf("params: {", StringComparison.Ordinal);
        Assert.True(start >= 0, "a local module without params");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var depth = 0;
        foreach (var line in moduleBody[(start + "params: {".Length)..].Split('\n'))
        {
            if (depth == 0 && Regex.Match(line, @"^\s+(?<key>\w+):") is { Success: true } key)
            {
                keys.Add(key.Groups["key"].Value);
            }
            depth += line.Count(c => c is '{' or '[') - line.Count(c => c is '}' or ']');
            if (depth < 0)
            {
                break;
            }
        }
        return keys;
    }

    [GeneratedRegex(@"(?i)(secret|password|connectionstring|accesskey|masterkey|blindindexkey)")]
    private static partial Regex SecretLike();

    [GeneratedRegex(@"(?:^    |\{ )(?<name>[A-Za-z][A-Za-z_]*): (?<value>[^\n}]+)", RegexOptions.Multiline)]
    private static partial Regex AppSettingLine();

    [GeneratedRegex(@"^module \w+ '(?<path>[^']+\.bicep)' = (?:if \([^)]*\) )?\{(?<body>.*?)^\}", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex LocalModule();

    [GeneratedRegex(@"^param (?<name>\w+) \w+(?<default> = .+)?$", RegexOptions.Multiline)]
    private static partial Regex ParamDeclaration();

    // skuName names a price tier, not a resource.
    [GeneratedRegex(@"^    (?!sku)\w*[nN]ame: (?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex ModuleParamLines();

    [GeneratedRegex(@"^output (?<name>\w+) .*$", RegexOptions.Multiline)]
    private static partial Regex Outputs();

    [GeneratedRegex(@"loadTextContent\('(?<path>[^']+)'\)")]
    private static partial Regex LoadTextContent();
}
