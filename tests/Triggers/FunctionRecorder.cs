namespace ClientReminders.Tests.Triggers;

/// <summary>The body of the test-only functions: records what the host handed over and fails when told to.</summary>
public sealed class FunctionRecorder
{
    public ConcurrentQueue<QueueInvocation> Messages { get; } = new();

    public ConcurrentQueue<TimerInfo> Timers { get; } = new();

    public bool Fail { get; init; }

    /// <summary>Messages containing this text are held until <see cref="Release"/> completes.</summary>
    public string? Hold { get; init; }

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<string> RecordAsync(QueueInvocation message)
    {
        Messages.Enqueue(message);
        if (Hold is { } held && message.MessageText.Contains(held, StringComparison.Ordinal))
        {
            await Release.Task;
        }
        return Fail ? throw new InvalidOperationException("Told to fail.") : $"recorded {message.Id}";
    }

    public Task<string> RecordAsync(TimerInfo timer)
    {
        Timers.Enqueue(timer);
        return Task.FromResult("recorded timer");
    }

    public static void MapTestQueue(WebApplication app) =>
        app.MapQueueTrigger<FunctionRecorder>("TestQueue", (recorder, message, _) => recorder.RecordAsync(message));

    public static void MapTestTimer(WebApplication app) =>
        app.MapTimerTrigger<FunctionRecorder>("TestTimer", (recorder, timer, _) => recorder.RecordAsync(timer));
}
