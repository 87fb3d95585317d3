namespace ClientReminders.Reminders;

/// <summary>One message to one recipient. The idempotency key is the same for every attempt of one reminder version.</summary>
public sealed record OutgoingMessage(
    string AccountId,
    string ReminderId,
    string IdempotencyKey,
    DateTimeOffset DueAt,
    ReminderChannel Channel,
    string To,
    string? Subject,
    string Text,
    string? Html,
    IReadOnlyDictionary<string, string>? Headers = null
);

public abstract record SendOutcome;

public sealed record Delivered(string ProviderMessageId, int? Segments) : SendOutcome;

/// <summary>The provider refused this message for good (invalid number, blocked recipient): retrying cannot help.</summary>
public sealed record Refused(string Reason) : SendOutcome;

/// <summary>Sends reminders by SMS or email. Transient failures throw, so the queue tries again later.</summary>
public interface IMessageSender
{
    Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

public sealed record OutboxMessage(
    string ReminderId,
    ReminderChannel Channel,
    string To,
    string? Subject,
    string Body,
    DateTimeOffset SentAt,
    string? Html = null,
    IReadOnlyDictionary<string, string>? Headers = null
);

/// <summary>
/// Where reminders go when no Azure Communication Services resource is configured (the local default): kept in
/// memory, shown to the owner as "sent locally — not delivered". Like the real providers it honours the
/// idempotency key, so a resent reminder appears once.
/// </summary>
public sealed class LocalReminderOutbox(TimeProvider time) : IMessageSender
{
    private const int Capacity = 5000;
    private readonly ConcurrentDictionary<string, (string AccountId, OutboxMessage Message)> _sent = new(StringComparer.Ordinal);

    public Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        _sent.GetOrAdd(message.IdempotencyKey, _ =>
            (
                message.AccountId,
                new OutboxMessage(
                    message.ReminderId,
                    message.Channel,
                    message.To,
                    message.Subject,
                    message.Text,
                    time.GetUtcNow(),
                    message.Html,
                    message.Headers
                )
            )
        );
        if (_sent.Count > Capacity)
        {
            foreach (var oldest in _sent.OrderBy(e => e.Value.Message.SentAt).Take(_sent.Count - Capacity))
            {
                _sent.TryRemove(oldest.Key, out _);
            }
        }
        var segments = message.Channel == ReminderChannel.Sms ? SmsEncoding.Analyze(message.Text).Segments : (int?)null;
        return Task.FromResult<SendOutcome>(new Delivered("local-" + message.IdempotencyKey, segments));
    }

    public IReadOnlyList<OutboxMessage> For(string accountId) =>
        _sent.Values.Where(e => e.AccountId == accountId).Select(e => e.Message).OrderBy(m => m.SentAt).ToList();
}
