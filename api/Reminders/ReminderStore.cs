namespace ClientReminders.Reminders;

/// <summary>
/// Where reminders are stored: their rows, the send queue, the rules they are planned from, and every query the planner,
/// the sender, the lists and replies ask of them. Nothing here decides anything about a reminder.
/// </summary>
public sealed class ReminderStore(TableClients tables, QueueClients queues, ConversationStore conversations, ReminderCounts counts, TimeProvider time)
{
    public const string QueueName = "send-reminders";

    /// <summary>How many days back a reminder may still be waiting to go out (late, retried, or queued by the planner timer).</summary>
    public const int LiveDays = 7;

    /// <summary>How far back a reply may answer an SMS.</summary>
    public const int ReplyWindowDays = 60;

    /// <summary>The encryption context of one encrypted column of a reminder row (the columns are listed in <see cref="EncryptedColumns"/>).</summary>
    public static CipherContext Field(ReminderEntity reminder, string column) => new(StorageTables.Reminders.Name, reminder.RowKey, column);

    public static readonly string[] EncryptedColumns =
    [
        nameof(ReminderEntity.To),
        nameof(ReminderEntity.Subject),
        nameof(ReminderEntity.Body),
        nameof(ReminderEntity.DirectText),
        nameof(ReminderEntity.DirectSubject),
        nameof(ReminderEntity.AppointmentTitle),
        nameof(ReminderEntity.AppointmentLocation),
        nameof(ReminderEntity.AppointmentNotes),
    ];

    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(StorageTables.Reminders, cancellationToken);

    /// <summary>One reminder by its id, or null when there is none (or the id is not a reminder id).</summary>
    public async Task<ReminderEntity?> ReminderAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        if (ReminderKeys.PartitionOf(accountId, id) is not { } partition || id.Length > 200)
        {
            return null;
        }
        var found = await (await TableAsync(cancellationToken)).GetEntityIfExistsAsync<ReminderEntity>(partition, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Every reminder row of one appointment, on the days it knows of.</summary>
    public Task<List<ReminderEntity>> RemindersOfAsync(string accountId, AppointmentEntity appointment, CancellationToken cancellationToken) =>
        RemindersOfAsync(accountId, appointment.Id, appointment.KnownReminderDays(), cancellationToken);

    public async Task<List<ReminderEntity>> RemindersOfAsync(
        string accountId,
        string appointmentId,
        IEnumerable<string> days,
        CancellationToken cancellationToken
    )
    {
        var table = await TableAsync(cancellationToken);
        var found = new List<ReminderEntity>();
        foreach (var day in days)
        {
            var prefix = $"{day}-{appointmentId}";
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {ReminderKeys.Partition(accountId, day)} and RowKey ge {prefix + "-"} and RowKey lt {prefix + "."}"
            );
            found.AddRange(await table.ListAsync<ReminderEntity>(filter, cancellationToken: cancellationToken));
        }
        return found;
    }

