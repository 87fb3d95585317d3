using ClientReminders.Calendars.Microsoft;

namespace ClientReminders.Calendars;

public sealed record ExportedCalendarConnection(string Id, string Kind, string Mailbox, string Status, int LookAheadDays, DateTimeOffset ConnectedAt);

/// <summary>A chosen Outlook calendar or an iCalendar feed; a feed's address only masked, as everywhere else it is shown.</summary>
public sealed record ExportedCalendar(
    string Id,
    string Kind,
    string? ConnectionId,
    string Name,
    string? FeedAddress,
    MatchingSettings Matching,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd,
    DateTimeOffset? LastSyncAt,
    string? LastError
);

public sealed record ExportedCalendarEvent(
    string Id,
    string CalendarId,
    string State,
    string? Reason,
    DateTimeOffset StartUtc,
    DateTimeOffset EndUtc,
    string TimeZone,
    string Subject,
    string Location,
    string? WebLink,
    string? AppointmentId,
    IReadOnlyList<string> CandidateClientIds
);

/// <summary>An answer in the review list: for one event or a whole series, the client it is with, or ignore.</summary>
public sealed record ExportedCalendarAssignment(string Id, string CalendarId, string Scope, string? ClientId, bool Ignore, DateTimeOffset CreatedAt);

public sealed record CalendarExport(
    IReadOnlyList<ExportedCalendarConnection> Connections,
    IReadOnlyList<ExportedCalendar> Calendars,
    IReadOnlyList<ExportedCalendarEvent> Events,
    IReadOnlyList<ExportedCalendarAssignment> Assignments
);

public sealed record CalendarCounts(int Connections, int SignInsInProgress, int Calendars, int Events, int Assignments);

/// <summary>
/// The account's calendar data for its owner's export and data summary: what they connected, chose, and answered, and the
/// events seen, decrypted. Never the tokens, the PKCE verifiers, Graph's delta links or a feed's full (secret) address.
/// </summary>
public sealed class CalendarData(TableClients tables, FieldCipher cipher, MicrosoftConnections connections, CalendarSources sources, CalendarEventSink sink)
{
    public async Task<CalendarExport> ExportAsync(string accountId, CancellationToken cancellationToken)
    {
        var exportedConnections = new List<ExportedCalendarConnection>();
        foreach (var connection in (await connections.ListAsync(accountId, cancellationToken)).OrderBy(c => c.ConnectedAt))
        {
            exportedConnections.Add(
                new ExportedCalendarConnection(
                    connection.Id,
                    connection.Kind,
                    await connections.MailboxAsync(accountId, connection, cancellationToken),
                    connection.Status,
                    connection.LookAheadDays,
                    connection.ConnectedAt
                )
            );
        }
        var calendars = new List<ExportedCalendar>();
        foreach (var source in await sources.SourcesAsync(accountId, cancellationToken))
        {
            var address =
                source.Kind == SourceKind.Ics
                    ? IcsFeedAddress.Mask(
                        await cipher.DecryptAsync(
                            accountId,
                            CalendarSources.Context(source, nameof(CalendarSourceEntity.FeedAddress)),
                            source.FeedAddress,
                            cancellationToken
                        )
                    )
                    : null;
            calendars.Add(
                new ExportedCalendar(
                    source.Id,
                    source.Kind,
                    source.Kind == SourceKind.Ics ? null : source.ConnectionId,
                    await cipher.DecryptAsync(accountId, CalendarSources.Context(source, nameof(CalendarSourceEntity.Name)), source.Name, cancellationToken)
                        ?? "",
                    address,
                    MatchingSettings.Of(source),
                    source.WindowStart,
                    source.WindowEnd,
                    source.LastSyncAt,
                    string.IsNullOrEmpty(source.LastError) ? null : source.LastError
                )
            );
        }
        var events = new List<ExportedCalendarEvent>();
        await foreach (var row in RowsAsync<CalendarEventEntity>(StorageTables.CalendarEvents, accountId, cancellationToken))
        {
            var item = await sink.EventOfAsync(accountId, row, cancellationToken);
            events.Add(
                new ExportedCalendarEvent(
                    row.RowKey,
                    row.SourceId,
                    row.State,
                    row.Reason,
                    row.StartUtc,
                    row.EndUtc,
                    row.TimeZone,
                    item.Subject,
                    item.Location,
                    row.WebLink,
                    string.IsNullOrEmpty(row.AppointmentId) ? null : row.AppointmentId,
                    (row.CandidateClientIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                )
            );
        }
        var assignments = new List<ExportedCalendarAssignment>();
        await foreach (var row in RowsAsync<CalendarAssignmentEntity>(StorageTables.CalendarAssignments, accountId, cancellationToken))
        {
            // The row key is "{sourceId}:{e|s}:{keyed hash}"; the hash means nothing outside this service.
            var scope = row.RowKey.Split(':') is [_, "s", _] ? "series" : "event";
            assignments.Add(new ExportedCalendarAssignment(row.RowKey, row.SourceId, scope, row.ClientId, row.Ignore, row.CreatedAt));
        }
        return new CalendarExport(
            exportedConnections,
            [.. calendars.OrderBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)],
            [.. events.OrderBy(e => e.StartUtc)],
            [.. assignments.OrderBy(a => a.CreatedAt)]
        );
    }

    public async Task<CalendarCounts> CountAsync(string accountId, CancellationToken cancellationToken) =>
        new(
            await CountAsync(StorageTables.CalendarConnections, accountId, cancellationToken),
            await CountAsync(StorageTables.CalendarConnectRequests, accountId, cancellationToken),
            await CountAsync(StorageTables.CalendarSources, accountId, cancellationToken),
            await CountAsync(StorageTables.CalendarEvents, accountId, cancellationToken),
            await CountAsync(StorageTables.CalendarAssignments, accountId, cancellationToken)
        );

    private async IAsyncEnumerable<T> RowsAsync<T>(StorageTable table, string accountId, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var client = await tables.GetAsync(table, cancellationToken);
        await foreach (var row in client.QueryAsync<T>(table.AccountFilter(accountId), cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    private async Task<int> CountAsync(StorageTable table, string accountId, CancellationToken cancellationToken)
    {
        var client = await tables.GetAsync(table, cancellationToken);
        var count = 0;
        await foreach (
            var _ in client.QueryAsync<TableEntity>(table.AccountFilter(accountId), maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken)
        )
        {
            count++;
        }
        return count;
    }
}
