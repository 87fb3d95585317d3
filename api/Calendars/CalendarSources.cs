using ClientReminders.Calendars.Microsoft;

namespace ClientReminders.Calendars;

/// <summary>What the owner sees and decides: connections and their chosen calendars, matching options, disconnecting, and the review list.</summary>
public sealed class CalendarSources(
    TableClients tables,
    FieldCipher cipher,
    MicrosoftConnections connections,
    CalendarEventSink sink,
    ClientStore clients,
    ClientDirectory directory,
    IcsSubscriptions feeds,
    GraphSubscriptions subscriptions,
    TimeProvider time
)
{
    public const int MaxLookAheadDays = 90;

    public static CipherContext Context(CalendarSourceEntity source, string field) => new(StorageTables.CalendarSources.Name, source.RowKey, field);

    public async Task<CalendarsOverview> OverviewAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var sources = await SourcesAsync(account.Id, cancellationToken);
        var list = new List<ConnectionResponse>();
        foreach (var connection in (await connections.ListAsync(account.Id, cancellationToken)).OrderBy(c => c.ConnectedAt))
        {
            var calendars = new List<CalendarSourceResponse>();
            foreach (var source in sources.Where(s => s.ConnectionId == connection.Id))
            {
                calendars.Add(await ResponseAsync(account.Id, source, cancellationToken));
            }
            list.Add(
                new ConnectionResponse(
                    connection.Id,
                    connection.Kind,
                    await connections.MailboxAsync(account.Id, connection, cancellationToken),
                    connection.Status,
                    connection.LookAheadDays,
                    connection.ConnectedAt,
                    [.. calendars.OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)]
                )
            );
        }
        var review = 0;
        await foreach (var _ in ReviewRowsAsync(account.Id, cancellationToken))
        {
            review++;
        }
        return new CalendarsOverview(connections.IsConfigured, list, review, await feeds.ListAsync(account.Id, sources, cancellationToken));
    }

    /// <summary>The mailbox's calendars from Graph, with which are chosen.</summary>
    public async Task<AvailableCalendars?> AvailableAsync(AccountEntity account, string connectionId, CancellationToken cancellationToken)
    {
        if (await connections.GetAsync(account.Id, connectionId, cancellationToken) is not { } connection)
        {
            return null;
        }
        var graphCalendars = await GraphCalendarsAsync(account, connection, cancellationToken);
        var chosen = (await SourcesAsync(account.Id, cancellationToken))
            .Where(s => s.ConnectionId == connectionId)
            .ToDictionary(s => s.ExternalId, StringComparer.Ordinal);
        return new AvailableCalendars([
            .. graphCalendars.Select(c => new AvailableCalendar(c.Id, c.Name, chosen.ContainsKey(c.Id), chosen.GetValueOrDefault(c.Id)?.Id)),
        ]);
    }

    /// <summary>Chooses calendars and their matching options; a calendar no longer chosen stops syncing (and, if asked, its future appointments are cancelled).</summary>
    public async Task<AvailableCalendars?> ChooseAsync(AccountEntity account, string connectionId, CalendarChoices input, CancellationToken cancellationToken)
    {
        if (await connections.GetAsync(account.Id, connectionId, cancellationToken) is not { } connection)
        {
            return null;
        }
        var errors = new FieldErrors();
        if (input.Calendars is not { } choices || choices.Any(c => string.IsNullOrEmpty(c.ExternalId)))
        {
            errors.Add("calendars", "Send the list of calendars, each with its externalId.");
        }
        errors.ThrowIfAny();
        var graphCalendars = (await GraphCalendarsAsync(account, connection, cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var unknown = input.Calendars!.FirstOrDefault(c => !graphCalendars.ContainsKey(c.ExternalId!));
        if (unknown is not null)
        {
            throw ValidationFailedException.For(
                "calendars",
                "One of the calendars is not in this Microsoft account (any more). Reload the list and choose again."
            );
        }
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var existing = (await SourcesAsync(account.Id, cancellationToken))
            .Where(s => s.ConnectionId == connectionId)
            .ToDictionary(s => s.ExternalId, StringComparer.Ordinal);
        var chosen = new List<CalendarSourceEntity>();
        foreach (var choice in input.Calendars!)
        {
            var calendar = graphCalendars[choice.ExternalId!];
            existing.TryGetValue(calendar.Id, out var source);
            if (!choice.Selected)
            {
                if (source is not null)
                {
                    await UnsubscribeAsync(account.Id, connection, [source], cancellationToken);
                    await RemoveSourceAsync(account, source, input.CancelFutureAppointments, cancellationToken);
                }
                continue;
            }
            source ??= new CalendarSourceEntity
            {
                PartitionKey = account.Id,
                RowKey = Guid.NewGuid().ToString("N"),
                Kind = SourceKind.Microsoft,
                ConnectionId = connectionId,
                ExternalId = calendar.Id,
            };
            source.Name = await cipher.EncryptAsync(account.Id, Context(source, nameof(CalendarSourceEntity.Name)), calendar.Name, cancellationToken);
            if (choice.Matching is { } matching)
            {
                source.MatchAttendeeEmail = matching.MatchAttendeeEmail;
                source.MatchNameInSubject = matching.MatchNameInSubject;
                source.MatchContactInText = matching.MatchContactInText;
                source.CreateClients = matching.CreateClients;
                source.IncludeAllDay = matching.IncludeAllDay;
                source.IncludeFree = matching.IncludeFree;
                // New options apply to every event: the next scan re-reads the calendar in full.
                source.DeltaLink = null;
                source.ResumeLink = null;
                source.WindowStart = null;
            }
            await table.UpsertEntityAsync(source, TableUpdateMode.Replace, cancellationToken);
            chosen.Add(source);
        }
        await SubscribeAsync(account.Id, connection, chosen, cancellationToken);
        return await AvailableAsync(account, connectionId, cancellationToken);
    }

    public async Task<ConnectionResponse?> SetLookAheadAsync(
        AccountEntity account,
        string connectionId,
        ConnectionSettings input,
        CancellationToken cancellationToken
    )
    {
        if (await connections.GetAsync(account.Id, connectionId, cancellationToken) is not { } connection)
        {
            return null;
        }
        if (input.LookAheadDays is not (>= 1 and <= MaxLookAheadDays) || input.LookAheadDays is not { } days)
        {
            throw ValidationFailedException.For("lookAheadDays", $"Choose between 1 and {MaxLookAheadDays} days.");
        }
        await connections.SetLookAheadAsync(connection, days, cancellationToken);
        return (await OverviewAsync(account, cancellationToken)).Connections.Single(c => c.Id == connectionId);
    }

    /// <summary>Deletes the tokens and every chosen calendar of the connection; with the owner's confirmation, cancels their future appointments.</summary>
    public async Task<DisconnectResult?> DisconnectAsync(AccountEntity account, string connectionId, bool cancelFuture, CancellationToken cancellationToken)
    {
        if (await connections.GetAsync(account.Id, connectionId, cancellationToken) is not { } connection)
        {
            return null;
        }
        var chosen = (await SourcesAsync(account.Id, cancellationToken)).Where(s => s.ConnectionId == connectionId).ToList();
        // While the tokens still work: Graph stops telling us of changes to calendars we no longer read.
        await UnsubscribeAsync(account.Id, connection, chosen, cancellationToken);
        await connections.DeleteAsync(connection, cancellationToken);
        var cancelled = 0;
        foreach (var source in chosen)
        {
            cancelled += await RemoveSourceAsync(account, source, cancelFuture, cancellationToken);
        }
        return new DisconnectResult(cancelled);
    }

    public async Task<ReviewList> ReviewAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var names = (await SourcesAsync(account.Id, cancellationToken)).ToDictionary(s => s.Id, s => s, StringComparer.Ordinal);
        var clientNames = (await directory.GetAsync(account, cancellationToken)).Clients.ToDictionary(c => c.Id, c => c.Name, StringComparer.Ordinal);
        var items = new List<ReviewItem>();
        await foreach (var row in ReviewRowsAsync(account.Id, cancellationToken))
        {
            if (!names.TryGetValue(row.SourceId, out var source))
            {
                continue;
            }
            var item = await sink.EventOfAsync(account.Id, row, cancellationToken);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(row.TimeZone);
            items.Add(
                new ReviewItem(
                    row.RowKey,
                    row.SourceId,
                    await cipher.DecryptAsync(account.Id, Context(source, nameof(CalendarSourceEntity.Name)), source.Name, cancellationToken) ?? "",
                    item.Subject,
                    Local(row.StartUtc, zone),
                    Local(row.EndUtc, zone),
                    row.TimeZone,
                    item.Location,
                    row.WebLink,
                    row.Reason ?? "unmatched",
                    row.SeriesHash is not null,
                    [
                        .. (row.CandidateClientIds ?? "")
                            .Split(',', StringSplitOptions.RemoveEmptyEntries)
                            .Where(clientNames.ContainsKey)
                            .Select(id => new ReviewCandidate(id, clientNames[id])),
                    ]
                )
            );
        }
        return new ReviewList([.. items.OrderBy(i => i.Start, StringComparer.Ordinal)]);
    }

    /// <summary>Assigns a review item (or its whole series) to a client, or ignores it; remembered for later syncs.</summary>
    public async Task<ReviewOutcome?> AnswerAsync(AccountEntity account, string reviewId, ReviewAnswer answer, bool ignore, CancellationToken cancellationToken)
    {
        var events = await tables.GetAsync(StorageTables.CalendarEvents, cancellationToken);
        if (
            reviewId.Length > 200
            || !reviewId.Contains(':', StringComparison.Ordinal)
            || await events.GetEntityIfExistsAsync<CalendarEventEntity>(account.Id, reviewId, cancellationToken: cancellationToken)
                is not { HasValue: true } found
            || found.Value!.State is not (EventState.Review or EventState.Ignored)
        )
        {
            return null;
        }
        var row = found.Value;
        var scope = answer.Scope ?? "event";
        if (scope is not ("event" or "series"))
        {
            throw ValidationFailedException.For("scope", "Choose \"event\" or \"series\".");
        }
        if (
            !ignore
            && (
                answer.ClientId is not { Length: > 0 } clientId
                || await clients.GetAsync(account.Id, clientId, cancellationToken) is not { Status: not ClientStatus.Anonymised }
            )
        )
        {
            throw ValidationFailedException.For("clientId", "Choose the client this appointment is with.");
        }
        var series = scope == "series" && row.SeriesHash is not null;
        var assignment = new CalendarAssignmentEntity
        {
            PartitionKey = account.Id,
            RowKey = CalendarEventSink.AssignmentKey(row.SourceId, series ? "s" : "e", series ? row.SeriesHash! : row.EventKeyHash),
            SourceId = row.SourceId,
            ClientId = ignore ? null : answer.ClientId,
            Ignore = ignore,
            CreatedAt = time.GetUtcNow(),
        };
        var assignments = await tables.GetAsync(StorageTables.CalendarAssignments, cancellationToken);
        await assignments.UpsertEntityAsync(assignment, TableUpdateMode.Replace, cancellationToken);
        var rows = new List<CalendarEventEntity> { row };
        if (series)
        {
            await foreach (var other in ReviewRowsAsync(account.Id, cancellationToken))
            {
                if (other.SeriesHash == row.SeriesHash && other.SourceId == row.SourceId && other.RowKey != row.RowKey)
                {
                    rows.Add(other);
                }
            }
        }
        var source = (await SourcesAsync(account.Id, cancellationToken)).Single(s => s.Id == row.SourceId);
        var context = new SourceContext(
            account,
            source,
            await cipher.DecryptAsync(account.Id, Context(source, nameof(CalendarSourceEntity.Name)), source.Name, cancellationToken) ?? ""
        );
        return new ReviewOutcome(await sink.ReapplyAsync(context, rows, cancellationToken));
    }

    public async Task<List<CalendarSourceEntity>> SourcesAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var list = await table.ListPartitionAsync<CalendarSourceEntity>(accountId, cancellationToken);
        return list;
    }

    private async IAsyncEnumerable<CalendarEventEntity> ReviewRowsAsync(string accountId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarEvents, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and State eq {EventState.Review} and StartUtc ge {time.GetUtcNow()}");
        await foreach (var row in table.QueryAsync<CalendarEventEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>The account is closing: Graph stops telling us of its calendars' changes (their rows go with the retention purge).</summary>
    public async Task UnsubscribeAllAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var sources = await SourcesAsync(account.Id, cancellationToken);
        foreach (var connection in await connections.ListAsync(account.Id, cancellationToken))
        {
            await UnsubscribeAsync(account.Id, connection, [.. sources.Where(s => s.ConnectionId == connection.Id)], cancellationToken);
        }
    }

    /// <summary>Chosen calendars get their Graph subscription at once, so changes arrive in seconds from the start; a failure leaves it to the next scan.</summary>
    private async Task SubscribeAsync(
        string accountId,
        CalendarConnectionEntity connection,
        IReadOnlyList<CalendarSourceEntity> sources,
        CancellationToken cancellationToken
    )
    {
        if (sources.Count == 0)
        {
            return;
        }
        try
        {
            var open = await connections.OpenAsync(accountId, connection, cancellationToken);
            foreach (var source in sources)
            {
                await subscriptions.EnsureAsync(open.Mailbox, source, renewNow: false, cancellationToken);
            }
            await connections.SaveTokensAsync(accountId, open, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException) { }
    }

    /// <summary>Deletes the calendars' Graph subscriptions, there and here; one that cannot be deleted there lapses unrenewed within a week.</summary>
    private async Task UnsubscribeAsync(
        string accountId,
        CalendarConnectionEntity connection,
        IReadOnlyList<CalendarSourceEntity> sources,
        CancellationToken cancellationToken
    )
    {
        var subscribed = sources.Where(s => s.SubscriptionId is { Length: > 0 }).ToList();
        if (subscribed.Count == 0)
        {
            return;
        }
        OpenConnection? open = null;
        try
        {
            open = await connections.OpenAsync(accountId, connection, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException) { }
        foreach (var source in subscribed)
        {
            await subscriptions.RemoveAsync(source, open?.Mailbox, cancellationToken);
        }
        if (open is not null)
        {
            await connections.SaveTokensAsync(accountId, open, cancellationToken);
        }
    }

    private async Task<int> RemoveSourceAsync(AccountEntity account, CalendarSourceEntity source, bool cancelFuture, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(source.PartitionKey, source.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
        return await sink.ForgetSourceAsync(account, source.Id, cancelFuture, cancellationToken);
    }

    private async Task<IReadOnlyList<GraphCalendar>> GraphCalendarsAsync(
        AccountEntity account,
        CalendarConnectionEntity connection,
        CancellationToken cancellationToken
    )
    {
        var open = await connections.OpenAsync(account.Id, connection, cancellationToken);
        try
        {
            return await open.Mailbox.CalendarsAsync(cancellationToken);
        }
        finally
        {
            await connections.SaveTokensAsync(account.Id, open, cancellationToken);
        }
    }

    private async Task<CalendarSourceResponse> ResponseAsync(string accountId, CalendarSourceEntity source, CancellationToken cancellationToken) =>
        new(
            source.Id,
            source.Kind,
            await cipher.DecryptAsync(accountId, Context(source, nameof(CalendarSourceEntity.Name)), source.Name, cancellationToken) ?? "",
            MatchingSettings.Of(source),
            source.LastSyncAt,
            string.IsNullOrEmpty(source.LastError) ? null : source.LastError,
            source.IsSubscribed(time.GetUtcNow())
        );

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture);
}
