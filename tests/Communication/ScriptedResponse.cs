namespace ClientReminders.Tests.Communication;

public enum ScriptedFault
{
    None,

    /// <summary>Holds the request open until the client gives up (or the stall ends, then answers 503).</summary>
    Stall,

    /// <summary>Aborts the connection without an answer.</summary>
    DropConnection,
}

/// <summary>What the fake ACS server answers to the next request.</summary>
public sealed record ScriptedResponse(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null)
{
    public ScriptedFault Fault { get; init; }

    public TimeSpan StallFor { get; init; }

    public static ScriptedResponse Json(int status, string body, params (string Name, string Value)[] headers) =>
        new(status, body, headers.ToDictionary(header => header.Name, header => header.Value, StringComparer.OrdinalIgnoreCase));

    public static ScriptedResponse TooManyRequests(string retryAfter) =>
        Json(429, """{"error":{"code":"TooManyRequests","message":"Rate limit exceeded."}}""", ("Retry-After", retryAfter));

    public static ScriptedResponse ServiceUnavailable() =>
        Json(503, """{"error":{"code":"ServiceUnavailable","message":"The service is temporarily unavailable."}}""");

    public static ScriptedResponse Stall(TimeSpan duration) => ServiceUnavailable() with { Fault = ScriptedFault.Stall, StallFor = duration };

    public static ScriptedResponse DropConnection() => new(0) { Fault = ScriptedFault.DropConnection };
}
