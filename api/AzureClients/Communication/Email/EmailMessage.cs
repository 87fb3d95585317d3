namespace ClientReminders.AzureClients.Communication.Email;

public class EmailMessage(string senderAddress, EmailRecipients recipients, EmailContent content)
{
    public EmailMessage(string senderAddress, string recipientAddress, EmailContent content)
        : this(senderAddress, new EmailRecipients([new EmailAddress(recipientAddress)]), content) { }

    public string SenderAddress { get; } =
        string.IsNullOrWhiteSpace(senderAddress) ? throw new ArgumentException("A sender address is required.", nameof(senderAddress)) : senderAddress;

    public EmailRecipients Recipients { get; } = recipients ?? throw new ArgumentNullException(nameof(recipients));

    public EmailContent Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    /// <summary>Custom headers (e.g. List-Unsubscribe), sent as the request's <c>headers</c> object; none are sent when empty.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
