namespace ClientReminders.AzureClients.Communication.Email;

public class EmailMessage(string senderAddress, EmailRecipients recipients, EmailContent content)
{
    public EmailMessage(string senderAddress, string recipientAddress, EmailContent content)
        : this(senderAddress, new EmailRecipients([new EmailAddress(recipientAddress)]), content)
    {
    }

    public string SenderAddress { get; } = string.IsNullOrWhiteSpace(senderAddress) ? throw new ArgumentException("A sender address is required.", nameof(senderAddress)) : senderAddress;

    public EmailRecipients Recipients { get; } = recipients ?? throw new ArgumentNullException(nameof(recipients));

    public EmailContent Content { get; } = content ?? throw new ArgumentNullException(nameof(content));
}
