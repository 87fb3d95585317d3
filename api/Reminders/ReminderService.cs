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

/// <param name="NextCursor">For the upcoming reminders, read a page at a time: pass it back as <c>after</c> for the next page; null on the last.</param>
public sealed record ReminderItems(IReadOnlyList<ReminderResponse> Items, string? NextCursor = null);

/// <summary>What will be sent to whom and when, and what was: the owner's view of an account's reminders.</summary>
public sealed class ReminderService(
    ReminderStore store,
    ClientDirectory directory,
    AccountActivity activity,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    TimeProvider time
)
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

    public const int DefaultPage = 100;
    public const int MaxPage = 500;

    /// <summary>
    /// One page of the scheduled reminders, soonest first, after <paramref name="after"/> (a page's <see cref="ReminderItems.NextCursor"/>):
    /// partitions are days due, so only the days the page reaches are read, the first page's from <see cref="ReminderStore.LiveDays"/> ago.
    /// </summary>
    /// <remarks>As JSON, serialized once for every request that shares its load.</remarks>
    public async Task<SharedJson> UpcomingJsonAsync(AccountEntity account, string? after, int? limit, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var cursor = RowCursor.Parse(after);
        var today = ReminderKeys.Today(time);
        if (after is { Length: > 0 } && (cursor is null || !DateWindow.FilterAllows(cursor.Day, today)))
        {
            errors.Add("after", "This is not a page of the upcoming reminders: start again from the first.");
        }
        if (limit is < 1 or > MaxPage)
        {
            errors.Add("limit", $"Ask for 1 to {MaxPage} reminders at a time.");
        }
        errors.ThrowIfAny();
        var key = (account.Id, account.ETag.ToString(), activity.Of(account.Id), after, limit);
        return await _upcoming.GetAsync(
            key,
            async () =>
            {
                var page = await UpcomingPageAsync(account, cursor, limit ?? DefaultPage, today, CancellationToken.None);
                return SharedJson.Of(page, json.Value.SerializerOptions);
            },
            cancellationToken
        );
    }

    private readonly SharedLoads<(string, string, long, string?, int?), SharedJson> _upcoming = new();

    private async Task<ReminderItems> UpcomingPageAsync(AccountEntity account, RowCursor? cursor, int size, DateOnly today, CancellationToken cancellationToken)
    {
        var from = today.AddDays(-ReminderStore.LiveDays);
        if (cursor is not null && cursor.Day is var day && day > from)
        {
            from = day;
        }
        var filter =
            ReminderKeys.DaysFilter(account.Id, from)
            + " and "
            + TableClient.CreateQueryFilter($"(Status eq {ReminderStatus.Scheduled.Name()} or Status eq {ReminderStatus.Sending.Name()})");
        var table = await store.TableAsync(cancellationToken);
        var clientsTask = directory.GetAsync(account, cancellationToken);
        var rows = new List<ReminderEntity>();
        // Rows come a partition (a day due) at a time, and a later day is due later: once the page is full, the rest of
        // the partition being read decides its order, and no further page is asked for.
        string? fullAt = null;
        await foreach (
            var row in table.QueryAsync<ReminderEntity>(filter, maxPerPage: size + 50, select: ResponseColumns, cancellationToken: cancellationToken)
        )
        {
            if (fullAt is not null && row.PartitionKey != fullAt)
            {
                break;
            }
            if (cursor is null || cursor.IsFollowedBy(row.DueAt, row.RowKey, newestFirst: false))
            {
                rows.Add(row);
                if (rows.Count > size && fullAt is null)
                {
                    fullAt = row.PartitionKey;
                }
            }
        }
        var page = rows.OrderBy(r => r.DueAt).ThenBy(r => r.RowKey, StringComparer.Ordinal).Take(size + 1).ToList();
        var clients = await clientsTask;
        return new ReminderItems(
            [.. page.Take(size).Select(r => Response(r, clients.NameOf(r.ClientId)))],
            page.Count > size ? RowCursor.After(page[size - 1].DueAt, page[size - 1].RowKey) : null
        );
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
