namespace ClientReminders.Reminders;

/// <summary>
/// The SendReminder queue function. It re-checks everything at send time, claims the reminder with an
/// ETag-guarded update, sends with an idempotency key fixed per reminder version, and records the outcome.
/// Redelivery, a racing instance or a crash between any two steps cannot produce a second message: a stale or
/// finished reminder is left alone, a fresh claim by another instance is waited out, and a resend after a crash
/// carries the same key, which the provider (and the local outbox) honours.
/// </summary>
public sealed class ReminderSender(
    ReminderStore store,
    SendingConfigs configs,
    AppointmentService appointments,
    ClientDirectory directory,
    ReminderPlanner planner,
    FieldCipher cipher,
    IMessageSender sender,
    MessageUsage usage,
    PlanAllowances plans,
    UnsubscribeLinks unsubscribe,
    CalendarFiles calendarFiles,
    HostSettings host,
    Microsoft.Extensions.Options.IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderSender> logger)
{
    private TimeSpan ClaimLease => options.Value.ClaimLease;

    public async Task<SendRun> RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<SendReminderMessage>(invocation.MessageText, JsonSerializerOptions.Web)
            ?? throw new InvalidInvocationException("The message is not a reminder message.");
        if (await store.ReminderAsync(message.AccountId, message.ReminderId, cancellationToken) is not { } reminder)
        {
            return new SendRun.NoSuchReminder();
        }
        if (reminder.Version != message.Version)
        {
            return new SendRun.StaleMessage(message.Version, reminder.Version);
        }
        if (reminder.Status is not (ReminderStatus.Scheduled or ReminderStatus.Sending))
        {
            return new SendRun.AlreadyFinished(reminder.Status);
        }
        var now = time.GetUtcNow();
        if (reminder.DueAt > now + EarlyArrivalTolerance)
        {
            await store.EnqueueAsync(reminder, cancellationToken);
            return new SendRun.NotDueYet();
        }
        // The queue counts visibility delays in whole seconds, cut down, so a message may arrive up to a second early: wait out the rest.
        while (reminder.DueAt > now)
        {
            await Task.Delay(reminder.DueAt - now, time, cancellationToken);
            now = time.GetUtcNow();
        }
        try
        {
            if (reminder.Status == ReminderStatus.Sending && now - reminder.ClaimedAt < ClaimLease)
            {
                throw new InvalidOperationException("Another instance claimed this reminder moments ago; trying again after it has finished.");
            }
            return await SendAsync(reminder, now, cancellationToken);
        }
        catch (Exception ex) when (invocation.DequeueCount >= host.Queues.MaxDequeueCount && ex is not OperationCanceledException)
        {
            // A claim still held may belong to a send that got through: only a resend under the same key, after the lease, can tell.
            if (reminder is { Status: ReminderStatus.Sending, ClaimedAt: { } claimedAt } && message.Round < MaxLeaseRounds)
            {
                await store.EnqueueAsync(message with { Round = message.Round + 1 }, claimedAt + ClaimLease + TimeSpan.FromSeconds(1), cancellationToken);
                return new SendRun.WaitingForLease();
            }
            logger.LogError(ex, "Reminder {ReminderId} failed on its last attempt", reminder.Id);
            var reason = reminder.Status == ReminderStatus.Sending && reminder.ClaimedAt is not null
                ? "The message provider did not confirm this message, so it may not have been sent."
                : "The message provider could not be reached. It was not sent.";
            await FinishAsync(reminder, ReminderStatus.Failed, reason, cancellationToken);
            return new SendRun.FailedForGood();
        }
    }

    /// <summary>How early a message may arrive and still be sent by this run, after waiting out the rest; an earlier one is queued again.</summary>
    private static readonly TimeSpan EarlyArrivalTolerance = TimeSpan.FromSeconds(1);

    /// <summary>How many times a reminder whose claim outlived the queue's retries is queued again before it ends failed.</summary>
    public const int MaxLeaseRounds = 3;

    /// <summary>What the send-time check decided: go ahead (<see cref="Checked"/>) or finish the reminder without sending (<see cref="Stop"/>).</summary>
    private abstract record CheckResult;

    private sealed record Checked(SendingConfig Config, AppointmentEntity? Appointment, ClientView Client, ReminderChannel Channel, string To) : CheckResult
    {
        public AccountEntity Account => Config.Account;
    }

    private sealed record Stop(ReminderStatus Status, string Reason) : CheckResult;

    private async Task<SendRun> SendAsync(ReminderEntity reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Checked ready;
        switch (await CheckAsync(reminder, now, cancellationToken))
        {
            case Stop stop:
                await FinishAsync(reminder, stop.Status, stop.Reason, cancellationToken);
                return new SendRun.Stopped(stop.Status, stop.Reason);
            case Checked checkedOut:
                ready = checkedOut;
                break;
            default:
                throw new InvalidOperationException("The send-time check gave no answer.");
        }
        var outgoing = await ComposeAsync(reminder, ready, cancellationToken);

        reminder.Status = ReminderStatus.Sending;
        reminder.ClaimedAt = now;
        reminder.Channel = ready.Channel;
        if (!await store.TrySaveAsync(reminder, cancellationToken))
        {
            return new SendRun.ClaimedElsewhere();
        }

        SendOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(outgoing, cancellationToken);
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or TimeoutException && !cancellationToken.IsCancellationRequested)
        {
            // The provider failed us: release the claim so the queue's next attempt retries at once (the idempotency key covers a send that got through).
            await ReleaseClaimAsync(reminder);
            throw;
        }
        switch (outcome)
        {
            case Delivered delivered:
                reminder.SentAt = time.GetUtcNow();
                reminder.ProviderMessageId = delivered.ProviderMessageId;
                reminder.Segments = delivered.Segments;
                reminder.To = await cipher.EncryptAsync(reminder.AccountId, ReminderStore.Field(reminder, nameof(ReminderEntity.To)), outgoing.To, cancellationToken);
                reminder.Subject = await cipher.EncryptAsync(reminder.AccountId, ReminderStore.Field(reminder, nameof(ReminderEntity.Subject)), outgoing.Subject, cancellationToken);
                reminder.Body = await cipher.EncryptAsync(reminder.AccountId, ReminderStore.Field(reminder, nameof(ReminderEntity.Body)), outgoing.Text, cancellationToken);
                await FinishAsync(reminder, ReminderStatus.Sent, null, cancellationToken);
                usage.Sent(reminder.AccountId, ready.Channel, delivered.Segments ?? 1);
                await plans.AfterSendAsync(ready.Account, ready.Channel, await usage.RecentThisMonthAsync(reminder.AccountId, cancellationToken), cancellationToken);
                return new SendRun.Sent(ready.Channel);
            case Refused refused:
                await FinishAsync(reminder, ReminderStatus.Failed, refused.Reason, cancellationToken);
                return new SendRun.RefusedByProvider();
            default:
                throw new InvalidOperationException($"Unknown send outcome {outcome.GetType().Name}.");
        }
    }

    private async Task<CheckResult> CheckAsync(ReminderEntity reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await configs.GetAsync(reminder.AccountId, cancellationToken) is not { Account.Status: AccountStatus.Active } config)
        {
            return new Stop(ReminderStatus.Cancelled, "The account is closed.");
        }
        var account = config.Account;
        AppointmentEntity? appointment = null;
        // A direct message has no appointment or rule; every check from here on applies to it too.
        if (reminder.Kind != ReminderKind.Direct)
        {
            // Every change to the appointment re-plans this row (a new version), so its copy of the appointment is current;
            // a row planned before the copy existed reads the appointment itself.
            if (reminder.AppointmentStart is null)
            {
                appointment = await appointments.FindAsync(account.Id, reminder.AppointmentId, cancellationToken);
                if (appointment is not { Status: AppointmentStatus.Scheduled })
                {
                    return new Stop(ReminderStatus.Cancelled, "The appointment was cancelled.");
                }
                if (appointment.Version != reminder.AppointmentVersion)
                {
                    await planner.PlanAsync(account, appointment, cancellationToken);
                    return new Stop(ReminderStatus.Cancelled, "The appointment changed; its reminders were planned again.");
                }
            }
            if (now >= reminder.AppointmentStartUtc)
            {
                return new Stop(ReminderStatus.Skipped, "The appointment has already started.");
            }
            if (!config.Rules.Any(r => r.Id == reminder.RuleId))
            {
                return new Stop(ReminderStatus.Cancelled, "The rule was deleted.");
            }
        }
        if (account.PlanEndsAt is { } ends && ends <= now)
        {
            await plans.EndedAsync(account, cancellationToken);
            return new Stop(ReminderStatus.Skipped, plans.EndedReason(account));
        }
        if (await directory.FindAsync(account, reminder.ClientId, cancellationToken) is not { } client)
        {
            return new Stop(ReminderStatus.Cancelled, "The client was removed.");
        }
        var reach = ClientReach.For(client, reminder.RuleChannel);
        if (reach.To is null)
        {
            return new Stop(reach.Status, reach.Problem!);
        }
        var (channel, to) = (reach.Channel, reach.To);
        var plan = plans.Status(account, await usage.RecentThisMonthAsync(account.Id, cancellationToken));
        if (channel == ReminderChannel.Sms && plan.SmsUsed >= plan.SmsAllowance)
        {
            // Whatever the rule's channel, a client with an email address still hears from the owner when the texts run out.
            await plans.UsedUpAsync(account, ReminderChannel.Sms, cancellationToken);
            if (client.Email is not { } email)
            {
                return new Stop(ReminderStatus.Skipped, "This month's SMS allowance is used up, and the client has no email address to send it to instead.");
            }
            if (client.EmailOptedOut)
            {
                return new Stop(ReminderStatus.Skipped, "This month's SMS allowance is used up, and the client unsubscribed from email.");
            }
            (channel, to) = (ReminderChannel.Email, email);
        }
        if (channel == ReminderChannel.Email && plan.EmailUsed >= plan.EmailAllowance)
        {
            await plans.UsedUpAsync(account, ReminderChannel.Email, cancellationToken);
            return new Stop(ReminderStatus.Skipped, "This month's email allowance is used up.");
        }
        return new Checked(config, appointment, client, channel, to);
    }

    private async Task<OutgoingMessage> ComposeAsync(ReminderEntity reminder, Checked ready, CancellationToken cancellationToken)
    {
        if (reminder.Kind == ReminderKind.Direct)
        {
            return await ComposeDirectAsync(reminder, ready, cancellationToken);
        }
        var (account, settings) = (ready.Account, ready.Config.Settings);
        var (start, title, location, notes) = ready.Appointment is { } appointment
            ? (appointment.Start, (AppointmentFields.Context(appointment, nameof(AppointmentEntity.Title)), appointment.Title), (AppointmentFields.Context(appointment, nameof(AppointmentEntity.Location)), appointment.Location), (AppointmentFields.Context(appointment, nameof(AppointmentEntity.Notes)), appointment.Notes))
            : (reminder.AppointmentStart!, (ReminderStore.Field(reminder, nameof(ReminderEntity.AppointmentTitle)), reminder.AppointmentTitle), (ReminderStore.Field(reminder, nameof(ReminderEntity.AppointmentLocation)), reminder.AppointmentLocation), (ReminderStore.Field(reminder, nameof(ReminderEntity.AppointmentNotes)), reminder.AppointmentNotes));
        var values = new TemplateValues(
            ready.Client.Name,
            account.BusinessName,
            DateTime.Parse(start, CultureInfo.InvariantCulture),
            await cipher.DecryptAsync(account.Id, title.Item1, title.Item2, cancellationToken),
            await cipher.DecryptAsync(account.Id, location.Item1, location.Item2, cancellationToken),
            await cipher.DecryptAsync(account.Id, notes.Item1, notes.Item2, cancellationToken),
            ready.Channel == ReminderChannel.Sms ? ready.Config.Keywords.Hint : "",
            account.BusinessAddress,
            account.BusinessPhone);
        var key = $"{reminder.Id}:{reminder.Version}";
        if (ready.Channel == ReminderChannel.Sms)
        {
            var sms = ready.Config.Sms;
            return new OutgoingMessage(account.Id, reminder.Id, key, reminder.DueAt, ReminderChannel.Sms, ready.To, null, TemplateRenderer.Render(sms.Body ?? "", values, settings, html: false).Trim(), null);
        }
        var email = ReminderEmail.Compose(ready.Config.Email, values, settings, TemplateService.BrandingOf(account, ready.Config.Email.LogoUrl),
            calendarFiles.LinkFor(account.Id, reminder.AppointmentId));
        return unsubscribe.AddTo(
            new OutgoingMessage(account.Id, reminder.Id, key, reminder.DueAt, ReminderChannel.Email, ready.To, email.Subject, email.Text, email.Html), ready.Client.Id);
    }

    /// <summary>A direct message is the owner's stored text with the client's and business's names filled in.</summary>
    private async Task<OutgoingMessage> ComposeDirectAsync(ReminderEntity reminder, Checked ready, CancellationToken cancellationToken)
    {
        var (account, settings) = (ready.Account, ready.Config.Settings);
        var stored = await cipher.DecryptAsync(account.Id, ReminderStore.Field(reminder, nameof(ReminderEntity.DirectText)), reminder.DirectText, cancellationToken) ?? "";
        var text = DirectMessageText.Render(stored, ready.Client.Name, account.BusinessName, settings);
        var key = $"{reminder.Id}:{reminder.Version}";
        if (ready.Channel == ReminderChannel.Sms)
        {
            return new OutgoingMessage(account.Id, reminder.Id, key, reminder.DueAt, ReminderChannel.Sms, ready.To, null, text, null);
        }
        var storedSubject = await cipher.DecryptAsync(account.Id, ReminderStore.Field(reminder, nameof(ReminderEntity.DirectSubject)), reminder.DirectSubject, cancellationToken) ?? "";
        var subject = DirectMessageText.Render(storedSubject, ready.Client.Name, account.BusinessName, settings);
        // Laid out like a plain reminder email: the business's name or logo on top, its address and phone at the foot.
        var email = ReminderEmail.Plain(subject, text, TemplateService.BrandingOf(account, ready.Config.Email.LogoUrl), settings);
        return unsubscribe.AddTo(new OutgoingMessage(
            account.Id, reminder.Id, key, reminder.DueAt, ReminderChannel.Email, ready.To, email.Subject, email.Text, email.Html), ready.Client.Id);
    }

    private async Task ReleaseClaimAsync(ReminderEntity reminder)
    {
        reminder.ClaimedAt = null;
        try
        {
            await store.SaveAsync(reminder, CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Could not release the claim on reminder {ReminderId}; it is retried after the lease", reminder.Id);
        }
    }

    private async Task FinishAsync(ReminderEntity reminder, ReminderStatus status, string? reason, CancellationToken cancellationToken)
    {
        reminder.Status = status;
        reminder.Reason = reason;
        reminder.ForgetAppointment();
        if (!await store.TrySaveAsync(reminder, cancellationToken))
        {
            logger.LogInformation("Reminder {ReminderId} changed while finishing; the newer state wins", reminder.Id);
        }
    }
}
