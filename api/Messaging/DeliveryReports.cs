namespace ClientReminders.Messaging;

/// <summary>An ACS SMS delivery report, reduced to what we keep.</summary>
public sealed record DeliveryReport(string? Tag, string? DeliveryStatus, string? Details, DateTimeOffset ReceivedAt);

/// <summary>Reports are only ever allowed to move forward: a duplicate or an older report changes nothing.</summary>
public enum ReportOutcome
{
    Applied,
    Ignored,
    NotReady,
}

/// <summary>
/// Applies delivery reports to the reminder named by the SMS tag ("{accountId}/{reminderId}"). A report for a
/// missing reminder is ignored; one that arrives before the sender has recorded its send asks to be retried.
/// </summary>
public sealed class DeliveryReports(TableClients tables, ReminderStore store, ILogger<DeliveryReports> logger)
{
    private const int MaxAttempts = 5;

    public async Task<ReportOutcome> ApplyAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        if (
            report.Tag?.Split('/') is not [var accountId, var reminderId]
            || !IsKey(accountId)
            || !IsKey(reminderId)
            || ReminderKeys.PartitionOf(accountId, reminderId) is not { } partition
        )
        {
            logger.LogInformation("A delivery report without a reminder tag was ignored");
            return ReportOutcome.Ignored;
        }
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<ReminderEntity>(partition, reminderId, cancellationToken: cancellationToken);
            if (!found.HasValue)
            {
                logger.LogInformation("A delivery report for a reminder that no longer exists was ignored");
                return ReportOutcome.Ignored;
            }
            var reminder = found.Value!;
            if (reminder.Status == ReminderStatus.Sending)
            {
                // The sender has not recorded its send yet; writing now would make its final update fail.
                return ReportOutcome.NotReady;
            }
            if (reminder.DeliveredAt is { } recorded && report.ReceivedAt <= recorded)
            {
                return ReportOutcome.Ignored;
            }
            reminder.DeliveryStatus = DeliveryStatus.FromAcs(report.DeliveryStatus);
            reminder.DeliveryDetails = Limit(report.Details);
            reminder.DeliveredAt = report.ReceivedAt;
            // The whole row as read, guarded by its ETag: the kept counts change with it.
            if (await store.TrySaveAsync(reminder, cancellationToken))
            {
                logger.LogInformation("Reminder {ReminderId} delivery report applied", reminderId);
                return ReportOutcome.Applied;
            }
            // Another report or a change landed meanwhile: read again and compare with it.
        }
        // It kept changing under us: Event Grid delivers the report again later.
        return ReportOutcome.NotReady;
    }

    private static bool IsKey(string value) => value.Length is > 0 and <= 200 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Limit(string? details) =>
        details is null ? ""
        : details.Length <= 500 ? details
        : details[..500];
}
