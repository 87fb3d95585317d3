namespace ClientReminders.AzureClients.Communication;

/// <summary>Turns a failed Communication Services response into the SDK's <see cref="RequestFailedException"/>.</summary>
public static class CommunicationErrors
{
    public static RequestFailedException ToException(CommunicationResponse response)
    {
        var (code, message) = ParseBody(response.Content.ToString());
        code ??= response.Header("x-ms-error-code");
        return ToException(response.Status, response.ReasonPhrase, code, message);
    }

    public static RequestFailedException ToException(int status, string reasonPhrase, string? code, string? message)
    {
        var text = $"Service request failed.\nStatus: {status} ({reasonPhrase})\nErrorCode: {code}\n\n{message}";
        return new RequestFailedException(status, text, code, null);
    }

    /// <summary>Reads <c>{"error":{"code","message"}}</c>, or a validation body such as <c>{"From":["Invalid…"]}</c>.</summary>
    public static (string? Code, string? Message) ParseBody(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement switch
            {
                { ValueKind: JsonValueKind.Object } root when root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object => (
                    Text(error, "code"),
                    Text(error, "message")
                ),
                { ValueKind: JsonValueKind.Object } root => (null, ValidationMessages(root) ?? body),
                _ => (null, body),
            };
        }
        catch (JsonException)
        {
            return (null, body);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? ValidationMessages(JsonElement root)
    {
        var lines = root.EnumerateObject()
            .Where(field => field.Value.ValueKind == JsonValueKind.Array)
            .SelectMany(field => field.Value.EnumerateArray().Select(item => $"{field.Name}: {item}"))
            .ToList();
        return lines.Count > 0 ? string.Join('\n', lines) : null;
    }
}
