using ClientReminders.AzureClients.Communication.Email;
using ClientReminders.AzureClients.Communication.Sms;
using EmailMessage = ClientReminders.AzureClients.Communication.Email.EmailMessage;

namespace ClientReminders.Reminders;

/// <summary>
/// Sends reminders through Azure Communication Services. The reminder's idempotency key becomes the SMS
/// repeatability id and the email operation id, so ACS itself drops a resend of the same reminder.
/// </summary>
public sealed class AcsMessageSender(SmsClient sms, EmailClient email, IOptions<AcsOptions> options) : IMessageSender
{
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var key = GuidFrom(message.IdempotencyKey);
        try
        {
            return message.Channel == ReminderChannel.Sms
                ? await SendSmsAsync(message, key, cancellationToken)
                : await SendEmailAsync(message, key, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is >= 400 and < 500 and not (408 or 429))
        {
            return new Refused($"The message service refused it: {ex.Message}");
        }
    }

    private async Task<SendOutcome> SendSmsAsync(OutgoingMessage message, Guid key, CancellationToken cancellationToken)
    {
        var sendOptions = new SmsSendOptions(enableDeliveryReport: true)
        {
            Tag = $"{message.AccountId}/{message.ReminderId}",
            RepeatabilityRequestId = key,
            RepeatabilityFirstSent = FirstSent(message),
        };
        var result = (await sms.SendAsync(options.Value.SmsFrom, message.To, message.Text, sendOptions, cancellationToken)).Value;
        if (result.Successful)
        {
            return new Delivered(result.MessageId ?? "", SmsEncoding.Analyze(message.Text).Segments);
        }
        return result.HttpStatusCode is >= 400 and < 500 and not (408 or 429)
            ? new Refused(result.ErrorMessage ?? "The message service refused the number.")
            : throw new RequestFailedException(result.HttpStatusCode, result.ErrorMessage ?? "The message service could not send the SMS now.");
    }

    private async Task<SendOutcome> SendEmailAsync(OutgoingMessage message, Guid key, CancellationToken cancellationToken)
    {
        var content = new EmailContent(message.Subject ?? "Appointment reminder") { PlainText = message.Text, Html = message.Html };
        var mail = new EmailMessage(options.Value.EmailFrom, message.To, content);
        foreach (var (name, value) in message.Headers ?? new Dictionary<string, string>())
        {
            mail.Headers[name] = value;
        }
        var operation = await email.SendAsync(WaitUntil.Started, mail, new EmailSendOptions(key), cancellationToken);
        return new Delivered(operation.Id, null);
    }

    // ACS wants the time of the first attempt; the due time is fixed for a reminder version, so every attempt agrees.
    private static DateTimeOffset FirstSent(OutgoingMessage message) => message.DueAt;

    public static Guid GuidFrom(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
}
