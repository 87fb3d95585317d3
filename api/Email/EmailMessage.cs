namespace ClientReminders.Email;

/// <summary>One of the app's own emails to an owner; an address or subject with a line break is refused, whatever it was made from.</summary>
public sealed record EmailMessage
{
    public EmailMessage(string to, string subject, string text, string html)
    {
        To = to.AsSpan().ContainsAny('\r', '\n') ? throw new ArgumentException("An address cannot hold a line break.", nameof(to)) : to;
        Subject = subject.AsSpan().ContainsAny('\r', '\n') ? throw new ArgumentException("A subject cannot hold a line break.", nameof(subject)) : subject;
        Text = text;
        Html = html;
    }

    public string To { get; init; }

    public string Subject { get; init; }

    public string Text { get; init; }

    public string Html { get; init; }

    /// <summary>Set for an email that a retry must not send twice: the same key, the same email (ACS's operation id).</summary>
    public string? IdempotencyKey { get; init; }
}

public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
