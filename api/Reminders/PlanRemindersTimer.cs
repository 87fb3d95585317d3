namespace ClientReminders.Reminders;

/// <summary>The PlanReminders timer: first queues stuck reminders again, then queues the ones that came within the queue's week.</summary>
public sealed class PlanRemindersTimer(
    ReminderPlanner planner,
    StuckReminderSweeper sweeper,
    ReminderCounts counts,
    ReminderStore store,
    ILogger<PlanRemindersTimer> logger
)
{
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        string sweep;
        try
        {
            sweep = await sweeper.SweepIfDueAsync(cancellationToken) is { } count ? $"queued {count} stuck reminder(s) again" : "no sweep due";
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, cancellationToken))
        {
            // The sweep is a safety net; queuing what falls due must not wait for it. The next window tries again.
            logger.LogWarning(ex, "The sweep for stuck reminders failed");
            sweep = "the sweep failed";
        }
        var queued = await planner.QueueDueSoonAsync(cancellationToken);
        var upkeep = "";
        try
        {
            if (await counts.UpkeepIfDueAsync(store.ActiveAccountIdsAsync(cancellationToken), cancellationToken) is > 0 and var repaired)
            {
                upkeep = $"; counted {repaired} reminder(s) written before counts were kept";
            }
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, cancellationToken))
        {
            // Upkeep only folds and backfills counts; the next hour tries again.
            logger.LogWarning(ex, "Keeping the reminder counts up failed");
            upkeep = "; keeping the counts up failed";
        }
        return $"queued {queued} reminder(s); {sweep}{upkeep}";
    }
}
