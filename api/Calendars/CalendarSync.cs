using ClientReminders.Calendars.Microsoft;

namespace ClientReminders.Calendars;

/// <summary>
/// The SyncCalendars timer: every chosen Outlook calendar through calendarView/delta over its window (today, UTC, plus the
/// look-ahead). Between window moves a scan of an unchanged calendar is one Graph request (its delta link); a lost sync
/// state or a new day's window means a full sync, reconciled against what was remembered. Mailboxes sync side by side,
/// at most 4 requests each; one calendar failing never stops the others. A calendar Graph notifies us about is scanned by
/// the timer only as a safety net (hourly by default), and at once when a notification comes (GraphNotifications).
/// </summary>
public sealed class CalendarSync(
    TableClients tables,
    FieldCipher cipher,
    AccountStore accounts,
    MicrosoftConnections connections,
    CalendarEventSink sink,
    GraphSubscriptions subscriptions,
    IcsFeedSync feeds,
    IOptions<CalendarOptions> options,
    IOptions<GraphOptions> graph,
    TimeProvider time,
    ILogger<CalendarSync> logger
)
{
    /// <param name="Busy">Calendars another scan held, left to it.</param>
    public sealed record Outcome(int Calendars, int Failed, int Busy = 0);

    /// <summary>How long a scan holds its calendar at most: one still running after this (past the function timeout) is taken as dead.</summary>
    private static readonly TimeSpan SyncLease = TimeSpan.FromMinutes(10);

    /// <summary>Outlook calendars and iCalendar feeds side by side, so a slow feed does not hold up the mailboxes or the other way round.</summary>
    public async Task<Outcome> SyncAllAsync(CancellationToken cancellationToken)
    {
        var outlookTask = SyncAllOutlookAsync(cancellationToken);
        var icsTask = feeds.SyncAllAsync(cancellationToken);
        await Task.WhenAll(outlookTask, icsTask);
        var (outlook, ics) = (await outlookTask, await icsTask);
        return new Outcome(outlook.Calendars + ics.Feeds, outlook.Failed + ics.Failed);
    }

    /// <summary>Syncs the account's calendars and feeds now (the owner asked, or a calendar was just chosen).</summary>
    public async Task<Outcome> SyncAccountAsync(string accountId, CancellationToken cancellationToken)
    {
        var outlookTask = SyncAccountOutlookAsync(accountId, cancellationToken);
        var icsTask = feeds.SyncAccountAsync(accountId, cancellationToken);
        await Task.WhenAll(outlookTask, icsTask);
        var (outlook, ics) = (await outlookTask, await icsTask);
        return new Outcome(outlook.Calendars + ics.Feeds, outlook.Failed + ics.Failed);
    }

    private async Task<Outcome> SyncAllOutlookAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var sources = await table.ListAsync<CalendarSourceEntity>(
            TableClient.CreateQueryFilter($"Kind eq {SourceKind.Microsoft}"),
            cancellationToken: cancellationToken
        );
        var now = time.GetUtcNow();
        var due = sources.Where(s => IsDue(s, now)).ToList();
        var failed = 0;
        var mailboxes = due.GroupBy(s => (s.PartitionKey, s.ConnectionId)).ToList();
        await Parallel.ForEachAsync(
            mailboxes,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentCalendars, CancellationToken = cancellationToken },
            async (mailbox, ct) =>
            {
                var outcome = await SyncMailboxAsync(mailbox.Key.PartitionKey, mailbox.Key.ConnectionId, [.. mailbox], ct);
                Interlocked.Add(ref failed, outcome.Failed);
            }
        );
        return new Outcome(due.Count, failed);
    }

    /// <summary>
    /// Whether the timer scans the calendar now: its window moves with the day, a round was cut short, its subscription is
    /// at half its life, or its poll interval has passed (long while Graph notifies us, short while it does not).
    /// </summary>
    private bool IsDue(CalendarSourceEntity source, DateTimeOffset now)
    {
        var settings = options.Value;
        var subscribed = settings.ChangeNotifications && source.IsSubscribed(now);
        // A calendar whose last scan failed is tried again soon, whatever Graph promises to tell us.
        var interval = subscribed && !source.LastSyncFailed ? settings.PollWhileSubscribed : settings.PollWithoutSubscription;
        // The timer's own schedule jitters: a run a little early still counts.
        var slack = TimeSpan.FromSeconds(30);
        return source.WindowStart != new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero)
            || source.ResumeLink is { Length: > 0 }
            || (subscribed && source.SubscriptionExpiresAt - now <= GraphSubscriptions.Life / 2)
            || source.LastSyncAt is not { } last
            || now - last >= interval - slack;
    }

    /// <summary>
    /// One calendar now (a Graph notification named it); <paramref name="renewSubscription"/> when Graph asked for that first. A
    /// calendar another scan holds is reported busy, so the notification's message comes back once that scan is over.
    /// </summary>
    public async Task<Outcome> SyncOneAsync(string accountId, string sourceId, bool renewSubscription, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<CalendarSourceEntity>(accountId, sourceId, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value!.Kind != SourceKind.Microsoft)
        {
            return new Outcome(0, 0);
        }
        return await SyncMailboxAsync(accountId, found.Value.ConnectionId, [found.Value], cancellationToken, renewSubscription);
    }

    private async Task<Outcome> SyncAccountOutlookAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var sources = await table.ListAsync<CalendarSourceEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and Kind eq {SourceKind.Microsoft}"),
            cancellationToken: cancellationToken
        );
        var failed = 0;
        foreach (var mailbox in sources.GroupBy(s => s.ConnectionId))
        {
            failed += (await SyncMailboxAsync(accountId, mailbox.Key, [.. mailbox], cancellationToken)).Failed;
        }
        return new Outcome(sources.Count, failed);
    }

    private async Task<Outcome> SyncMailboxAsync(
        string accountId,
        string connectionId,
        IReadOnlyList<CalendarSourceEntity> sources,
        CancellationToken cancellationToken,
        bool renewSubscriptions = false
    )
    {
        try
        {
            if (
                await accounts.GetAsync(accountId, cancellationToken) is not { Status: AccountStatus.Active } account
                || await connections.GetAsync(accountId, connectionId, cancellationToken) is not { Status: ConnectionStatus.Connected } connection
            )
            {
                return new Outcome(0, 0);
            }
            var open = await connections.OpenAsync(accountId, connection, cancellationToken);
            var failed = 0;
            var reconnect = 0;
            var busy = 0;
            await Parallel.ForEachAsync(
                sources,
                new ParallelOptions { MaxDegreeOfParallelism = graph.Value.MaxConcurrentRequestsPerMailbox, CancellationToken = cancellationToken },
                async (source, ct) =>
                {
                    if (!await TryLeaseAsync(source, ct))
                    {
                        Interlocked.Increment(ref busy);
                        return;
                    }
                    try
                    {
                        await SubscribeAsync(open.Mailbox, source, renewSubscriptions, ct);
                        await SyncCalendarAsync(account, connection, open.Mailbox, source, ct);
                    }
                    catch (ReconnectRequiredException)
                    {
                        Interlocked.Increment(ref reconnect);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        Interlocked.Increment(ref failed);
                        logger.LogWarning("Calendar {SourceId} of account {AccountId} did not sync: {Error}", source.Id, accountId, exception.GetType().Name);
                        await RecordErrorAsync(source, "The last sync failed; it will be tried again.", ct);
                    }
                    finally
                    {
                        await ReleaseLeaseAsync(source);
                    }
                }
            );
            await connections.SaveTokensAsync(accountId, open, cancellationToken);
            if (reconnect > 0)
            {
                await connections.MarkNeedsReconnectingAsync(account, connectionId, cancellationToken);
            }
            return new Outcome(sources.Count, failed + reconnect, busy);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Calendars of connection {ConnectionId} did not sync: {Error}", connectionId, exception.GetType().Name);
            return new Outcome(sources.Count, sources.Count);
        }
    }

    /// <summary>
    /// Takes the calendar for this scan unless another holds it (a notification's scan and the timer's, or two instances):
    /// two scans at once could write an event's older state over its newer one, or reconcile away what the other just wrote.
    /// </summary>
    private async Task<bool> TryLeaseAsync(CalendarSourceEntity source, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var now = time.GetUtcNow();
        // First against the row as it was listed (no extra read); when it changed since, once more as it is now.
        var (leasedUntil, etag) = (source.SyncLeaseUntil, source.ETag);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (leasedUntil is { } until && until > now)
            {
                return false;
            }
            var lease = new TableEntity(source.PartitionKey, source.RowKey) { [nameof(CalendarSourceEntity.SyncLeaseUntil)] = now + SyncLease };
            if (await table.TryUpdateAsync(lease, etag, TableUpdateMode.Merge, cancellationToken))
            {
                return true;
            }
            var found = await table.GetEntityIfExistsAsync<TableEntity>(
                source.PartitionKey,
                source.RowKey,
                [nameof(CalendarSourceEntity.SyncLeaseUntil)],
                cancellationToken
            );
            if (!found.HasValue)
            {
                return false;
            }
            (leasedUntil, etag) = (found.Value!.GetDateTimeOffset(nameof(CalendarSourceEntity.SyncLeaseUntil)), found.Value.ETag);
        }
        return false;
    }

    private async Task ReleaseLeaseAsync(CalendarSourceEntity source)
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, CancellationToken.None);
        try
        {
            // A merge cannot remove a column: the epoch stands for "free".
            await table.UpdateEntityAsync(
                new TableEntity(source.PartitionKey, source.RowKey) { [nameof(CalendarSourceEntity.SyncLeaseUntil)] = DateTimeOffset.UnixEpoch },
                ETag.All,
                TableUpdateMode.Merge,
                CancellationToken.None
            );
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    /// <summary>A subscription that cannot be made or renewed never stops the scan: the calendar is then polled often instead.</summary>
    private async Task SubscribeAsync(GraphMailbox mailbox, CalendarSourceEntity source, bool renew, CancellationToken cancellationToken)
    {
        try
        {
            await subscriptions.EnsureAsync(mailbox, source, renew, cancellationToken);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or ReconnectRequiredException))
        {
            logger.LogWarning("Calendar {SourceId}: its Graph subscription could not be checked ({Error})", source.Id, exception.GetType().Name);
        }
    }

    private async Task SyncCalendarAsync(
        AccountEntity account,
        CalendarConnectionEntity connection,
        GraphMailbox mailbox,
        CalendarSourceEntity source,
        CancellationToken cancellationToken
    )
    {
        var name = await cipher.DecryptAsync(account.Id, CalendarSources.Context(source, nameof(CalendarSourceEntity.Name)), source.Name, cancellationToken)
            ?? "";
        var context = new SourceContext(account, source, name);
        var windowStart = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var windowEnd = windowStart.AddDays(connection.LookAheadDays > 0 ? connection.LookAheadDays : options.Value.DefaultLookAheadDays);
        var deltaLink = await cipher.DecryptAsync(
            account.Id,
            CalendarSources.Context(source, nameof(CalendarSourceEntity.DeltaLink)),
            source.DeltaLink,
            cancellationToken
        );
        var full = deltaLink is null || source.WindowStart != windowStart || source.WindowEnd != windowEnd;
        var round = Guid.NewGuid().ToString("N");
        DeltaPage? page = null;
        if (await ResumeLinkAsync(source, windowStart, windowEnd, cancellationToken) is { } resumeLink)
        {
            try
            {
                page = await mailbox.FollowAsync(resumeLink, cancellationToken);
                (full, round) = (source.ResumeFull, source.ResumeRound!);
                logger.LogInformation("Calendar {SourceId}: resuming sync round {Round}", source.Id, round);
            }
            catch (SyncStateLostException)
            {
                logger.LogInformation("Calendar {SourceId}: the interrupted sync round can no longer be resumed", source.Id);
            }
        }
        if (page is null && !full)
        {
            try
            {
                page = await mailbox.FollowAsync(deltaLink!, cancellationToken);
            }
            catch (SyncStateLostException)
            {
                logger.LogInformation("Calendar {SourceId}: sync state lost, syncing in full", source.Id);
                full = true;
            }
        }
        page ??= await mailbox.StartDeltaAsync(source.ExternalId, windowStart, windowEnd, cancellationToken);
        if (full)
        {
            context = await sink.ForFullSyncAsync(context, cancellationToken);
        }
        context = context with { Round = round };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            await ApplyPageAsync(context, page, seen, windowStart, windowEnd, cancellationToken);
            if (page.NextLink is { } next)
            {
                await SaveResumeAsync(context, next, round, full, windowStart, windowEnd, cancellationToken);
                page = await mailbox.FollowAsync(next, cancellationToken);
                continue;
            }
            break;
        }
        if (full)
        {
            await sink.ReconcileAsync(context, seen, windowStart, windowEnd, cancellationToken);
        }
        if (page.DeltaLink is null)
        {
            throw new InvalidOperationException("Graph ended a delta round without a delta link.");
        }
        var link = await cipher.EncryptAsync(
            account.Id,
            CalendarSources.Context(source, nameof(CalendarSourceEntity.DeltaLink)),
            page.DeltaLink,
            cancellationToken
        );
        await SaveSyncStateAsync(source, link!, windowStart, windowEnd, cancellationToken);
    }

    /// <summary>
    /// A page describes the calendar as it is now: an event whose last entry is a removal is removed (first), the others are
    /// applied from their last removal on, side by side (one event's entries in order). A calendar that may create clients
    /// goes one event at a time, so one new number never makes two clients.
    /// </summary>
    private async Task ApplyPageAsync(
        SourceContext context,
        DeltaPage page,
        HashSet<string> seen,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        CancellationToken cancellationToken
    )
    {
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = context.Source.CreateClients ? 1 : options.Value.MaxConcurrentEventsPerCalendar,
            CancellationToken = cancellationToken,
        };
        var byEvent = page.Events.GroupBy(e => e.Id ?? "", StringComparer.Ordinal).ToList();
        var removed = byEvent.Where(entries => GraphEvents.IsRemoved(entries.Last())).Select(entries => entries.Key);
        await Parallel.ForEachAsync(removed, parallel, async (id, ct) => await sink.RemoveAsync(context, id, windowStart, windowEnd, ct));
        var present = byEvent
            .Where(entries => !GraphEvents.IsRemoved(entries.Last()))
            .Select(entries => entries.Reverse().TakeWhile(e => !GraphEvents.IsRemoved(e)).Reverse().ToList());
        await Parallel.ForEachAsync(present, parallel, async (entries, ct) =>
        {
            foreach (var item in entries)
            {
                var rowKey = await sink.ApplyAsync(context, GraphEvents.Normalize(item, context.Account.TimeZone), ct);
                lock (seen)
                {
                    seen.Add(rowKey);
                }
            }
        });
    }

    /// <summary>The next page of an interrupted round, when it was started for this window.</summary>
    private async Task<string?> ResumeLinkAsync(
        CalendarSourceEntity source,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        CancellationToken cancellationToken
    ) =>
        source is { ResumeLink.Length: > 0, ResumeRound.Length: > 0 } && source.ResumeWindowStart == windowStart && source.ResumeWindowEnd == windowEnd
            ? await cipher.DecryptAsync(
                source.PartitionKey,
                CalendarSources.Context(source, nameof(CalendarSourceEntity.ResumeLink)),
                source.ResumeLink,
                cancellationToken
            )
            : null;

    /// <summary>Saved after every applied page, so a round cut short by the function timeout goes on from there next scan.</summary>
    private async Task SaveResumeAsync(
        SourceContext context,
        string nextLink,
        string round,
        bool full,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        CancellationToken cancellationToken
    )
    {
        var source = context.Source;
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var update = new TableEntity(source.PartitionKey, source.RowKey)
        {
            [nameof(CalendarSourceEntity.ResumeLink)] = (
                await cipher.EncryptAsync(
                    context.Account.Id,
                    CalendarSources.Context(source, nameof(CalendarSourceEntity.ResumeLink)),
                    nextLink,
                    cancellationToken
                )
            )!,
            ["ResumeRound"] = round,
            ["ResumeFull"] = full,
            ["ResumeWindowStart"] = windowStart,
            ["ResumeWindowEnd"] = windowEnd,
        };
        try
        {
            await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    private async Task SaveSyncStateAsync(
        CalendarSourceEntity source,
        string deltaLink,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var now = time.GetUtcNow();
        var update = new TableEntity(source.PartitionKey, source.RowKey)
        {
            ["DeltaLink"] = deltaLink,
            [nameof(CalendarSourceEntity.ResumeLink)] = "",
            ["WindowStart"] = windowStart,
            ["WindowEnd"] = windowEnd,
            ["LastSyncAt"] = now,
            ["LastSuccessAt"] = now,
            ["LastSyncFailed"] = false,
            ["LastError"] = "",
        };
        try
        {
            // Merge keeps the owner's option changes made meanwhile; a calendar deselected meanwhile stays gone.
            await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    private async Task RecordErrorAsync(CalendarSourceEntity source, string error, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        try
        {
            await table.UpdateEntityAsync(
                new TableEntity(source.PartitionKey, source.RowKey)
                {
                    ["LastError"] = error,
                    ["LastSyncAt"] = time.GetUtcNow(),
                    ["LastSyncFailed"] = true,
                },
                ETag.All,
                TableUpdateMode.Merge,
                cancellationToken
            );
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }
}
