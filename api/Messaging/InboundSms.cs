namespace ClientReminders.Messaging;

/// <summary>Who an inbound SMS is answering: an account, the client it texted, and the reminder it answers when known.</summary>
public sealed record ReplyRoute(string AccountId, string ClientId, string? ReminderId);

/// <summary>
/// Acts on an SMS a client sent: STOP / START / HELP for the whole account, yes / no for the appointment of the
/// reminder it answers, and keeps every reply for the owner. Replays of a handled message do nothing; numbers and
/// texts are never logged.
/// </summary>
public sealed class InboundSms(
    TableClients tables,
    ReplyRoutes routes,
    AccountStore accounts,
    ClientStore clients,
    ClientService clientService,
    AppointmentService appointments,
    ReminderStore store,
    AccountActivity activity,
    TemplateService templates,
    FieldCipher cipher,
    IMessageSender sender,
    AppointmentResponder responder,
    ConversationService conversations,
    OwnerAlerts alerts,
    ILogger<InboundSms> logger
)
{
    public const int MaxStoredText = 1600;

    /// <summary>An SMS from ACS: the number is routed to the account and client that texted it last.</summary>
    public async Task HandleAsync(
        string fromE164,
        string text,
        string providerMessageId,
        DateTimeOffset receivedAt,
        CancellationToken cancellationToken = default
    )
    {
        if (NormaliseFrom(fromE164) is not { } number)
        {
            logger.LogInformation("An inbound SMS from an unusable number was ignored");
            return;
        }
        var candidates = new List<(string AccountId, string ClientId)>();
        foreach (var route in await routes.FindAsync(number, cancellationToken))
        {
            // A route can outlive its client's number (a removal that failed, or a route from before routes were written
            // with the client): the client row's own lookup hash says whether it still has the number.
            if (
                await clients.GetAsync(route.AccountId, route.ClientId, cancellationToken) is { MobileHash: var current }
                && current == clients.MobileHash(route.AccountId, number)
                && await accounts.GetAsync(route.AccountId, cancellationToken) is { Status: AccountStatus.Active }
                && !candidates.Contains((route.AccountId, route.ClientId))
            )
            {
                candidates.Add((route.AccountId, route.ClientId));
            }
        }
        if (await RouteAsync(candidates, cancellationToken) is not { } chosen)
        {
            logger.LogInformation(
                candidates.Count == 0
                    ? "An inbound SMS from a number no client has was ignored"
                    : "An inbound SMS from a number clients of {Accounts} accounts share, none texted lately, was ignored",
                candidates.Select(c => c.AccountId).Distinct().Count()
            );
            return;
        }
        await HandleAsync(chosen, number, text, providerMessageId, receivedAt, cancellationToken);
    }

    /// <summary>
    /// The client among <paramref name="candidates"/> (all with the number the reply came from) who was texted last, and
    /// that text; with no text to any of them lately, the first candidate when they are all of one account.
    /// </summary>
    public async Task<ReplyRoute?> RouteAsync(IReadOnlyList<(string AccountId, string ClientId)> candidates, CancellationToken cancellationToken)
    {
        var sent = await Task.WhenAll(candidates.Select(c => store.LatestSmsToAsync(c.AccountId, c.ClientId, cancellationToken)));
        var latest = sent.OfType<ReminderEntity>().MaxBy(r => r.SentAt);
        if (latest is not null)
        {
            return new ReplyRoute(latest.AccountId, latest.ClientId, latest.Id);
        }
        return candidates.Select(c => c.AccountId).Distinct().Count() == 1 ? new ReplyRoute(candidates[0].AccountId, candidates[0].ClientId, null) : null;
    }

    /// <summary>Runs the reply handler for a route already known (the dev endpoint finds it in the owner's own account).</summary>
    public async Task HandleAsync(
        ReplyRoute route,
        string number,
        string text,
        string providerMessageId,
        DateTimeOffset receivedAt,
        CancellationToken cancellationToken = default
    )
    {
        if (await accounts.GetAsync(route.AccountId, cancellationToken) is not { Status: AccountStatus.Active } account)
        {
            logger.LogInformation("An inbound SMS for a closed account was ignored");
            return;
        }
        var kind = KindOf(text, (await templates.GetSettingsAsync(account.Id, cancellationToken)).Keywords);
        var rowKey = ReplyEntity.RowKeyFor(receivedAt, SafeId(providerMessageId));
        var table = await tables.GetAsync(StorageTables.Replies, cancellationToken);
        var reply = new ReplyEntity
        {
            PartitionKey = account.Id,
            RowKey = rowKey,
            ClientId = route.ClientId,
            ReminderId = route.ReminderId,
            Kind = kind,
            ReceivedAt = receivedAt,
        };
        var kept = Truncate(text);
        reply.Text = await cipher.EncryptAsync(account.Id, TextContext(rowKey), kept, cancellationToken);
        try
        {
            await table.AddEntityAsync(reply, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var stored = await table.GetEntityIfExistsAsync<ReplyEntity>(account.Id, rowKey, cancellationToken: cancellationToken);
            if (stored.HasValue && stored.Value!.Handled)
            {
                logger.LogInformation("Inbound SMS {ReplyId} was already handled", rowKey);
                return;
            }
        }

        await conversations.RecordReplyAsync(account.Id, reply, ConversationChannel.Sms, kept, cancellationToken);
        await ActAsync(account, route, number, kind, rowKey, providerMessageId, receivedAt, cancellationToken);

        await table.UpdateEntityAsync(
            new TableEntity(account.Id, rowKey) { [nameof(ReplyEntity.Handled)] = true },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken
        );
        activity.Changed(account.Id);
        logger.LogInformation("Inbound SMS {ReplyId} of kind {Kind} handled for account {AccountId}", rowKey, kind, account.Id);
    }

    public static CipherContext TextContext(string rowKey) => new(StorageTables.Replies.Name, rowKey, nameof(ReplyEntity.Text));

    private async Task ActAsync(
        AccountEntity account,
        ReplyRoute route,
        string number,
        string kind,
        string rowKey,
        string providerMessageId,
        DateTimeOffset receivedAt,
        CancellationToken cancellationToken
    )
    {
        switch (kind)
        {
            case ReplyKind.Stop:
                foreach (var client in await ClientsWithNumberAsync(account.Id, number, cancellationToken))
                {
                    if (client.Status is ClientStatus.Active or ClientStatus.Restricted)
                    {
                        await clientService.OptOutAsync(account, client.Id, cancellationToken);
                    }
                }
                await AnswerAsync(
                    account,
                    route,
                    number,
                    providerMessageId,
                    receivedAt,
                    $"You will no longer get messages from {account.BusinessName}. Reply START to receive them again.",
                    cancellationToken
                );
                await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.Stop, route.ClientId, rowKey, receivedAt), cancellationToken);
                break;
            case ReplyKind.Start:
                var optedIn = false;
                foreach (var client in await ClientsWithNumberAsync(account.Id, number, cancellationToken))
                {
                    if (client.Status == ClientStatus.OptedOut)
                    {
                        await clientService.OptInAsync(account, client.Id, cancellationToken);
                        optedIn = true;
                    }
                }
                if (optedIn)
                {
                    await AnswerAsync(
                        account,
                        route,
                        number,
                        providerMessageId,
                        receivedAt,
                        $"You will get messages from {account.BusinessName} again. Reply STOP to stop messages.",
                        cancellationToken
                    );
                }
                break;
            case ReplyKind.Help:
                await AnswerAsync(
                    account,
                    route,
                    number,
                    providerMessageId,
                    receivedAt,
                    $"{account.BusinessName}: appointment reminders. Reply STOP to stop messages.",
                    cancellationToken
                );
                break;
            case ReplyKind.Confirm or ReplyKind.Cancel:
                if (!await RespondToAppointmentAsync(account, route, kind, cancellationToken))
                {
                    // A yes or no that answers no reminder we know of: the owner should read it.
                    await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.FreeText, route.ClientId, rowKey, receivedAt), cancellationToken);
                }
                break;
            default:
                // Words of their own: the owner should read them and answer.
                await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.FreeText, route.ClientId, rowKey, receivedAt), cancellationToken);
                break;
        }
    }

    /// <summary>False when the reply answers no appointment we know of.</summary>
    private async Task<bool> RespondToAppointmentAsync(AccountEntity account, ReplyRoute route, string kind, CancellationToken cancellationToken)
    {
        if (route.ReminderId is not { } reminderId)
        {
            return false;
        }
        if (
            await store.ReminderAsync(account.Id, reminderId, cancellationToken) is not { } reminder
            || await appointments.FindAsync(account.Id, reminder.AppointmentId, cancellationToken) is not { } appointment
        )
        {
            logger.LogInformation("Inbound SMS answers a reminder whose appointment is gone");
            return false;
        }
        var response = kind == ReplyKind.Confirm ? AppointmentResponses.Confirmed : AppointmentResponses.CancellationRequested;
        await responder.RecordAsync(account, appointment, response, AnswerChannel.TextReply, cancellationToken);
        return true;
    }

    private async Task AnswerAsync(
        AccountEntity account,
        ReplyRoute route,
        string number,
        string providerMessageId,
        DateTimeOffset receivedAt,
        string text,
        CancellationToken cancellationToken
    )
    {
        var key = $"reply:{providerMessageId}";
        var outcome = await sender.SendAsync(
            new OutgoingMessage(account.Id, key, key, receivedAt, ReminderChannel.Sms, number, null, text, null),
            cancellationToken
        );
        if (outcome is Refused)
        {
            logger.LogWarning("The answer to inbound SMS was refused by the provider");
            return;
        }
        // Just after the message it answers, so the conversation shows them in that order.
        await conversations.RecordAutoReplyAsync(account.Id, route.ClientId, SafeId(providerMessageId), receivedAt.AddMilliseconds(1), text, cancellationToken);
    }

    private async Task<List<ClientEntity>> ClientsWithNumberAsync(string accountId, string number, CancellationToken cancellationToken)
    {
        var found = new List<ClientEntity>();
        foreach (var id in await clients.FindAsync(accountId, ClientLookupEntity.MobilePrefix(clients.MobileHash(accountId, number)), cancellationToken))
        {
            if (await clients.GetAsync(accountId, id, cancellationToken) is { } client)
            {
                found.Add(client);
            }
        }
        return found;
    }

    /// <summary>Keywords compared without case or whitespace, so "stop", " Stop " and "STOP ALL" all count.</summary>
    /// <remarks>STOP, START and HELP are fixed; the confirm and cancel words are the account's own.</remarks>
    public static string KindOf(string? text, ReplyKeywords? keywords = null)
    {
        var word = ReplyKeywords.Normalize(text);
        keywords ??= ReplyKeywords.Default;
        return word switch
        {
            "STOP" or "STOPALL" or "UNSUBSCRIBE" or "CANCEL" or "END" or "QUIT" => ReplyKind.Stop,
            "START" or "UNSTOP" => ReplyKind.Start,
            "HELP" => ReplyKind.Help,
            _ when keywords.Confirms(word) => ReplyKind.Confirm,
            _ when keywords.Cancels(word) => ReplyKind.Cancel,
            _ => ReplyKind.Other,
        };
    }

    /// <summary>ACS sends numbers without the leading +; anything that is not a plausible E.164 number gives null.</summary>
    public static string? NormaliseFrom(string? from) => MobileNumbers.InternationalE164(from);

    public static string Truncate(string? text)
    {
        var value = text ?? "";
        if (value.Length <= MaxStoredText)
        {
            return value;
        }
        var cut = char.IsHighSurrogate(value[MaxStoredText - 1]) ? MaxStoredText - 1 : MaxStoredText;
        return value[..cut];
    }

    /// <summary>Provider ids go into row keys: anything unusual there is replaced by its hash.</summary>
    private static string SafeId(string providerMessageId) =>
        providerMessageId.Length is > 0 and <= 128 && providerMessageId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? providerMessageId
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(providerMessageId)));
}
