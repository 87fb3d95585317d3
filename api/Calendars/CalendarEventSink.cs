namespace ClientReminders.Calendars;

/// <summary>
/// The account, the calendar and its decrypted name, for one pass over a calendar's events. A full sync also holds the
/// calendar's remembered event rows and the owner's assignments, read once, instead of reading them event by event.
/// </summary>
public sealed record SourceContext(AccountEntity Account, CalendarSourceEntity Source, string Name)
{
    public ConcurrentDictionary<string, CalendarEventEntity>? Rows { get; init; }

    public IReadOnlyDictionary<string, CalendarAssignmentEntity>? Assignments { get; init; }

    /// <summary>The Outlook sync round, written on every event row it applies.</summary>
    public string? Round { get; init; }

    public MatchOptions Matching => new(Source.MatchAttendeeEmail, Source.MatchNameInSubject, Source.MatchContactInText, Source.CreateClients);
}

/// <summary>
/// Where normalized events from any calendar source land: each is remembered (keyed hash of its id), skipped, matched to a
/// client and turned into an appointment, or put on the review list; removals and cancellations cancel the right appointment.
/// </summary>
public sealed class CalendarEventSink(
    TableClients tables,
    FieldCipher cipher,
    KeyRing keys,
    ClientMatcher matcher,
    ClientService clients,
    ClientStore store,
    CalendarAppointments appointments,
    IOptions<CalendarOptions> options,
    TimeProvider time
)
{
    public string Hash(string accountId, string value) => keys.BlindIndex("calendar-event", accountId + "|" + value);

    public string RowKeyFor(SourceContext context, string eventId) => $"{context.Source.Id}:{Hash(context.Account.Id, eventId)}";

    /// <summary>Applies a new or changed event; returns the row key it is remembered under.</summary>
    public async Task<string> ApplyAsync(SourceContext context, CalendarEvent item, CancellationToken cancellationToken)
    {
        var accountId = context.Account.Id;
        var table = await tables.GetAsync(StorageTables.CalendarEvents, cancellationToken);
        var rowKey = RowKeyFor(context, item.Id);
        var row = await RowAsync(context, table, rowKey, cancellationToken) ?? new CalendarEventEntity { PartitionKey = accountId, RowKey = rowKey };
        var before = row.State;
        row.SourceId = context.Source.Id;
        row.SyncRound = context.Round;
        row.EventKeyHash = Hash(accountId, item.Key);
        row.SeriesHash = item.SeriesId is { Length: > 0 } series ? Hash(accountId, series) : null;
        row.AppointmentId = appointments.IdFor(accountId, context.Source.Id, item.Key);
        row.StartUtc = item.StartUtc;
        row.EndUtc = item.EndUtc;
        row.TimeZone = item.TimeZone;
        row.Subject = await cipher.EncryptAsync(accountId, Context(row, nameof(CalendarEventEntity.Subject)), item.Subject, cancellationToken);
        row.Location = await cipher.EncryptAsync(accountId, Context(row, nameof(CalendarEventEntity.Location)), item.Location, cancellationToken);
        row.WebLink = item.WebLink;
        await DecideAsync(context, row, item, cancellationToken);
        if (before == EventState.Appointment && row.State != EventState.Appointment)
        {
            await appointments.CancelAsync(context.Account, row.AppointmentId, cancellationToken);
        }
        var saved = await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        row.ETag = saved.Headers.ETag ?? ETag.All;
        if (context.Rows is { } rows)
        {
            rows[rowKey] = row;
        }
        return rowKey;
    }

    /// <summary>The remembered row of an event: from the rows a full sync read at its start, else read on its own.</summary>
    private static async Task<CalendarEventEntity?> RowAsync(SourceContext context, TableClient table, string rowKey, CancellationToken cancellationToken)
    {
        if (context.Rows is { } rows)
        {
            return rows.TryGetValue(rowKey, out var known) ? known : null;
        }
        var found = await table.GetEntityIfExistsAsync<CalendarEventEntity>(context.Account.Id, rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value! : null;
    }

    /// <summary>The context for a full sync of a calendar: its remembered rows and its assignments, each read with one query.</summary>
    public async Task<SourceContext> ForFullSyncAsync(SourceContext context, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarEvents, cancellationToken);
        var rows = new ConcurrentDictionary<string, CalendarEventEntity>(StringComparer.Ordinal);
        await foreach (var row in RowsAsync(table, context.Account.Id, context.Source.Id, cancellationToken))
        {
            rows[row.RowKey] = row;
        }
        var assignments = await tables.GetAsync(StorageTables.CalendarAssignments, cancellationToken);
        var sourceId = context.Source.Id;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {context.Account.Id} and RowKey ge {sourceId + ":"} and RowKey lt {sourceId + ";"}");
        var known = new Dictionary<string, CalendarAssignmentEntity>(StringComparer.Ordinal);
        await foreach (var assignment in assignments.QueryAsync<CalendarAssignmentEntity>(filter, cancellationToken: cancellationToken))
        {
            known[assignment.RowKey] = assignment;
        }
        return context with { Rows = rows, Assignments = known };
    }

    /// <summary>An event deleted at the source (or moved out of the window): its appointment is cancelled, unless it lies outside [windowStart, windowEnd).</summary>
    public async Task RemoveAsync(
        SourceContext context,
        string eventId,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.CalendarEvents, cancellationToken);
        var rowKey = RowKeyFor(context, eventId);
        if (await RowAsync(context, table, rowKey, cancellationToken) is { } row)
        {
            await ForgetAsync(context.Account, table, row, windowStart, windowEnd, cancellationToken);
            context.Rows?.TryRemove(rowKey, out _);
        }
    }

    /// <summary>After a full sync: events remembered in the window that the source no longer has (neither seen nor written by this round) were deleted meanwhile.</summary>
    public async Task<int> ReconcileAsync(
        SourceContext context,
        IReadOnlySet<string> seen,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.CalendarEvents, cancellationToken);
        var gone = 0;
        await foreach (var row in RowsAsync(table, context.Account.Id, context.Source.Id, cancellationToken))
        {
            if (
                !seen.Contains(row.RowKey)
                && (context.Round is null || row.SyncRound != context.Round)
                && row.StartUtc >= windowStart
                && row.StartUtc < windowEnd
            )
            {
                await ForgetAsync(context.Account, table, row, windowStart, windowEnd, cancellationToken);
                gone++;
            }
        }
        return gone;
    }

    /// <summary>Re-decides remembered events after the owner answered in the review list; returns how many now have an appointment.</summary>
    public async Task<int> ReapplyAsync(SourceContext context, IReadOnlyList<CalendarEventEntity> rows, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarEvents, cancellationToken);
        var appointed = 0;
        foreach (var row in rows)
        {
            var item = await EventOfAsync(context.Account.Id, row, cancellationToken);
            var before = row.State;
            await DecideAsync(context, row, item, cancellationToken);
            if (before == EventState.Appointment && row.State != EventState.Appointment)
            {
                await appointments.CancelAsync(context.Account, row.AppointmentId, cancellationToken);
            }
            await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
            appointed += row.State == EventState.Appointment ? 1 : 0;
        }
        return appointed;
    }

    /// <summary>Deletes what a calendar left behind; with <paramref name="cancelFuture"/>, its appointments still to come are cancelled first.</summary>
    public async Task<int> ForgetSourceAsync(AccountEntity account, string sourceId, bool cancelFuture, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarEvents, cancellationToken);
        var now = time.GetUtcNow();
        var cancelled = 0;
        await foreach (var row in RowsAsync(table, account.Id, sourceId, cancellationToken))
        {
            if (cancelFuture && row.State == EventState.Appointment && row.StartUtc > now)
            {
                await appointments.CancelAsync(account, row.AppointmentId, cancellationToken);
                cancelled++;
            }
            await DeleteAsync(table, row, cancellationToken);
        }
        var assignments = await tables.GetAsync(StorageTables.CalendarAssignments, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {account.Id} and RowKey ge {sourceId + ":"} and RowKey lt {sourceId + ";"}");
        await foreach (var assignment in assignments.QueryAsync<CalendarAssignmentEntity>(filter, cancellationToken: cancellationToken))
        {
            await assignments.DeleteEntityAsync(assignment.PartitionKey, assignment.RowKey, ETag.All, cancellationToken);
        }
        return cancelled;
    }

    public static CipherContext Context(CalendarEventEntity row, string field) => new(StorageTables.CalendarEvents.Name, row.RowKey, field);

    public async Task<CalendarEvent> EventOfAsync(string accountId, CalendarEventEntity row, CancellationToken cancellationToken) =>
        new(
            row.RowKey,
            null,
            null,
            row.StartUtc,
            row.EndUtc,
            row.TimeZone,
            await cipher.DecryptAsync(accountId, Context(row, nameof(CalendarEventEntity.Subject)), row.Subject, cancellationToken) ?? "",
            "",
            await cipher.DecryptAsync(accountId, Context(row, nameof(CalendarEventEntity.Location)), row.Location, cancellationToken) ?? "",
            [],
            false,
            false,
            false,
            row.WebLink
        );

    public static async IAsyncEnumerable<CalendarEventEntity> RowsAsync(
        TableClient table,
        string accountId,
        string sourceId,
        [EnumeratorCancellation] CancellationToken cancellationToken
    )
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {sourceId + ":"} and RowKey lt {sourceId + ";"}");
        await foreach (var row in table.QueryAsync<CalendarEventEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    private async Task DecideAsync(SourceContext context, CalendarEventEntity row, CalendarEvent item, CancellationToken cancellationToken)
    {
        var source = context.Source;
        row.Reason = null;
        row.CandidateClientIds = null;
        if (item.IsCancelled)
        {
            row.State = EventState.Cancelled;
            return;
        }
        if (SkipReason(source, item) is { } skip)
        {
            row.State = EventState.Skipped;
            row.Reason = skip;
            return;
        }
        if (await AssignmentAsync(context, row, cancellationToken) is { } assignment)
        {
            if (assignment.Ignore || assignment.ClientId is null)
            {
                row.State = EventState.Ignored;
                return;
            }
            await AppointAsync(context, row, assignment.ClientId, item, cancellationToken);
            return;
        }
        var match = await matcher.MatchAsync(context.Account, item, context.Matching, cancellationToken);
        if (match is MatchResult.NewClient newClient)
        {
            try
            {
                var created = await clients.CreateAsync(context.Account, new ClientInput(newClient.Name, newClient.Mobile, newClient.Email), cancellationToken);
                match = new MatchResult.Matched(created.Id, "new client");
            }
            catch (ValidationFailedException)
            {
                match = new MatchResult.Unmatched();
            }
        }
        switch (match)
        {
            case MatchResult.Matched matched:
                await AppointAsync(context, row, matched.ClientId, item, cancellationToken);
                break;
            case MatchResult.Ambiguous ambiguous:
                row.State = EventState.Review;
                row.Reason = "ambiguous";
                row.CandidateClientIds = string.Join(',', ambiguous.ClientIds);
                break;
            default:
                row.State = EventState.Review;
                row.Reason = "unmatched";
                break;
        }
    }

    private async Task AppointAsync(SourceContext context, CalendarEventEntity row, string clientId, CalendarEvent item, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(context.Account.Id, clientId, cancellationToken) is not { } client || client.Status == ClientStatus.Anonymised)
        {
            row.State = EventState.Review;
            row.Reason = "unmatched";
            return;
        }
        row.State = EventState.Appointment;
        // A row never saved (no ETag) is an event seen for the first time.
        await appointments.UpsertAsync(
            context.Account,
            context.Source,
            context.Name,
            row.AppointmentId,
            clientId,
            item,
            cancellationToken,
            firstSeen: row.ETag == default
        );
    }

    private string? SkipReason(CalendarSourceEntity source, CalendarEvent item) =>
        item.IsAllDay && !source.IncludeAllDay ? "all-day"
        : item.IsFree && !source.IncludeFree ? "free"
        : item.Subject.Contains(options.Value.NoRemindTag, StringComparison.OrdinalIgnoreCase) ? "tagged"
        : null;

    private async Task<CalendarAssignmentEntity?> AssignmentAsync(SourceContext context, CalendarEventEntity row, CancellationToken cancellationToken)
    {
        var sourceId = context.Source.Id;
        var table = await tables.GetAsync(StorageTables.CalendarAssignments, cancellationToken);
        foreach (
            var key in new[] { AssignmentKey(sourceId, "e", row.EventKeyHash), row.SeriesHash is { } series ? AssignmentKey(sourceId, "s", series) : null }
        )
        {
            if (key is null)
            {
                continue;
            }
            if (context.Assignments is { } known)
            {
                if (known.TryGetValue(key, out var assignment))
                {
                    return assignment;
                }
            }
            else if (
                await table.GetEntityIfExistsAsync<CalendarAssignmentEntity>(context.Account.Id, key, cancellationToken: cancellationToken) is
                { HasValue: true } found
            )
            {
                return found.Value;
            }
        }
        return null;
    }

    public static string AssignmentKey(string sourceId, string scope, string hash) => $"{sourceId}:{scope}:{hash}";

    private async Task ForgetAsync(
        AccountEntity account,
        TableClient table,
        CalendarEventEntity row,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        CancellationToken cancellationToken
    )
    {
        if (row.State == EventState.Appointment && row.StartUtc >= windowStart && row.StartUtc < windowEnd)
        {
            await appointments.CancelAsync(account, row.AppointmentId, cancellationToken);
        }
        await DeleteAsync(table, row, cancellationToken);
    }

    private static async Task DeleteAsync(TableClient table, CalendarEventEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }
}
