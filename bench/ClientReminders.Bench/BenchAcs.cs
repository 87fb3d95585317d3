using System.Collections.Concurrent;
using System.Text.Json;
using ClientReminders.Reminders;
using ClientReminders.Tests.Communication;

namespace ClientReminders.Bench;

/// <summary>What the benchmark's ACS does to one request, or the app to one send.</summary>
public enum BenchFault
{
    TooManyRequests,
    ServerError,
    Unavailable,
    Slow,

    /// <summary>ACS accepts the message, then the connection drops before the answer.</summary>
    DropAfterAccepting,

    /// <summary>The process stops just after ACS accepted the message, before the reminder is recorded sent.</summary>
    CrashAfterHandOver,
}

/// <summary>
/// ACS for a benchmark run, behind the tests' <see cref="FakeAcsServer"/> (its wire format and HMAC check): accepts each
/// SMS once per repeatability id and answers a repeat with the first answer, as ACS does, and injects faults at random.
/// It records what the provider saw, by reminder: every attempt and every message accepted.
/// </summary>
public sealed class BenchAcs
{
    public static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(1.5);

    private static readonly BenchFault[] ServiceFaults =
    [
        BenchFault.TooManyRequests,
        BenchFault.ServerError,
        BenchFault.Unavailable,
        BenchFault.Slow,
        BenchFault.DropAfterAccepting,
    ];
    private readonly ConcurrentDictionary<string, ReminderTrace> _traces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _messageIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<BenchFault, int> _injected = new();
    private readonly Random _random;
    private readonly double _faultRate;

    private BenchAcs(FakeAcsServer server, double faultRate, int seed)
    {
        Server = server;
        _faultRate = faultRate;
        _random = new Random(seed);
        server.Responder = Respond;
    }

    public FakeAcsServer Server { get; }

    public IReadOnlyDictionary<string, ReminderTrace> Traces => _traces;

    public int Delivered => _traces.Values.Count(t => t.FirstHandOver is not null);

    public IReadOnlyDictionary<BenchFault, int> Injected => _injected;

    /// <summary>Every fault kind is equally likely: the fault rate is shared by the five of the service and the app's crash.</summary>
    public double ChanceOfEach => _faultRate / (ServiceFaults.Length + 1);

    public static async Task<BenchAcs> StartAsync(double faultRate, int seed) => new(await FakeAcsServer.StartAsync(), faultRate, seed);

    /// <summary>The roll for one request or send: a fault with probability <see cref="ChanceOfEach"/> per kind.</summary>
    private BenchFault? Roll(IReadOnlyList<BenchFault> kinds)
    {
        double roll;
        lock (_random)
        {
            roll = _random.NextDouble();
        }
        var index = (int)(roll / ChanceOfEach);
        return index < kinds.Count ? kinds[index] : null;
    }

    public bool RollCrash(string reminderId)
    {
        if (Roll([BenchFault.CrashAfterHandOver]) is null)
        {
            return false;
        }
        Count(BenchFault.CrashAfterHandOver);
        Interlocked.Increment(ref _traces.GetOrAdd(reminderId, _ => new ReminderTrace()).Faults);
        return true;
    }

    private void Count(BenchFault fault) => _injected.AddOrUpdate(fault, 1, (_, n) => n + 1);

    private ScriptedResponse Respond(ReceivedRequest request)
    {
        if (!request.Authenticated || request.Method != "POST" || request.Path != "/sms")
        {
            return ScriptedResponse.Json(400, """{"error":{"code":"BadRequest","message":"The benchmark's ACS only sends SMS."}}""");
        }
        var recipient = request.Json.GetProperty("smsRecipients")[0];
        var key = recipient.GetProperty("repeatabilityRequestId").GetString() ?? "";
        var to = recipient.GetProperty("to").GetString() ?? "";
        var tag = request.Json.GetProperty("smsSendOptions").GetProperty("tag").GetString() ?? "";
        var trace = _traces.GetOrAdd(tag.Split('/').Last(), _ => new ReminderTrace());
        Interlocked.Increment(ref trace.Attempts);
        var fault = Roll(ServiceFaults);
        if (fault is { } injected)
        {
            Count(injected);
            Interlocked.Increment(ref trace.Faults);
        }
        switch (fault)
        {
            case BenchFault.TooManyRequests:
                return ScriptedResponse.TooManyRequests("1");
            case BenchFault.ServerError:
                return ScriptedResponse.Json(500, """{"error":{"code":"InternalServerError","message":"An internal error occurred."}}""");
            case BenchFault.Unavailable:
                return ScriptedResponse.ServiceUnavailable();
        }
        trace.HandOver(key, DateTimeOffset.UtcNow);
        var messageId = _messageIds.GetOrAdd(key, _ => $"Outgoing_{Guid.NewGuid():N}_bench");
        var answer = ScriptedResponse.Json(
            202,
            JsonSerializer.Serialize(
                new
                {
                    value = new[]
                    {
                        new
                        {
                            to,
                            messageId,
                            httpStatusCode = 202,
                            repeatabilityResult = "accepted",
                            successful = true,
                        },
                    },
                }
            )
        );
        return fault switch
        {
            BenchFault.Slow => answer with { Fault = ScriptedFault.Stall, StallFor = SlowAnswer },
            BenchFault.DropAfterAccepting => ScriptedResponse.DropConnection(),
            _ => answer,
        };
    }
}

public sealed class SimulatedCrashException(string message) : Exception(message);

/// <summary>The app's ACS sender, stopping now and then just after ACS accepted a message (the claim stays until its lease).</summary>
public sealed class CrashAfterHandOver(AcsMessageSender inner, BenchAcs acs) : IMessageSender
{
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var outcome = await inner.SendAsync(message, cancellationToken);
        if (outcome is Delivered && acs.RollCrash(message.ReminderId))
        {
            throw new SimulatedCrashException("Injected fault: the process stopped after the message was handed over.");
        }
        return outcome;
    }
}

public sealed class ReminderTrace
{
    public int Attempts;

    /// <summary>Faults injected into this reminder's sends, by the service or the app.</summary>
    public int Faults;

    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private int _handOvers;

    public DateTimeOffset? FirstHandOver { get; private set; }

    /// <summary>Hand-overs under a key the provider had not seen: more than one is a message the client got twice.</summary>
    public int DistinctKeys
    {
        get
        {
            lock (_keys)
            {
                return _keys.Count;
            }
        }
    }

    /// <summary>Hand-overs repeating a key already seen: ACS drops them (its repeatability id).</summary>
    public int RepeatedHandOvers
    {
        get
        {
            lock (_keys)
            {
                return _handOvers - _keys.Count;
            }
        }
    }

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
