namespace ClientReminders.Alerts;

/// <summary>An event the owner may want to hear about; <paramref name="EventKey"/> is fixed by the event, so a replay raises nothing more.</summary>
public sealed record OwnerAlert(
    AlertKind Kind,
    string ClientId,
    string EventKey,
    DateTimeOffset At,
    string? AppointmentId = null,
    string? AppointmentStart = null,
    string? Via = null,
    string? Calendar = null
);

public sealed record OwnerAlertsMessage(string AccountId);

/// <summary>
/// Tells owners what needs them, batched: each event the owner wants is written down, and one email lists everything
/// waiting, at most one per the account's interval (the first after a quiet spell goes at once). One queue message is
/// on its way per account at a time (its due time is kept in the state row); the email's idempotency key is the oldest
/// event it lists, so a retry or a second instance sends the same email once.
/// </summary>
public sealed class OwnerAlerts(
    TableClients tables,
    QueueClients queues,
    AlertSettingsStore settings,
    AccountStore accounts,
    ClientDirectory directory,
    IEmailSender email,
    IOptions<AppOptions> app,
    TimeProvider time,
    ILogger<OwnerAlerts> logger
)
{
    public const string QueueName = "owner-alerts";
    public const int MaxListed = 50;

    /// <summary>A batch whose message has not run this long after its time is taken as lost, and scheduled again.</summary>
    private static readonly TimeSpan LostAfter = TimeSpan.FromMinutes(10);

    private const int MaxAttempts = 8;

    public async Task RaiseAsync(AccountEntity account, OwnerAlert alert, CancellationToken cancellationToken)
    {
        var wanted = await settings.GetAsync(account.Id, cancellationToken);
        if (!wanted.Wants(alert.Kind))
        {
            return;
        }
        var table = await TableAsync(cancellationToken);
        var row = new OwnerAlertEntity
        {
            PartitionKey = account.Id,
            RowKey = OwnerAlertEntity.Prefix + SafeKey(alert.EventKey),
            Kind = alert.Kind,
            ClientId = alert.ClientId,
            AppointmentId = alert.AppointmentId,
            AppointmentStart = alert.AppointmentStart,
            Via = alert.Via,
            Calendar = alert.Calendar,
            At = alert.At,
        };
        await table.TryAddAsync(row, cancellationToken);
        // Even when the event was there already: a retry after a failed schedule must not leave it waiting unscheduled.
        await ScheduleAsync(account.Id, wanted.Every, force: false, cancellationToken);
    }

    /// <summary>The SendOwnerAlerts queue function: emails what is waiting, unless the last email went too recently (then it comes back later).</summary>
    public async Task<string> RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<OwnerAlertsMessage>(invocation.MessageText, JsonSerializerOptions.Web)
            ?? throw new InvalidInvocationException("The message is not an owner-alerts message.");
        return await RunAsync(message.AccountId, cancellationToken);
    }

    public async Task<string> RunAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var waiting = await WaitingAsync(table, accountId, cancellationToken);
        var state = await StateAsync(table, accountId, cancellationToken);
        if (waiting.Count == 0)
        {
            await SetPendingAsync(table, state, null, always: false, cancellationToken);
            return "Nothing is waiting.";
        }
        if (await accounts.GetAsync(accountId, cancellationToken) is not { Status: AccountStatus.Active } account)
        {
            return "The account is closed.";
        }
        var wanted = await settings.GetAsync(accountId, cancellationToken);
        var now = time.GetUtcNow();
        if (state.LastSentAt is { } last && last + wanted.Every > now + TimeSpan.FromSeconds(1))
        {
            // This run is the pending batch: it must hand over to a new message, not find itself pending and stop.
            await ScheduleAsync(accountId, wanted.Every, force: true, cancellationToken);
            return "The last alert email went too recently; the next is scheduled.";
        }

        var listed = waiting.Take(MaxListed).ToList();
        var mail = await ComposeAsync(account, listed, waiting.Count, wanted, cancellationToken);
        // Keyed by exactly the events it lists: a retry of this email is dropped, an email listing one more is not.
        var batch = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', waiting.Select(w => w.RowKey)))));
        await email.SendAsync(mail with { IdempotencyKey = $"owner-alerts:{accountId}:{batch}" }, cancellationToken);

        await SentAsync(table, state, now, cancellationToken);
        foreach (var row in waiting)
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        // An event raised while this email was on its way found a batch pending and left it to us: it goes in the next one.
        if ((await WaitingAsync(table, accountId, cancellationToken)).Count > 0)
        {
            await ScheduleAsync(accountId, wanted.Every, force: false, cancellationToken);
        }
        logger.LogInformation("Alert email for account {AccountId} listed {Count} event(s)", accountId, waiting.Count);
        return $"Emailed {waiting.Count} alert(s).";
    }

    /// <summary>Every event of the client leaves the waiting list (the client's data was erased).</summary>
    public async Task ForgetClientAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        foreach (var row in (await WaitingAsync(table, accountId, cancellationToken)).Where(r => r.ClientId == clientId))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
    }

    /// <param name="force">Queue a message even though one is pending: the caller is that pending message.</param>
    private async Task ScheduleAsync(string accountId, TimeSpan every, bool force, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var state = await StateAsync(table, accountId, cancellationToken);
            var now = time.GetUtcNow();
            if (!force && state.PendingFor is { } pending && now < pending + LostAfter)
            {
                return;
            }
            var due = state.LastSentAt is { } last && last + every > now ? last + every : now;
            state.LastQueuedAt = now;
            if (await SetPendingAsync(table, state, due, force, cancellationToken))
            {
                await queues.SendAsync(
                    QueueName,
                    JsonSerializer.Serialize(new OwnerAlertsMessage(accountId), JsonSerializerOptions.Web),
                    due > now ? due - now : null,
                    null,
                    cancellationToken
                );
                return;
            }
        }
        throw new InvalidOperationException("The alert schedule kept changing; the event is kept and goes with the next alert.");
    }

    private async Task SentAsync(TableClient table, OwnerAlertStateEntity state, DateTimeOffset at, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            state.LastSentAt = state.LastSentAt is { } last && last > at ? last : at;
            state.PendingFor = null;
            if (await SaveAsync(table, state, cancellationToken))
            {
                return;
            }
            state = await StateAsync(table, state.PartitionKey, cancellationToken);
        }
    }

    /// <param name="always">Write even when nothing seems to change (a message is about to be queued for it).</param>
    private static async Task<bool> SetPendingAsync(
        TableClient table,
        OwnerAlertStateEntity state,
        DateTimeOffset? due,
        bool always,
        CancellationToken cancellationToken
    )
    {
        if (!always && state.PendingFor == due && (state.ETag != default || due is null))
        {
            return true;
        }
        state.PendingFor = due;
        return await SaveAsync(table, state, cancellationToken);
    }

    private static async Task<bool> SaveAsync(TableClient table, OwnerAlertStateEntity state, CancellationToken cancellationToken) =>
        state.ETag == default ? await table.TryAddAsync(state, cancellationToken) : await table.TryReplaceAsync(state, cancellationToken);

    private static async Task<OwnerAlertStateEntity> StateAsync(TableClient table, string accountId, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<OwnerAlertStateEntity>(accountId, OwnerAlertStateEntity.Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value! : new OwnerAlertStateEntity { PartitionKey = accountId };
    }

    private static async Task<List<OwnerAlertEntity>> WaitingAsync(TableClient table, string accountId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {OwnerAlertEntity.Prefix} and RowKey lt {"e."}");
        return
        [
            .. (await table.ListAsync<OwnerAlertEntity>(filter, cancellationToken: cancellationToken))
                .OrderBy(r => r.At)
                .ThenBy(r => r.RowKey, StringComparer.Ordinal),
        ];
    }

    private async Task<EmailMessage> ComposeAsync(
        AccountEntity account,
        List<OwnerAlertEntity> listed,
        int total,
        AlertSettings wanted,
        CancellationToken cancellationToken
    )
    {
        var clients = await directory.GetAsync(account, cancellationToken);
        var items = listed
            .Select(alert =>
            {
                var name = clients.NameOf(alert.ClientId);
                var when = alert.AppointmentStart is { } start ? ReadableStart(start) : null;
                var how = alert.Via == "link" ? "from the link in a message" : "by text";
                var (text, path, label) = alert.Kind switch
                {
                    AlertKind.Rearrange => ($"{name} needs to rearrange their appointment on {when} ({how}).", Appointment(alert), "Open the appointment"),
                    AlertKind.Cancellation => (
                        $"{name} asked to cancel their appointment on {when} ({how}). It has not been cancelled.",
                        Appointment(alert),
                        "Open the appointment"
                    ),
                    AlertKind.Confirmation => ($"{name} confirmed their appointment on {when} ({how}).", Appointment(alert), "Open the appointment"),
                    AlertKind.Stop => ($"{name} replied STOP: they get no more texts or emails from you.", Conversation(alert), "Open the conversation"),
                    _ => ($"{name} sent you a message that needs an answer.", Conversation(alert), "Answer in the app"),
                };
                if (alert.Calendar is { } calendar && alert.AppointmentId is not null && alert.Kind is AlertKind.Rearrange or AlertKind.Cancellation)
                {
                    text += $" The appointment comes from {calendar}: change it there.";
                }
                return new EmailTemplates.AlertItem(text, app.Value.Link(path), label);
            })
            .ToList();
        return EmailTemplates.OwnerAlerts(
            account.Email,
            account.OwnerName,
            total == 1 ? EmailTemplates.AlertSubject(listed[0].Kind) : $"{total} updates from your clients",
            items,
            total - listed.Count,
            Interval(wanted.EveryMinutes),
            app.Value.Link("/settings#alerts")
        );
    }

    private static string Appointment(OwnerAlertEntity alert) =>
        alert.AppointmentId is { } id ? $"/appointments/{Uri.EscapeDataString(id)}" : Conversation(alert);

    private static string Conversation(OwnerAlertEntity alert) => $"/clients/{Uri.EscapeDataString(alert.ClientId)}#conversation";

    private static string ReadableStart(string localStart) =>
        DateTime.TryParse(localStart, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            ? start.ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture)
            : localStart;

    public static string Interval(int minutes) =>
        minutes switch
        {
            1440 => "once a day",
            >= 60 => minutes == 60 ? "once an hour" : $"once every {minutes / 60} hours",
            _ => $"once every {minutes} minutes",
        };

    /// <summary>Event keys go into row keys: anything unusual there is replaced by its hash.</summary>
    private static string SafeKey(string key) =>
        key.Length is > 0 and <= 300 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? key
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(StorageTables.OwnerAlerts, cancellationToken);
}
