namespace ClientReminders.AzureClients.Communication.Email;

internal sealed record EmailSendRequest(
    IReadOnlyDictionary<string, string>? Headers,
    string SenderAddress,
    EmailSendRequestContent Content,
    EmailSendRequestRecipients Recipients
)
{
    public static EmailSendRequest From(EmailMessage message)
    {
        var recipients = message.Recipients;
        if (recipients.To.Count + recipients.CC.Count + recipients.BCC.Count == 0)
        {
            throw new ArgumentException("An email needs at least one recipient.", nameof(message));
        }

        return new(
            message.Headers.Count == 0 ? null : new Dictionary<string, string>(message.Headers),
            message.SenderAddress,
            new(message.Content.Subject, message.Content.PlainText, message.Content.Html),
            new(Addresses(recipients.To) ?? [], Addresses(recipients.CC), Addresses(recipients.BCC))
        );
    }

    private static IReadOnlyList<EmailSendRequestAddress>? Addresses(IList<EmailAddress> addresses) =>
        addresses.Count == 0 ? null : [.. addresses.Select(address => new EmailSendRequestAddress(address.Address, address.DisplayName))];
}

internal sealed record EmailSendRequestContent(string Subject, string? PlainText, string? Html);

internal sealed record EmailSendRequestRecipients(
    IReadOnlyList<EmailSendRequestAddress> To,
    IReadOnlyList<EmailSendRequestAddress>? Cc,
    IReadOnlyList<EmailSendRequestAddress>? Bcc
);

internal sealed record EmailSendRequestAddress(string Address, string? DisplayName);

internal sealed record EmailOperationStatus(string? Id, string Status, EmailOperationError? Error);

internal sealed record EmailOperationError(string? Code, string? Message);
