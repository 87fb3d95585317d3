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
    SendCheck check,
    ReminderComposer composer,
    FieldCipher cipher,
    IMessageSender sender,
    MessageUsage usage,
    PlanAllowances plans,
    HostSettings host,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderSender> logger
)
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
            var reason =
                reminder.Status == ReminderStatus.Sending && reminder.ClaimedAt is not null
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

    private async Task<SendRun> SendAsync(ReminderEntity reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        SendDecision.Ready ready;
        switch (await check.DecideAsync(reminder, now, cancellationToken))
        {
            case SendDecision.Stop stop:
                await FinishAsync(reminder, stop.Status, stop.Reason, cancellationToken);
                return new SendRun.Stopped(stop.Status, stop.Reason);
            case SendDecision.Ready go:
                ready = go;
                break;
            default:
                throw new InvalidOperationException("The send-time check gave no answer.");
        }
        var outgoing = await composer.ComposeAsync(reminder, ready, cancellationToken);

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
                reminder.ToldLocation = await composer.ToldLocationAsync(reminder, ready, cancellationToken);
                reminder.SentAt = time.GetUtcNow();
                reminder.ProviderMessageId = delivered.ProviderMessageId;
                reminder.Segments = delivered.Segments;
                reminder.To = await cipher.EncryptAsync(
                    reminder.AccountId,
                    ReminderStore.Field(reminder, nameof(ReminderEntity.To)),
                    outgoing.To,
                    cancellationToken
                );
                reminder.Subject = await cipher.EncryptAsync(
                    reminder.AccountId,
                    ReminderStore.Field(reminder, nameof(ReminderEntity.Subject)),
                    outgoing.Subject,
                    cancellationToken
                );
                reminder.Body = await cipher.EncryptAsync(
                    reminder.AccountId,
                    ReminderStore.Field(reminder, nameof(ReminderEntity.Body)),
                    outgoing.Text,
                    cancellationToken
                );
                await FinishAsync(reminder, ReminderStatus.Sent, null, cancellationToken);
                usage.Sent(reminder.AccountId, ready.Channel, delivered.Segments ?? 1);
                await plans.AfterSendAsync(
                    ready.Account,
                    ready.Channel,
                    await usage.RecentThisMonthAsync(reminder.AccountId, cancellationToken),
                    cancellationToken
                );
                return new SendRun.Sent(ready.Channel);
            case Refused refused:
                await FinishAsync(reminder, ReminderStatus.Failed, refused.Reason, cancellationToken);
                return new SendRun.RefusedByProvider();
            default:
                throw new InvalidOperationException($"Unknown send outcome {outcome.GetType().Name}.");
        }
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
