namespace ClientReminders.Triggers;

/// <summary>The queue settings of host.json that the local trigger driver honours as the Functions host would.</summary>
public sealed record QueueHostSettings
{
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;
    public int BatchSize { get; init; } = 16;
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>The host fetches a new batch once no more messages than this are in hand (half the batch size unless set).</summary>
    public int? NewBatchThreshold { get; init; }

    public int InHandThreshold => NewBatchThreshold ?? BatchSize / 2;
}

public sealed record HostSettings(QueueHostSettings Queues, TimeSpan FunctionTimeout, IReadOnlyList<string>? Functions = null)
{
    /// <summary>
    /// How long the local driver keeps a received message hidden: longer than any invocation can run, so a message in hand is
    /// never delivered twice, and back soon after when the process holding it died (twice the timeout, at most a minute more).
    /// </summary>
    public TimeSpan ReceiveLease => FunctionTimeout + (FunctionTimeout < TimeSpan.FromMinutes(1) ? FunctionTimeout : TimeSpan.FromMinutes(1));

    /// <summary>Whether the host runs this function: host.json's "functions" list, when present, names the only ones it loads.</summary>
    public bool Runs(string functionName) => Functions is null || Functions.Contains(functionName, StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads host.json, then applies app-setting overrides such as <c>AzureFunctionsJobHost__extensions__queues__visibilityTimeout</c>, as the host does.</summary>
    public static HostSettings Load(string hostJsonPath, IConfiguration configuration)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var queues = new QueueHostSettings();
        if (root.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("queues", out var q))
        {
            queues = new QueueHostSettings
            {
                MaxPollingInterval = TimeSpanOr(q, "maxPollingInterval", queues.MaxPollingInterval),
                VisibilityTimeout = TimeSpanOr(q, "visibilityTimeout", queues.VisibilityTimeout),
                BatchSize = q.TryGetProperty("batchSize", out var batch) ? batch.GetInt32() : queues.BatchSize,
                MaxDequeueCount = q.TryGetProperty("maxDequeueCount", out var max) ? max.GetInt32() : queues.MaxDequeueCount,
                NewBatchThreshold = q.TryGetProperty("newBatchThreshold", out var threshold) ? threshold.GetInt32() : null,
            };
        }
        var overrides = configuration.GetSection("AzureFunctionsJobHost");
        var queueOverrides = overrides.GetSection("extensions:queues");
        queues = queues with
        {
            MaxPollingInterval = queueOverrides.GetValue("maxPollingInterval", queues.MaxPollingInterval),
            VisibilityTimeout = queueOverrides.GetValue("visibilityTimeout", queues.VisibilityTimeout),
            BatchSize = queueOverrides.GetValue("batchSize", queues.BatchSize),
            MaxDequeueCount = queueOverrides.GetValue("maxDequeueCount", queues.MaxDequeueCount),
            NewBatchThreshold = queueOverrides.GetValue("newBatchThreshold", queues.NewBatchThreshold),
        };
        var functionTimeout = overrides.GetValue("functionTimeout", TimeSpanOr(root, "functionTimeout", TimeSpan.FromMinutes(5)));
        var functions = overrides.GetSection("functions").Get<string[]>()
            ?? (root.TryGetProperty("functions", out var list) ? list.EnumerateArray().Select(f => f.GetString() ?? "").ToArray() : null);
        return new HostSettings(queues, functionTimeout, functions);
    }

    private static TimeSpan TimeSpanOr(JsonElement element, string property, TimeSpan fallback) =>
        element.TryGetProperty(property, out var value) && value.GetString() is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
