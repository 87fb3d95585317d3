using System.Text.Json;
using System.Xml.Linq;
using Azure;

namespace ClientReminders.AzureClients.Storage;

public static class StorageErrors
{
    public static RequestFailedException ToException(StorageResponse response, Exception? innerException = null)
    {
        var (code, message) = ParseBody(response);
        code ??= response.Header("x-ms-error-code");
        var text = $"Service request failed.\nStatus: {response.Status} ({response.ReasonPhrase})\nErrorCode: {code}\n\n{message}";
        return new RequestFailedException(response.Status, text, code, innerException);
    }

    public static (string? Code, string? Message) ParseBody(StorageResponse response)
    {
        var body = response.Content.ToString();
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            return body.TrimStart()[0] switch
            {
                '{' => ParseJson(body),
                '<' => ParseXml(body),
                _ => (null, body),
            };
        }
        catch (Exception exception) when (exception is JsonException or System.Xml.XmlException)
        {
            return (null, body);
        }
    }

    private static (string?, string?) ParseJson(string body)
    {
        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty("odata.error", out var error))
        {
            return (null, body);
        }

        var code = error.TryGetProperty("code", out var codeElement) ? codeElement.GetString() : null;
        var message = error.TryGetProperty("message", out var messageElement)
            ? messageElement.ValueKind == JsonValueKind.Object && messageElement.TryGetProperty("value", out var value)
                ? value.GetString()
                : messageElement.ToString()
            : null;
        return (code, message);
    }

    private static (string?, string?) ParseXml(string body)
    {
        var error = XDocument.Parse(body).Root;
        return (error?.Element("Code")?.Value, error?.Element("Message")?.Value);
    }
}
