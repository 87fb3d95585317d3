namespace ClientReminders.AzureClients.Communication.Email;

public class EmailContent(string subject)
{
    public string Subject { get; } =
        string.IsNullOrWhiteSpace(subject) ? throw new ArgumentException("A subject is required.", nameof(subject))
        // Not in the SDK, which leaves it to the service: a line break in a header is never sent, whatever the subject was made from.
        : subject.AsSpan().ContainsAny('\r', '\n') ? throw new ArgumentException("A subject cannot hold a line break.", nameof(subject))
        : subject;

    public string? PlainText { get; set; }

    public string? Html { get; set; }
}
