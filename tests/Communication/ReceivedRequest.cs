using System.Text.Json;

namespace ClientReminders.Tests.Communication;

/// <summary>A request as the fake ACS server saw it; <see cref="Rejection"/> says why it failed authentication, if it did.</summary>
public sealed record ReceivedRequest(
    string Method,
    string Path,
    string RawTarget,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    string? Rejection
)
{
    public bool Authenticated => Rejection is null;

    public string? ApiVersion => Query.GetValueOrDefault("api-version");

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }
}
