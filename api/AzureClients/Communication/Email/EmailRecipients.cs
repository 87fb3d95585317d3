namespace ClientReminders.AzureClients.Communication.Email;

public class EmailRecipients(IEnumerable<EmailAddress>? to = null, IEnumerable<EmailAddress>? cc = null, IEnumerable<EmailAddress>? bcc = null)
{
    public IList<EmailAddress> To { get; } = [.. to ?? []];

    public IList<EmailAddress> CC { get; } = [.. cc ?? []];

    public IList<EmailAddress> BCC { get; } = [.. bcc ?? []];
}
