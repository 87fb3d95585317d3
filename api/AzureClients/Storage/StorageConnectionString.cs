namespace ClientReminders.AzureClients.Storage;

public sealed record StorageConnectionString(
    string AccountName,
    string AccountKey,
    Uri BlobEndpoint,
    Uri QueueEndpoint,
    Uri TableEndpoint)
{
    public const string DevelopmentAccountName = "devstoreaccount1";
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static StorageConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = connectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(
                pair => pair[0],
                pair => pair.Length == 2 ? pair[1] : throw new FormatException($"Connection string setting '{pair[0]}' has no value."),
                StringComparer.OrdinalIgnoreCase);

        if (settings.TryGetValue("UseDevelopmentStorage", out var development) && bool.Parse(development))
        {
            return new(
                DevelopmentAccountName,
                DevelopmentAccountKey,
                new Uri($"http://127.0.0.1:10000/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10001/{DevelopmentAccountName}"),
                new Uri($"http://127.0.0.1:10002/{DevelopmentAccountName}"));
        }

        var accountName = Required(settings, "AccountName");
        var accountKey = Required(settings, "AccountKey");
        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = settings.GetValueOrDefault("EndpointSuffix", "core.windows.net");

        Uri Endpoint(string service) => settings.TryGetValue($"{service}Endpoint", out var explicitEndpoint)
            ? new Uri(explicitEndpoint.TrimEnd('/'))
            : new Uri($"{protocol}://{accountName}.{service.ToLowerInvariant()}.{suffix}");

        return new(accountName, accountKey, Endpoint("Blob"), Endpoint("Queue"), Endpoint("Table"));
    }

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The connection string has no {name}; only account-key connection strings are supported.");
}
