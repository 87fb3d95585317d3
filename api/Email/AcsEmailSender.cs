using AcsEmailClient = ClientReminders.AzureClients.Communication.Email.EmailClient;
using AcsEmailContent = ClientReminders.AzureClients.Communication.Email.EmailContent;
using AcsEmailMessage = ClientReminders.AzureClients.Communication.Email.EmailMessage;
using EmailSendOptions = ClientReminders.AzureClients.Communication.Email.EmailSendOptions;

namespace ClientReminders.Email;

/// <summary>
/// The app's own emails to owners (sign-up, reset, notices, support) through Azure Communication Services, from
/// <c>Acs:EmailFrom</c>. ACS accepting the message is enough: delivery is not awaited, so a request never waits on it.
/// </summary>
public sealed class AcsEmailSender(AcsEmailClient client, IOptions<AcsOptions> options, ILogger<AcsEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var content = new AcsEmailContent(message.Subject) { PlainText = message.Text, Html = message.Html };
        var mail = new AcsEmailMessage(options.Value.EmailFrom, message.To, content);
        var operation = message.IdempotencyKey is { } key
            ? await client.SendAsync(WaitUntil.Started, mail, new EmailSendOptions(AcsMessageSender.GuidFrom(key)), cancellationToken)
            : await client.SendAsync(WaitUntil.Started, mail, cancellationToken);
        // Addresses and bodies are personal data and hold sign-in links: only the subject and ACS's operation id are logged.
        logger.LogInformation("Email '{Subject}' accepted by Communication Services as operation {OperationId}", message.Subject, operation.Id);
    }
}