    /// <summary>A client's reminders still scheduled, from <see cref="LiveDays"/> ago on.</summary>
    public async Task<List<ReminderEntity>> ScheduledForClientAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        var filter =
            ReminderKeys.DaysFilter(accountId, ReminderKeys.Today(time).AddDays(-LiveDays))
            + " and "
            + TableClient.CreateQueryFilter($"ClientId eq {clientId} and Status eq {ReminderStatus.Scheduled.Name()}");
        return await (await TableAsync(cancellationToken)).ListAsync<ReminderEntity>(filter, cancellationToken: cancellationToken);
    }

    /// <summary>An account's scheduled reminders due before <paramref name="horizon"/>, from <see cref="LiveDays"/> ago on.</summary>
    public async IAsyncEnumerable<ReminderEntity> ScheduledBeforeAsync(
        string accountId,
        DateTimeOffset horizon,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var filter =
            ReminderKeys.DaysFilter(accountId, ReminderKeys.Today(time).AddDays(-LiveDays), DateOnly.FromDateTime(horizon.UtcDateTime))
            + " and "
            + TableClient.CreateQueryFilter($"Status eq {ReminderStatus.Scheduled.Name()} and DueAt lt {horizon}");
        await foreach (var reminder in (await TableAsync(cancellationToken)).QueryAsync<ReminderEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return reminder;
        }
    }

    /// <summary>The latest SMS sent to a client in the last <see cref="ReplyWindowDays"/> days, which a reply answers.</summary>
    public async Task<ReminderEntity?> LatestSmsToAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        var today = ReminderKeys.Today(time);
        var filter =
            ReminderKeys.DaysFilter(accountId, today.AddDays(-ReplyWindowDays), today)
            + " and "
            + TableClient.CreateQueryFilter($"ClientId eq {clientId} and Channel eq {ReminderChannel.Sms.Name()} and Status eq {ReminderStatus.Sent.Name()}");
        var sent = await (await TableAsync(cancellationToken)).ListAsync<ReminderEntity>(filter, cancellationToken: cancellationToken);
        return sent.MaxBy(reminder => reminder.SentAt);
    }

    /// <summary>Deletes every reminder row of an appointment, on any day (a scan of the account's days: for undoing a failed booking).</summary>
    public async Task DeleteAllOfAsync(string accountId, string appointmentId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = ReminderKeys.AccountFilter(accountId) + " and " + TableClient.CreateQueryFilter($"AppointmentId eq {appointmentId}");
        foreach (var row in await table.ListAsync<ReminderEntity>(filter, cancellationToken: cancellationToken))
        {
            await counts.WriteAsync(table, row, TableTransactionActionType.Delete, ETag.All, cancellationToken);
        }
    }

    // Every write of a reminder row goes through the counts, which change with it when what it counts for does.

    /// <summary>Adds a new row or replaces the one read, guarded by its ETag (a 412 when someone changed it meanwhile).</summary>
    public async Task SaveAsync(ReminderEntity reminder, CancellationToken cancellationToken) =>
        await counts.WriteAsync(
            await TableAsync(cancellationToken),
            reminder,
            reminder.ETag == default ? TableTransactionActionType.Add : TableTransactionActionType.UpdateReplace,
            reminder.ETag,
            cancellationToken
        );

    /// <summary>Adds the row unless one with its keys exists; false when it was there already.</summary>
    public Task<bool> TryAddAsync(ReminderEntity reminder, CancellationToken cancellationToken) =>
        TryWriteAsync(reminder, TableTransactionActionType.Add, default, 409, cancellationToken);

    /// <summary>Replaces the row read; false when someone changed it meanwhile, whose newer state then wins.</summary>
    public Task<bool> TrySaveAsync(ReminderEntity reminder, CancellationToken cancellationToken) =>
        TryWriteAsync(reminder, TableTransactionActionType.UpdateReplace, reminder.ETag, 412, cancellationToken);

    /// <summary>Deletes the row read; false when someone changed it meanwhile.</summary>
    public Task<bool> TryDeleteAsync(ReminderEntity reminder, CancellationToken cancellationToken) =>
        TryWriteAsync(reminder, TableTransactionActionType.Delete, reminder.ETag, 412, cancellationToken);

    /// <summary>False when the write failed with <paramref name="lostRace"/>: the row was there already (409) or changed meanwhile (412).</summary>
    private async Task<bool> TryWriteAsync(
        ReminderEntity reminder,
        TableTransactionActionType action,
        ETag ifMatch,
        int lostRace,
        CancellationToken cancellationToken
    )
    {
        try
        {
            await counts.WriteAsync(await TableAsync(cancellationToken), reminder, action, ifMatch, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == lostRace)
        {
            return false;
        }
    }

    public async Task EnqueueAsync(SendReminderMessage message, DateTimeOffset visibleAt, CancellationToken cancellationToken)
    {
        var delay = visibleAt - time.GetUtcNow();
        await queues.SendAsync(
            QueueName,
            JsonSerializer.Serialize(message, JsonSerializerOptions.Web),
            delay > TimeSpan.Zero ? delay : TimeSpan.Zero,
            TimeSpan.FromSeconds(-1),
            cancellationToken
        );
    }

    /// <summary>
    /// Queues the reminder's current version for its due time and records that it was queued. Its row in the client's
    /// conversation is written here, ahead of time, so sending costs nothing more; the conversation shows it once it goes.
    /// </summary>
    public async Task EnqueueAsync(ReminderEntity reminder, CancellationToken cancellationToken)
    {
        if (ConversationStore.KindOf(reminder.Kind) is { } kind)
        {
            var channel = reminder.Channel ?? (reminder.RuleChannel == ReminderChannel.Email ? ReminderChannel.Email : ReminderChannel.Sms);
            await conversations.AddAsync(ConversationStore.Sent(reminder, channel, kind), cancellationToken);
        }
        await EnqueueAsync(new SendReminderMessage(reminder.AccountId, reminder.Id, reminder.Version), reminder.DueAt, cancellationToken);
        reminder.QueuedVersion = reminder.Version;
        // Changed meanwhile: the change queues its own message.
        await TrySaveAsync(reminder, cancellationToken);
    }

    public async Task<List<ReminderRuleEntity>> RulesAsync(string accountId, CancellationToken cancellationToken) =>
        await (await tables.GetAsync(StorageTables.ReminderRules, cancellationToken)).ListPartitionAsync<ReminderRuleEntity>(accountId, cancellationToken);

    /// <summary>The id of every active account, reading only their keys: what the timers walk instead of scanning reminders.</summary>
    public async IAsyncEnumerable<string> ActiveAccountIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var accounts = await tables.GetAsync(StorageTables.Accounts, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"Status eq {AccountStatus.Active}");
        await foreach (var account in accounts.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            yield return account.PartitionKey;
        }
    }

    /// <summary>The account's appointments that have not started yet (only the client's, when given): what planning again walks.</summary>
    public async IAsyncEnumerable<AppointmentEntity> UpcomingAppointmentsAsync(
        string accountId,
        string? clientId,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var appointments = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        var now = time.GetUtcNow();
        var filter = clientId is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and StartUtc gt {now}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and ClientId eq {clientId} and StartUtc gt {now}");
        await foreach (var appointment in appointments.QueryAsync<AppointmentEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return appointment;
        }
    }

    /// <summary>The appointment keeps the days its reminders were planned on, so planning it again finds them without a scan.</summary>
    public async Task RememberDaysAsync(AppointmentEntity appointment, IReadOnlySet<string> days, CancellationToken cancellationToken)
    {
        if (days.IsSubsetOf(appointment.KnownReminderDays()))
        {
            return;
        }
        appointment.ReminderDays = string.Join(',', days.Order(StringComparer.Ordinal));
        var table = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        var update = new TableEntity(appointment.PartitionKey, appointment.RowKey) { [nameof(AppointmentEntity.ReminderDays)] = appointment.ReminderDays };
        try
        {
            var response = await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
            appointment.ETag = response.Headers.ETag ?? appointment.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // The appointment was deleted meanwhile; its reminders go with its client or account.
        }
    }
}
