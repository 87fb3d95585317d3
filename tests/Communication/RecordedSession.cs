using System.Text.Json;

namespace ClientReminders.Tests.Communication;

/// <summary>One recorded HTTP exchange of an Azure SDK live test.</summary>
public sealed record RecordedEntry(
    string Method,
    Uri RequestUri,
    IReadOnlyDictionary<string, string> RequestHeaders,
    JsonElement RequestBody,
    int StatusCode,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    JsonElement ResponseBody
)
{
    public string? ApiVersion => System.Web.HttpUtility.ParseQueryString(RequestUri.Query)["api-version"];

    /// <summary>The recorder writes an empty body as <c>[]</c>.</summary>
    public string ResponseText =>
        ResponseBody.ValueKind is JsonValueKind.Array && ResponseBody.GetArrayLength() == 0
        || ResponseBody.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
            ? ""
            : ResponseBody.GetRawText();
}

/// <summary>A session record from tests/Communication/Recordings, e.g. <c>acs-sms/SendingSmsMessage.json</c>.</summary>
public sealed record RecordedSession(string Name, IReadOnlyList<RecordedEntry> Entries, IReadOnlyDictionary<string, string> Variables)
{
    public static RecordedSession Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Communication", "Recordings", name);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var entries = root.GetProperty("Entries")
            .EnumerateArray()
            .Select(entry => new RecordedEntry(
                entry.GetProperty("RequestMethod").GetString()!,
                new Uri(entry.GetProperty("RequestUri").GetString()!),
                Headers(entry.GetProperty("RequestHeaders")),
                entry.GetProperty("RequestBody").Clone(),
                entry.GetProperty("StatusCode").GetInt32(),
                Headers(entry.GetProperty("ResponseHeaders")),
                entry.GetProperty("ResponseBody").Clone()
            ))
            .ToList();
        return new(name, entries, Headers(root.GetProperty("Variables")));
    }

    private static Dictionary<string, string> Headers(JsonElement headers) =>
        headers
            .EnumerateObject()
            .ToDictionary(
                header => header.Name,
                header =>
                    header.Value.ValueKind == JsonValueKind.Array
                        ? string.Join(' ', header.Value.EnumerateArray().Select(value => value.GetString()))
                        : header.Value.GetString() ?? "",
                StringComparer.OrdinalIgnoreCase
            );
}
