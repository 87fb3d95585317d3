using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Email;

/// <summary>Keeps every formatted log line, with its structured values, so tests can check what would reach the logs.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly Lock gate = new();
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (gate)
            {
                return [.. lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        lock (gate)
        {
            lines.Add($"{formatter(state, exception)} | {values} | {exception}");
        }
    }
}
