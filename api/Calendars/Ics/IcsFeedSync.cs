namespace ClientReminders.Calendars.Ics;

/// <summary>
/// Syncs iCalendar feeds for the SyncCalendars timer: a conditional GET (a 304 costs one request and changes nothing), then
/// parse, expand over the window (today, UTC, plus the look-ahead) and reconcile with the remembered events as a full Graph sync
/// does. The validators are only sent while the window is unchanged, so a new day's window is always read in full. Any
/// failure is recorded on the feed in plain words and never stops the other feeds; the address is never logged.
/// </summary>
public sealed class IcsFeedSync(
    TableClients tables,
    FieldCipher cipher,
    KeyRing keys,
    AccountStore accounts,
    IcsFeedFetcher fetcher,
    CalendarEventSink sink,
    IOptions<CalendarOptions> calendarOptions,
    IOptions<IcsFeedOptions> feedOptions,
    TimeProvider time,
    ILogger<IcsFeedSync> logger
)
{
    public const string RetryLater = "It will be tried again at the next sync.";

    public sealed record Outcome(int Feeds, int Failed);

    public Task<Outcome> SyncAllAsync(CancellationToken cancellationToken) =>
        SyncAsync(TableClient.CreateQueryFilter($"Kind eq {SourceKind.Ics}"), cancellationToken);

    public Task<Outcome> SyncAccountAsync(string accountId, CancellationToken cancellationToken) =>
        SyncAsync(TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and Kind eq {SourceKind.Ics}"), cancellationToken);

    private async Task<Outcome> SyncAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var feeds = await table.ListAsync<CalendarSourceEntity>(filter, cancellationToken: cancellationToken);
        var failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = calendarOptions.Value.MaxConcurrentCalendars, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(feeds, parallel, async (feed, ct) =>
        {
            if (!await SyncFeedAsync(feed, ct))
            {
                Interlocked.Increment(ref failed);
            }
        });
        return new Outcome(feeds.Count, failed);
    }

    /// <summary>Returns false when the feed could not be used this time (its lastError says why).</summary>
    private async Task<bool> SyncFeedAsync(CalendarSourceEntity feed, CancellationToken cancellationToken)
    {
        try
        {
            if (await accounts.GetAsync(feed.PartitionKey, cancellationToken) is not { Status: AccountStatus.Active } account)
            {
                return true;
            }
            await ApplyFeedAsync(account, feed, cancellationToken);
            return true;
        }
        catch (CryptographicException)
        {
            // Not this instance's to read (data keys under another master key): left untouched rather than marked failed for its owner.
            logger.LogWarning("Calendar feed {SourceId} of account {AccountId} does not decrypt here; it was left untouched", feed.Id, feed.PartitionKey);
            return false;
        }
        catch (IcsException exception)
        {
            logger.LogWarning("Calendar feed {SourceId} of account {AccountId} was not used: {Error}", feed.Id, feed.PartitionKey, exception.GetType().Name);
            await RecordErrorAsync(feed, PlainWords(exception), cancellationToken);
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Calendar feed {SourceId} of account {AccountId} did not sync: {Error}", feed.Id, feed.PartitionKey, exception.GetType().Name);
            await RecordErrorAsync(feed, $"The last sync failed. {RetryLater}", cancellationToken);
            return false;
        }
    }

    private async Task ApplyFeedAsync(AccountEntity account, CalendarSourceEntity feed, CancellationToken cancellationToken)
    {
        var address = await cipher.DecryptAsync(
            account.Id,
            CalendarSources.Context(feed, nameof(CalendarSourceEntity.FeedAddress)),
            feed.FeedAddress,
            cancellationToken
        ) ?? throw new IcsFetchException(IcsFetchError.InvalidAddress, "The calendar has no address; remove it and add it again.");
        var windowStart = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var windowEnd = windowStart.AddDays(calendarOptions.Value.DefaultLookAheadDays);
        var sameWindow = feed.WindowStart == windowStart && feed.WindowEnd == windowEnd;
        var validators =
            sameWindow && (feed.FeedETag is { Length: > 0 } || feed.FeedLastModified is not null)
                ? new IcsFeedValidators(feed.FeedETag is { Length: > 0 } etag ? etag : null, feed.FeedLastModified)
                : null;

        var fetched = await fetcher.FetchAsync(address, validators, cancellationToken);
        if (fetched.NotModified)
        {
            // Validators are only kept after a successful read (a failure clears them), so the last read's note still holds.
            await SaveStateAsync(feed, fetched.Validators, windowStart, windowEnd, feed.FeedFingerprint, feed.LastError, cancellationToken);
            return;
        }

        var calendar = IcsParser.Parse(fetched.Content!, new IcsParserOptions { DefaultTimeZone = account.TimeZone });
        var expansion = RecurrenceExpander.Expand(
            calendar,
            windowStart,
            windowEnd,
            new IcsExpansionOptions { MaxOccurrences = feedOptions.Value.MaxOccurrences }
        );
        var events = expansion.Occurrences.Select(o => ToCalendarEvent(o, account.TimeZone)).ToList();
        var note = SkippedNote(expansion);
        var fingerprint = Fingerprint(account.Id, windowStart, windowEnd, events, expansion.UnreadableUids);
        if (sameWindow && fingerprint == feed.FeedFingerprint)
        {
            await SaveStateAsync(feed, fetched.Validators, windowStart, windowEnd, fingerprint, note, cancellationToken);
            return;
        }

        var name = await cipher.DecryptAsync(account.Id, CalendarSources.Context(feed, nameof(CalendarSourceEntity.Name)), feed.Name, cancellationToken) ?? "";
        var context = new SourceContext(account, feed, name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in events)
        {
            seen.Add(await sink.ApplyAsync(context, item, cancellationToken));
        }
        if (expansion.UnreadableUids.Count > 0)
        {
            await KeepUnreadableAsync(account.Id, feed.Id, expansion.UnreadableUids, seen, cancellationToken);
        }
        await sink.ReconcileAsync(context, seen, windowStart, windowEnd, cancellationToken);
        await SaveStateAsync(feed, fetched.Validators, windowStart, windowEnd, fingerprint, note, cancellationToken);
        logger.LogInformation("Calendar feed {SourceId} of account {AccountId}: {Occurrences} occurrences applied", feed.Id, account.Id, events.Count);
    }

    /// <summary>An occurrence as the neutral event: keyed by the occurrence key, the UID as series id for a recurring one.</summary>
    public static CalendarEvent ToCalendarEvent(IcsOccurrence occurrence, string accountZone) =>
        new(
            occurrence.Key,
            occurrence.RecurrenceId is null ? null : occurrence.Uid,
            occurrence.RecurrenceId,
            occurrence.StartUtc,
            occurrence.EndUtc,
            // A zone only the feed defines has no system name; the instants are right, so its local times are shown in the owner's zone.
            occurrence.IsIanaTimeZone
                ? CalendarTimeZones.ToIana(occurrence.TimeZone, accountZone)
                : accountZone,
            occurrence.Summary ?? "",
            occurrence.Description ?? "",
            occurrence.Location ?? "",
            occurrence.AttendeeEmails,
            occurrence.IsAllDay,
            occurrence.IsFree,
            occurrence.IsCancelled,
            WebLink: null
        );

    /// <summary>Events of unreadable UIDs are not in the feed this time but were not deleted: their remembered rows count as seen.</summary>
    private async Task KeepUnreadableAsync(
        string accountId,
        string feedId,
        IReadOnlySet<string> uids,
        HashSet<string> seen,
        CancellationToken cancellationToken
    )
    {
        var hashes = uids.Select(uid => sink.Hash(accountId, uid)).ToHashSet(StringComparer.Ordinal);
        var table = await tables.GetAsync(StorageTables.CalendarEvents, cancellationToken);
        await foreach (var row in CalendarEventSink.RowsAsync(table, accountId, feedId, cancellationToken))
        {
            if (hashes.Contains(row.EventKeyHash) || (row.SeriesHash is { } series && hashes.Contains(series)))
            {
                seen.Add(row.RowKey);
            }
        }
    }

    private string Fingerprint(
        string accountId,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        IReadOnlyList<CalendarEvent> events,
        IReadOnlySet<string> unreadable
    )
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{accountId}|{windowStart:O}|{windowEnd:O}\n");
        foreach (var item in events)
        {
            text.Append(
                    CultureInfo.InvariantCulture,
                    $"{item.Id}\t{item.StartUtc:O}\t{item.EndUtc:O}\t{item.TimeZone}\t{item.Subject}\t{item.BodyText}\t{item.Location}\t"
                )
                .Append(string.Join(',', item.AttendeeEmails))
                .Append(CultureInfo.InvariantCulture, $"\t{item.IsAllDay}{item.IsFree}{item.IsCancelled}\n");
        }
        foreach (var uid in unreadable.Order(StringComparer.Ordinal))
        {
            text.Append("unreadable\t").Append(uid).Append('\n');
        }
        return keys.BlindIndex("ics-feed-contents", text.ToString());
    }

    private static string? SkippedNote(IcsExpansion expansion)
    {
        var skipped = expansion.Warnings.Where(w => w.SkippedEvent).ToList();
        if (skipped.Count == 0)
        {
            return null;
        }
        var lines = string.Join(", ", skipped.Select(w => w.LineNumber).Distinct().Order().Take(5));
        var events = skipped.Count == 1 ? "1 event" : $"{skipped.Count} events";
        return $"{events} in this calendar could not be read (a bad date, duration or repeat rule; see line {lines} of the file) and were left as they were. The rest was synced.";
    }

    /// <summary>What the owner reads: the exception messages name at most the masked address, never its secret path.</summary>
    public static string PlainWords(IcsException exception) =>
        exception switch
        {
            IcsFormatException format =>
                $"The calendar file could not be read: it is damaged or incomplete ({format.Message}). Nothing was changed. {RetryLater}",
            IcsLimitExceededException limit => $"{limit.Message} Nothing was changed.",
            IcsFetchException { Reason: IcsFetchError.HttpStatus, StatusCode: 401 or 403 or 404 or 410 } fetch =>
                $"{fetch.Message} The address may have been reset or removed; check it, or remove the calendar and add its new address.",
            IcsFetchException fetch => $"{fetch.Message} Nothing was changed. {RetryLater}",
            _ => $"The calendar could not be read. {RetryLater}",
        };

    private async Task SaveStateAsync(
        CalendarSourceEntity feed,
        IcsFeedValidators validators,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        string? fingerprint,
        string? note,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var now = time.GetUtcNow();
        var update = new TableEntity(feed.PartitionKey, feed.RowKey)
        {
            ["FeedETag"] = validators.ETag ?? "",
            ["FeedFingerprint"] = fingerprint ?? "",
            ["WindowStart"] = windowStart,
            ["WindowEnd"] = windowEnd,
            ["LastSyncAt"] = now,
            ["LastSuccessAt"] = now,
            ["LastSyncFailed"] = false,
            ["LastError"] = note ?? "",
        };
        if (validators.LastModified is { } lastModified)
        {
            update["FeedLastModified"] = lastModified;
        }
        try
        {
            // Guarded by the ETag read before the fetch: if the owner changed the feed meanwhile, the next sync starts afresh.
            await table.UpdateEntityAsync(update, feed.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412) { }
    }

    /// <summary>Records the error and drops the validators, so the next fetch reads the feed in full rather than trusting a 304.</summary>
    private async Task RecordErrorAsync(CalendarSourceEntity feed, string error, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        feed.LastError = error;
        feed.LastSyncAt = time.GetUtcNow();
        feed.LastSyncFailed = true;
        feed.FeedETag = null;
        feed.FeedLastModified = null;
        try
        {
            if (!await table.TryReplaceAsync(feed, cancellationToken))
            {
                // The owner changed the feed meanwhile (which dropped the validators too): only the error is added.
                await TryMergeErrorAsync(table, feed, cancellationToken);
            }
        }
        catch (RequestFailedException ex) when (ex.Status != 404)
        {
            logger.LogWarning("Calendar feed {SourceId}: its error could not be recorded ({Status})", feed.Id, ex.Status);
        }
        catch (RequestFailedException) { }
    }

    private async Task TryMergeErrorAsync(TableClient table, CalendarSourceEntity feed, CancellationToken cancellationToken)
    {
        try
        {
            var update = new TableEntity(feed.PartitionKey, feed.RowKey)
            {
                [nameof(CalendarSourceEntity.LastError)] = feed.LastError!,
                [nameof(CalendarSourceEntity.LastSyncAt)] = feed.LastSyncAt ?? time.GetUtcNow(),
                [nameof(CalendarSourceEntity.LastSyncFailed)] = true,
            };
            await table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status != 404)
        {
            logger.LogWarning("Calendar feed {SourceId}: its error could not be recorded ({Status})", feed.Id, ex.Status);
        }
        catch (RequestFailedException) { }
    }
}
