namespace ClientReminders.AzureClients.Communication;

/// <summary>An Azure Communication Services connection string: <c>endpoint=https://…/;accesskey=…</c>.</summary>
public sealed record CommunicationConnectionString(Uri Endpoint, string AccessKey)
{
    public static CommunicationConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var settings = connectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(
                pair => pair[0],
                pair => pair.Length == 2 ? pair[1] : throw new FormatException($"Connection string setting '{pair[0]}' has no value."),
                StringComparer.OrdinalIgnoreCase
            );

        var endpoint = Required(settings, "endpoint");
        var accessKey = Required(settings, "accesskey");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri) || endpointUri.Scheme is not ("https" or "http"))
        {
            throw new FormatException("The connection string's endpoint is not an absolute http(s) URL.");
        }

        Span<byte> decoded = stackalloc byte[accessKey.Length];
        if (!Convert.TryFromBase64String(accessKey, decoded, out _))
        {
            throw new FormatException("The connection string's access key is not base64.");
        }

        return new(endpointUri, accessKey);
    }

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new FormatException($"The connection string has no {name}.");
}
