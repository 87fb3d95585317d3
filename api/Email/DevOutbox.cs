namespace ClientReminders.Email;

public sealed record OutboxEntry(EmailMessage Message, DateTimeOffset SentAt);

/// <summary>Stands in for a mail service locally and in tests: keeps the last <see cref="Capacity"/> messages in memory.</summary>
public sealed class DevOutbox(TimeProvider time, ILogger<DevOutbox> logger) : IEmailSender
{
    public const int Capacity = 200;

    private readonly Lock gate = new();
    private readonly Queue<OutboxEntry> entries = new();

    /// <summary>The kept messages, oldest first.</summary>
    public IReadOnlyList<OutboxEntry> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. entries];
            }
        }
    }

    /// <summary>The newest message sent to <paramref name="address"/> (compared case-insensitively), if any.</summary>
    public OutboxEntry? LatestTo(string address) => Messages.LastOrDefault(e => string.Equals(e.Message.To, address, StringComparison.OrdinalIgnoreCase));

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var entry = new OutboxEntry(message, time.GetUtcNow());
        lock (gate)
        {
            // As ACS does with an operation id it has seen: the same email is not sent again.
            if (message.IdempotencyKey is { } key && entries.Any(e => e.Message.IdempotencyKey == key))
            {
                return Task.CompletedTask;
            }
            entries.Enqueue(entry);
            while (entries.Count > Capacity)
            {
                entries.Dequeue();
            }
        }
        // Addresses and bodies are personal data and hold sign-in links: only the subject is logged.
        logger.LogInformation("Email '{Subject}' queued in the dev outbox", message.Subject);
        return Task.CompletedTask;
    }
}
