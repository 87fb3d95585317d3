using ClientReminders.Tests.Communication;

namespace ClientReminders.Tests.Faults;

/// <summary>A message the fake ACS accepted: the client got it.</summary>
public sealed record AcceptedMessage(string Key, string ReminderId, string To, string MessageId);

/// <summary>
/// Plays ACS behind <see cref="FakeAcsServer"/> (its wire format and signature check): accepts each message once per SMS
/// repeatability id or email operation id and answers a repeat with the first answer, as ACS does, and injects the faults
/// the schedule gives the n-th request of each message. It records every message it accepted.
/// </summary>
public sealed class FaultyAcs
{
    private readonly FakeAcsServer server;
    private readonly FaultSchedule schedule;
    private readonly ConcurrentDictionary<string, int> reminderIndexes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> reminderByOperationId = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> attemptsByKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, AcceptedMessage> acceptedByKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<AcceptedMessage> accepted = new();
    private readonly ConcurrentQueue<string> unknownMessages = new();
    private readonly ConcurrentDictionary<AcsFault, int> injected = new();
    private int repeatsAnswered;

    public FaultyAcs(FakeAcsServer server, FaultSchedule schedule)
    {
        this.server = server;
        this.schedule = schedule;
        server.Responder = Respond;
    }

    public static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(1.5);

    /// <summary>Every message accepted, in order; a reminder with two of them reached its client twice.</summary>
    public IReadOnlyList<AcceptedMessage> Accepted => [.. accepted];

    /// <summary>Messages for no reminder of the run (an email operation id no reminder version gives).</summary>
    public IReadOnlyList<string> UnknownMessages => [.. unknownMessages];

    public int RepeatsAnswered => repeatsAnswered;

    public int Injected(AcsFault fault) => injected.GetValueOrDefault(fault);

    public void Expect(string reminderId, int version, int index)
    {
        reminderIndexes[reminderId] = index;
        reminderByOperationId[AcsMessageSender.GuidFrom($"{reminderId}:{version}").ToString()] = reminderId;
    }

    private ScriptedResponse Respond(ReceivedRequest request)
    {
        if (!request.Authenticated || request.Method != "POST" || request.Path is not ("/sms" or "/emails:send"))
        {
            return ScriptedResponse.Json(400, """{"error":{"code":"BadRequest","message":"This fake ACS only sends messages."}}""");
        }
        var sms = request.Path == "/sms";
        var body = request.Json;
        var (key, reminderId, to) = sms ? SmsMessage(body) : EmailMessage(request, body);
        if (reminderId is null || !reminderIndexes.TryGetValue(reminderId, out var index))
        {
            unknownMessages.Enqueue(key);
            return ScriptedResponse.Json(400, """{"error":{"code":"BadRequest","message":"Not a message of this run."}}""");
        }
        var attempt = attemptsByKey.AddOrUpdate(key, 0, (_, count) => count + 1);
        var fault = schedule.AcsFaultFor(index, attempt);
        if (fault != AcsFault.None)
        {
            injected.AddOrUpdate(fault, 1, (_, count) => count + 1);
        }
        switch (fault)
        {
            case AcsFault.TooManyRequests:
                return ScriptedResponse.TooManyRequests("1");
            case AcsFault.ServerError:
                return ScriptedResponse.Json(500, """{"error":{"code":"InternalServerError","message":"An internal error occurred."}}""");
            case AcsFault.Unavailable:
                return ScriptedResponse.ServiceUnavailable();
        }
        var fresh = new AcceptedMessage(key, reminderId, to, sms ? $"Outgoing_{Guid.NewGuid():N}_fake" : key);
        if (acceptedByKey.TryAdd(key, fresh))
        {
            accepted.Enqueue(fresh);
        }
        else
        {
            Interlocked.Increment(ref repeatsAnswered);
        }
        var message = acceptedByKey[key];
        var answer = sms ? SmsAnswer(message) : EmailAnswer(message);
        return fault switch
        {
            AcsFault.Slow => answer with { Fault = ScriptedFault.Stall, StallFor = SlowAnswer },
            AcsFault.DropAfterAccepting => ScriptedResponse.DropConnection(),
            _ => answer,
        };
    }

    private static (string Key, string? ReminderId, string To) SmsMessage(JsonElement body)
    {
        var recipient = body.GetProperty("smsRecipients")[0];
        var tag = body.TryGetProperty("smsSendOptions", out var options) && options.TryGetProperty("tag", out var t) ? t.GetString() : null;
        return (recipient.GetProperty("repeatabilityRequestId").GetString() ?? "", tag?.Split('/').Last(), recipient.GetProperty("to").GetString() ?? "");
    }

    private (string Key, string? ReminderId, string To) EmailMessage(ReceivedRequest request, JsonElement body)
    {
        var key = request.Header("Operation-Id") ?? "";
        var to = body.GetProperty("recipients").GetProperty("to")[0].GetProperty("address").GetString() ?? "";
        return (key, reminderByOperationId.GetValueOrDefault(key), to);
    }

    private static ScriptedResponse SmsAnswer(AcceptedMessage message) =>
        ScriptedResponse.Json(
            202,
            JsonSerializer.Serialize(
                new
                {
                    value = new[]
                    {
                        new
                        {
                            to = message.To,
                            messageId = message.MessageId,
                            httpStatusCode = 202,
                            repeatabilityResult = "accepted",
                            successful = true,
                        },
                    },
                }
            )
        );

    private ScriptedResponse EmailAnswer(AcceptedMessage message) =>
        ScriptedResponse.Json(
            202,
            JsonSerializer.Serialize(
                new
                {
                    id = message.Key,
                    status = "Running",
                    error = (object?)null,
                }
            ),
            ("Operation-Location", $"{server.Endpoint}emails/operations/{message.Key}?api-version=2023-03-31")
        );
}
