namespace ClientReminders.Answers;

/// <summary>
/// The one-tap answer page behind the link in a message: reading it never acts (mail scanners and link previews follow links),
/// answering records the client's word on the appointment as a text reply would, once. A link for an appointment that moved
/// or was cancelled since shows it as it is now; one for an appointment that has passed can no longer answer.
/// </summary>
public sealed class AnswerService(
    AnswerTokens tokens,
    AccountStore accounts,
    AppointmentService appointments,
    ClientStore clients,
    ClientDirectory directory,
    TemplateService templates,
    FieldCipher cipher,
    AppointmentResponder responder,
    ConversationService conversations,
    TableClients tables,
    TimeProvider time
)
{
    public const string InvalidLink = "This link is not valid. Use the link in your latest message, or contact the business.";
    public const string NotOpen = "This appointment can no longer be answered here. Contact the business if anything has changed.";

    public async Task<AnswerPage?> PageAsync(string? token, CancellationToken cancellationToken) =>
        await FindAsync(token, cancellationToken) is { } found ? await PageAsync(found, cancellationToken) : null;

    /// <summary>The page after the answer, or why it was refused; null when the link is not valid.</summary>
    public async Task<AnswerOutcome?> AnswerAsync(string? token, string? answer, CancellationToken cancellationToken)
    {
        if (Answers.ResponseFor(answer) is not { } response)
        {
            throw ValidationFailedException.For("answer", "Choose confirm, cancel or rearrange.");
        }
        if (await FindAsync(token, cancellationToken) is not { } found)
        {
            return null;
        }
        if (StatusOf(found.Appointment) != AnswerStatus.Scheduled)
        {
            return new AnswerOutcome.Closed(await PageAsync(found, cancellationToken));
        }
        if (await responder.RecordAsync(found.Account, found.Appointment, response, AnswerChannel.AnswerPage, cancellationToken))
        {
            await KeepAsReplyAsync(found, answer!, cancellationToken);
        }
        return new AnswerOutcome.Answered(await PageAsync(found, cancellationToken));
    }

    private sealed record Found(AccountEntity Account, AppointmentEntity Appointment, ClientEntity Client, AnswerKey Key);

    private async Task<Found?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (
            !tokens.TryRead(token, out var key)
            || await accounts.GetAsync(key.AccountId, cancellationToken) is not { Status: AccountStatus.Active } account
            || await appointments.FindAsync(account.Id, key.AppointmentId, cancellationToken) is not { } appointment
            || await clients.GetAsync(account.Id, appointment.ClientId, cancellationToken) is not { } client
            || client.Status == ClientStatus.Anonymised
        )
        {
            return null;
        }
        return new Found(account, appointment, client, key);
    }

    private string StatusOf(AppointmentEntity appointment) =>
        appointment.Status != AppointmentStatus.Scheduled ? AnswerStatus.Cancelled
        : time.GetUtcNow() >= EndOf(appointment) ? AnswerStatus.Passed
        : AnswerStatus.Scheduled;

    private static DateTimeOffset EndOf(AppointmentEntity appointment) =>
        ReminderTiming.ToInstant(DateTime.Parse(appointment.End, CultureInfo.InvariantCulture), TimeZoneInfo.FindSystemTimeZoneById(appointment.TimeZone));

    private async Task<AnswerPage> PageAsync(Found found, CancellationToken cancellationToken)
    {
        var (account, appointment) = (found.Account, found.Appointment);
        var name = (await directory.DecryptAsync(account.Id, found.Client, cancellationToken)).Name;
        var settings = await templates.GetSettingsAsync(account.Id, cancellationToken);
        var location = settings.IncludeLocation ? await cipher.ReadAsync(account.Id, appointment, nameof(AppointmentEntity.Location), cancellationToken) : null;
        return new AnswerPage(
            account.BusinessName,
            FirstNameOf(name),
            appointment.Start,
            appointment.End,
            appointment.TimeZone,
            string.IsNullOrWhiteSpace(location) ? null : location,
            StatusOf(appointment),
            Answers.AnswerFor(appointment.Response),
            appointment.Version != found.Key.AppointmentVersion
        );
    }

    private static string FirstNameOf(string name) => name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : "";

    /// <summary>The answer joins the client's replies, so the owner finds it where text replies are.</summary>
    private async Task KeepAsReplyAsync(Found found, string answer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rowKey = ReplyEntity.RowKeyFor(now, $"answer-{found.Appointment.Id}");
        var reply = new ReplyEntity
        {
            PartitionKey = found.Account.Id,
            RowKey = rowKey,
            ClientId = found.Client.Id,
            Kind = answer switch
            {
                Answers.Confirm => ReplyKind.Confirm,
                Answers.Cancel => ReplyKind.Cancel,
                _ => ReplyKind.Rearrange,
            },
            ReceivedAt = now,
            Handled = true,
        };
        var text = answer switch
        {
            Answers.Confirm => "Confirmed from the link in a reminder.",
            Answers.Cancel => "Asked to cancel from the link in a reminder.",
            _ => "Asked to rearrange from the link in a reminder.",
        };
        reply.Text = await cipher.EncryptAsync(found.Account.Id, InboundSms.TextContext(rowKey), text, cancellationToken);
        await (await tables.GetAsync(StorageTables.Replies, cancellationToken)).UpsertEntityAsync(reply, TableUpdateMode.Replace, cancellationToken);
        await conversations.RecordReplyAsync(found.Account.Id, reply, ConversationChannel.Link, text, cancellationToken);
    }
}

/// <summary>What answering did: recorded (or already so), or refused because the appointment no longer takes answers.</summary>
public abstract record AnswerOutcome(AnswerPage Page)
{
    public sealed record Answered(AnswerPage Page) : AnswerOutcome(Page);

    public sealed record Closed(AnswerPage Page) : AnswerOutcome(Page);
}
