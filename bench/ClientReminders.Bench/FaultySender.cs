using System.Collections.Concurrent;
using ClientReminders.Reminders;

namespace ClientReminders.Bench;

public sealed class SimulatedCrashException(string message) : Exception(message);

/// <summary>
/// The local outbox with faults injected at random: half of them a provider error before anything is handed over (the
/// sender releases its claim and the queue retries), half a crash just after the hand-over (the claim stays until its lease).
/// It records what a provider would see: every attempt and every hand-over, by reminder and idempotency key.
/// </summary>
public sealed class FaultySender(LocalReminderOutbox outbox, FaultSettings settings) : IMessageSender
{
    private readonly ConcurrentDictionary<string, ReminderTrace> _traces = new(StringComparer.Ordinal);
    private long _providerErrors;
    private long _crashes;

    public IReadOnlyDictionary<string, ReminderTrace> Traces => _traces;

    public long ProviderErrors => Interlocked.Read(ref _providerErrors);

    public long Crashes => Interlocked.Read(ref _crashes);

    public int Delivered => _traces.Values.Count(t => t.FirstHandOver is not null);

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var trace = _traces.GetOrAdd(message.ReminderId, _ => new ReminderTrace());
        Interlocked.Increment(ref trace.Attempts);
        var roll = Random.Shared.NextDouble();
        if (roll < settings.FaultRate / 2)
        {
            Interlocked.Increment(ref _providerErrors);
            throw new HttpRequestException("Injected fault: the message service could not be reached.");
        }
        var outcome = await outbox.SendAsync(message, cancellationToken);
        trace.HandOver(message.IdempotencyKey, DateTimeOffset.UtcNow);
        if (roll < settings.FaultRate)
        {
            Interlocked.Increment(ref _crashes);
            Interlocked.Increment(ref trace.Crashes);
            throw new SimulatedCrashException("Injected fault: the process stopped after the message was handed over.");
        }
        return outcome;
    }
}

public sealed record FaultSettings(double FaultRate);

public sealed class ReminderTrace
{
    public int Attempts;
    public int Crashes;
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private int _handOvers;

    public DateTimeOffset? FirstHandOver { get; private set; }

    /// <summary>Hand-overs under a key the provider had not seen: more than one is a message the client got twice.</summary>
    public int DistinctKeys { get { lock (_keys) { return _keys.Count; } } }

    /// <summary>Hand-overs repeating a key already seen: the provider drops them (ACS repeatability, the outbox's key).</summary>
    public int RepeatedHandOvers { get { lock (_keys) { return _handOvers - _keys.Count; } } }

    public void HandOver(string key, DateTimeOffset at)
    {
        lock (_keys)
        {
            _handOvers++;
            _keys.Add(key);
            FirstHandOver ??= at;
        }
    }
}
