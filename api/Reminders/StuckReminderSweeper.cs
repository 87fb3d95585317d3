namespace ClientReminders.Reminders;

/// <summary>
/// Finds reminders whose only queue message was lost (poisoned while storage was down, or never written) and queues them
/// again: still scheduled <see cref="ReminderOptions.StuckAfter"/> past their due time, or sending with a claim whose lease
/// ended that long ago; once swept, not again for <see cref="ReminderOptions.ResweepAfter"/>. The new message carries the
/// reminder's current version, so the sender's claim and idempotency key make it a no-op for a reminder that went out
/// meanwhile and a single send for one that did not.
/// </summary>
public sealed class StuckReminderSweeper(ReminderStore store, IOptions<ReminderOptions> options, TimeProvider time, ILogger<StuckReminderSweeper> logger)
{
    /// <summary>Today and the two UTC days before it: the sweep runs every few minutes, so anything older was swept long ago.</summary>
    public const int SweptDays = 3;

    private long _lastSweptWindow = -1;

    /// <summary>Sweeps at most once per <see cref="ReminderOptions.SweepEvery"/> window of the clock; null when this window was swept already.</summary>
    public async Task<int?> SweepIfDueAsync(CancellationToken cancellationToken)
    {
        // Windows of the clock rather than time since the last sweep, so a timer tick a moment early still counts.
        var window = time.GetUtcNow().UtcTicks / options.Value.SweepEvery.Ticks;
        if (Volatile.Read(ref _lastSweptWindow) == window)
        {
            return null;
        }
        var swept = await SweepAsync(cancellationToken);
        Volatile.Write(ref _lastSweptWindow, window);
        return swept;
    }

    /// <summary>Queues every stuck reminder of every active account again: one query per account over its recent days.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var dueBefore = now - options.Value.StuckAfter;
        var claimedBefore = dueBefore - options.Value.ClaimLease;
        var sweptBefore = now - options.Value.ResweepAfter;
        var today = ReminderKeys.Today(time);
        var reminders = await store.TableAsync(cancellationToken);
        var swept = 0;
        await foreach (var accountId in store.ActiveAccountIdsAsync(cancellationToken))
        {
            var filter =
                ReminderKeys.DaysFilter(accountId, today.AddDays(1 - SweptDays), today)
                + " and "
                + TableClient.CreateQueryFilter(
                    $"(Status eq {ReminderStatus.Scheduled.Name()} or Status eq {ReminderStatus.Sending.Name()}) and DueAt le {dueBefore}"
                );
            var stuck = new List<string>();
            await foreach (var reminder in reminders.QueryAsync<ReminderEntity>(filter, cancellationToken: cancellationToken))
            {
                if (IsStuck(reminder, claimedBefore) && !(reminder.SweptAt > sweptBefore))
                {
                    if (await MarkSweptAsync(reminders, reminder, now, cancellationToken))
                    {
                        await store.EnqueueAsync(new SendReminderMessage(accountId, reminder.Id, reminder.Version), now, cancellationToken);
                        stuck.Add(reminder.Id);
                    }
                }
            }
            if (stuck.Count > 0)
            {
                logger.LogWarning(
                    "Queued {Count} stuck reminder(s) of account {AccountId} again: {ReminderIds}",
                    stuck.Count,
                    accountId,
                    string.Join(',', stuck)
                );
                swept += stuck.Count;
            }
        }
        return swept;
    }

    /// <summary>Records the sweep before queuing, guarded by the ETag read: a reminder changed since (claimed, sent, moved) is left to whoever changed it.</summary>
    private static async Task<bool> MarkSweptAsync(TableClient reminders, ReminderEntity reminder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var mark = new TableEntity(reminder.PartitionKey, reminder.RowKey) { [nameof(ReminderEntity.SweptAt)] = now };
            await reminders.UpdateEntityAsync(mark, reminder.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <remarks>
    /// A scheduled reminder never queued at its version is the planner timer's to queue (it runs after the sweep, so the
    /// two never queue one reminder twice in a tick); a claim released after a provider error has no time and counts as ended.
    /// </remarks>
    private static bool IsStuck(ReminderEntity reminder, DateTimeOffset claimedBefore) =>
        reminder.Status switch
        {
            ReminderStatus.Scheduled => reminder.QueuedVersion == reminder.Version,
            ReminderStatus.Sending => reminder.ClaimedAt is not { } claimedAt || claimedAt <= claimedBefore,
            _ => false,
        };
}
