namespace ClientReminders.Triggers;

/// <summary>The body the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger.</summary>
public sealed record InvocationRequest
{
    public Dictionary<string, JsonElement> Data { get; init; } = [];
    public Dictionary<string, JsonElement> Metadata { get; init; } = [];
}

/// <summary>What the handler answers; a non-2xx status tells the host the invocation failed.</summary>
public sealed record InvocationResponse
{
    public Dictionary<string, JsonElement> Outputs { get; init; } = [];
    public IReadOnlyList<string> Logs { get; init; } = [];
    public JsonElement? ReturnValue { get; init; }
}

public sealed record TimerSchedule
{
    public bool AdjustForDST { get; init; } = true;
}

public sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);

public sealed record TimerInfo
{
    public TimerSchedule Schedule { get; init; } = new();
    public TimerScheduleStatus? ScheduleStatus { get; init; }
    public bool IsPastDue { get; init; }
}

/// <summary>A queue message as the host hands it over: the body plus the metadata the handler may need.</summary>
public sealed record QueueInvocation(string MessageText, string Id, long DequeueCount, DateTimeOffset? InsertionTime);

public static class CustomHandlerJson
{
    public static JsonSerializerOptions Options { get; } =
        new() { PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
