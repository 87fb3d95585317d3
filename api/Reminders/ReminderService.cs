namespace ClientReminders.Reminders;

public sealed record ReminderResponse(
    string Id,
    string AppointmentId,
    string ClientId,
    string ClientName,
    ReminderChannel Channel,
    DateTimeOffset DueAt,
    ReminderStatus Status,
    string? Reason,
    DateTimeOffset? SentAt
);

public sealed record ReminderItems(IReadOnlyList<ReminderResponse> Items);

/// <summary>What will be sent to whom and when, and what was: the owner's view of an account's reminders.</summary>
public sealed class ReminderService(ReminderStore store, ClientDirectory directory, TimeProvider time)
{
    /// <summary>The statuses the list filters by: skipped includes cancelled, scheduled includes sending.</summary>
    public static readonly ReminderStatus[] Statuses = [ReminderStatus.Scheduled, ReminderStatus.Sent, ReminderStatus.Failed, ReminderStatus.Skipped];

    // Only what a list item shows: the rest of a row (message text, the appointment's encrypted details) can be large.
    private static readonly string[] ResponseColumns =
    [
        "PartitionKey",
        "RowKey",
        "AppointmentId",
        "ClientId",
        "Channel",
        "RuleChannel",
        "DueAt",
        "Status",
        "Reason",
        "SentAt",
    ];

    public async Task<ReminderItems> ListAsync(AccountEntity account, ReminderStatus? status, CancellationToken cancellationToken)
    {
        var table = await store.TableAsync(cancellationToken);
        var filter = status switch
        {
            null => ReminderKeys.AccountFilter(account.Id),
            ReminderStatus.Scheduled => ReminderKeys.DaysFilter(account.Id, ReminderKeys.Today(time).AddDays(-ReminderStore.LiveDays))
                + " and "
                + TableClient.CreateQueryFilter($"(Status eq {ReminderStatus.Scheduled.Name()} or Status eq {ReminderStatus.Sending.Name()})"),
            ReminderStatus.Skipped => ReminderKeys.AccountFilter(account.Id)
                + " and "
                + TableClient.CreateQueryFilter($"(Status eq {ReminderStatus.Skipped.Name()} or Status eq {ReminderStatus.Cancelled.Name()})"),
            _ => ReminderKeys.AccountFilter(account.Id) + " and " + TableClient.CreateQueryFilter($"Status eq {status.Value.Name()}"),
        };
        var directoryTask = directory.GetAsync(account, cancellationToken);
        var rows = await table.ListAsync<ReminderEntity>(filter, ResponseColumns, cancellationToken);
        var clients = await directoryTask;
        var items = rows.Select(r => Response(r, clients.NameOf(r.ClientId))).ToList();
        var scheduled = status == ReminderStatus.Scheduled;
        return new ReminderItems(scheduled ? [.. items.OrderBy(r => r.DueAt)] : [.. items.OrderByDescending(r => r.SentAt ?? r.DueAt)]);
    }

    /// <summary>Skips one scheduled reminder; its queued message finds a new version and does nothing.</summary>
    public async Task<ReminderResponse?> SkipAsync(AccountEntity account, string id, CancellationToken cancellationToken)
    {
        if (await store.ReminderAsync(account.Id, id, cancellationToken) is not { } reminder)
        {
            return null;
        }
        if (reminder.Status == ReminderStatus.Scheduled)
        {
            reminder.Status = ReminderStatus.Skipped;
            reminder.Reason = "Skipped by you.";
            reminder.Version++;
            reminder.ForgetAppointment();
            if (!await store.TrySaveAsync(reminder, cancellationToken))
            {
                throw ValidationFailedException.For("status", "This reminder is being sent right now and can no longer be skipped.");
            }
        }
        return Response(reminder, (await directory.GetAsync(account, cancellationToken)).NameOf(reminder.ClientId));
    }

    private static ReminderResponse Response(ReminderEntity reminder, string clientName) =>
        new(
            reminder.Id,
            reminder.AppointmentId,
            reminder.ClientId,
            clientName,
            reminder.Channel ?? reminder.RuleChannel,
            reminder.DueAt,
            reminder.Status,
            reminder.Reason,
            reminder.SentAt
        );
}
