using Microsoft.Graph.Models.ODataErrors;

namespace ClientReminders.Calendars.Microsoft;

/// <summary>
/// One Graph subscription per chosen Outlook calendar: made on the calendar's first sync (connect or choice), renewed at
/// half its life, made again when Graph has forgotten it, deleted with the calendar. A calendar whose subscription cannot
/// be made (Graph refused, or could not reach our URL) is simply polled often, and tried again at its next sync.
/// </summary>
public sealed class GraphSubscriptions(
    TableClients tables,
    IOptions<CalendarOptions> options,
    IOptions<AppOptions> app,
    TimeProvider time,
    ILogger<GraphSubscriptions> logger
)
{
    /// <summary>Graph's longest life for a subscription to Outlook events is 10,070 minutes; we ask a little less.</summary>
    public static readonly TimeSpan Life = TimeSpan.FromMinutes(10060);

    public const string NotificationPath = "/api/webhooks/graph";
    public const string LifecyclePath = "/api/webhooks/graph/lifecycle";

    public async Task<GraphSubscriptionEntity?> FindAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        if (subscriptionId.Length is 0 or > 100 || !subscriptionId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }
        var table = await TableAsync(cancellationToken);
        var found = await table.GetEntityIfExistsAsync<GraphSubscriptionEntity>(subscriptionId, "", cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Whether <paramref name="clientState"/> is the secret given when the subscription was made (compared in constant time).</summary>
    public static bool Verifies(GraphSubscriptionEntity subscription, string? clientState) =>
        clientState is not null
        && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(subscription.ClientStateHash), SHA256.HashData(Encoding.UTF8.GetBytes(clientState)));

    /// <summary>Makes or renews the calendar's subscription when it needs it (none, or past half its life; <paramref name="renewNow"/>: Graph asked).</summary>
    public async Task EnsureAsync(GraphMailbox mailbox, CalendarSourceEntity source, bool renewNow, CancellationToken cancellationToken)
    {
        if (!options.Value.ChangeNotifications)
        {
            return;
        }
        var now = time.GetUtcNow();
        if (source is { SubscriptionId: { Length: > 0 } id, SubscriptionExpiresAt: { } expires })
        {
            if (await FindAsync(id, cancellationToken) is null)
            {
                // Without its row here every notification would be ignored as unknown: replace it.
                await UnsubscribeQuietlyAsync(mailbox, id, cancellationToken);
            }
            else
            {
                if (!renewNow && expires - now > Life / 2)
                {
                    return;
                }
                DateTimeOffset? renewed;
                try
                {
                    renewed = await mailbox.RenewAsync(id, now + Life, cancellationToken);
                }
                catch (ODataError error)
                {
                    // A passing failure (throttled, unavailable): the subscription stands, and the next scan tries again.
                    logger.LogWarning(
                        "Renewing the subscription of calendar {SourceId} failed ({Status}); tried again at the next scan",
                        source.Id,
                        error.ResponseStatusCode
                    );
                    return;
                }
                if (renewed is { } until)
                {
                    await SaveAsync(source, id, until, null, cancellationToken);
                    await UpdateLookupAsync(id, until, cancellationToken);
                    return;
                }
                await ForgetAsync(id, cancellationToken);
            }
        }
        await CreateAsync(mailbox, source, now, cancellationToken);
    }

    private async Task CreateAsync(GraphMailbox mailbox, CalendarSourceEntity source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clientState = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string id;
        DateTimeOffset expires;
        try
        {
            (id, expires) = await mailbox.SubscribeAsync(
                source.ExternalId,
                new Uri(app.Value.Link(NotificationPath)),
                new Uri(app.Value.Link(LifecyclePath)),
                clientState,
                now + Life,
                cancellationToken
            );
        }
        catch (ODataError error)
        {
            // Graph could not reach us (a local machine), or refused: the calendar is polled every few minutes instead.
            logger.LogWarning("Graph refused a subscription for calendar {SourceId} ({Status} {Code})", source.Id, error.ResponseStatusCode, error.Error?.Code);
            await SaveAsync(
                source,
                null,
                null,
                "Outlook does not tell us of changes to this calendar yet, so it is checked every few minutes.",
                cancellationToken
            );
            return;
        }
        var table = await TableAsync(cancellationToken);
        await table.UpsertEntityAsync(
            new GraphSubscriptionEntity
            {
                PartitionKey = id,
                RowKey = "",
                AccountId = source.PartitionKey,
                SourceId = source.Id,
                ClientStateHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientState))),
                ExpiresAt = expires,
            },
            TableUpdateMode.Replace,
            cancellationToken
        );
        await SaveAsync(source, id, expires, null, cancellationToken);
        logger.LogInformation(
            "Calendar {SourceId} of account {AccountId} subscribed to Graph changes until {Expires}",
            source.Id,
            source.PartitionKey,
            expires
        );
    }

    /// <summary>Deletes the calendar's subscription in Graph (when a mailbox is at hand) and here.</summary>
    public async Task RemoveAsync(CalendarSourceEntity source, GraphMailbox? mailbox, CancellationToken cancellationToken)
    {
        if (source.SubscriptionId is not { Length: > 0 } id)
        {
            return;
        }
        if (mailbox is not null)
        {
            try
            {
                await mailbox.UnsubscribeAsync(id, cancellationToken);
            }
            catch (Exception ex) when (ex is ODataError or HttpRequestException)
            {
                // Unrenewed, it lapses within a week; its notifications meanwhile find no calendar and are ignored.
                logger.LogWarning("Could not delete subscription of calendar {SourceId} in Graph ({Error})", source.Id, ex.GetType().Name);
            }
        }
        await ForgetAsync(id, cancellationToken);
    }

    private async Task UnsubscribeQuietlyAsync(GraphMailbox mailbox, string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await mailbox.UnsubscribeAsync(subscriptionId, cancellationToken);
        }
        catch (ODataError error)
        {
            logger.LogWarning("Could not delete a replaced subscription in Graph ({Status}); unrenewed, it lapses", error.ResponseStatusCode);
        }
    }

    public async Task ForgetAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.DeleteEntityAsync(subscriptionId, "", ETag.All, cancellationToken);
    }

    /// <summary>
    /// Folds notifications into one delta request per calendar: the first marks the subscription (ETag-guarded) and is queued
    /// a moment later; the rest find the mark and add nothing until the queued sync has started.
    /// </summary>
    public async Task<bool> MarkSyncRequestedAsync(GraphSubscriptionEntity subscription, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var now = time.GetUtcNow();
        // A mark older than this lost its message (a crash between the two writes): the next notification queues again.
        var stale = options.Value.NotificationCoalescing + TimeSpan.FromMinutes(5);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (subscription.SyncRequestedAt is { } requested && now - requested < stale)
            {
                return false;
            }
            subscription.SyncRequestedAt = now;
            subscription.LastNotificationAt = now;
            if (await table.TryReplaceAsync(subscription, cancellationToken))
            {
                return true;
            }
            if (await FindAsync(subscription.Id, cancellationToken) is not { } reread)
            {
                return false;
            }
            subscription = reread;
        }
        return false;
    }

    /// <summary>The queued sync has started: a notification from now on asks for another.</summary>
    public async Task ClearSyncRequestAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        try
        {
            await table.UpdateEntityAsync(
                // A merge cannot remove a column: the epoch stands for "not asked".
                new TableEntity(subscriptionId, "") { [nameof(GraphSubscriptionEntity.SyncRequestedAt)] = DateTimeOffset.UnixEpoch },
                ETag.All,
                TableUpdateMode.Merge,
                cancellationToken
            );
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    private async Task UpdateLookupAsync(string subscriptionId, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        try
        {
            await table.UpdateEntityAsync(
                new TableEntity(subscriptionId, "") { [nameof(GraphSubscriptionEntity.ExpiresAt)] = expires },
                ETag.All,
                TableUpdateMode.Merge,
                cancellationToken
            );
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    private async Task SaveAsync(CalendarSourceEntity source, string? id, DateTimeOffset? expires, string? error, CancellationToken cancellationToken)
    {
        (source.SubscriptionId, source.SubscriptionExpiresAt, source.SubscriptionError) = (id, expires, error);
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        try
        {
            await table.UpdateEntityAsync(
                new TableEntity(source.PartitionKey, source.RowKey)
                {
                    [nameof(CalendarSourceEntity.SubscriptionId)] = id ?? "",
                    [nameof(CalendarSourceEntity.SubscriptionExpiresAt)] = expires ?? DateTimeOffset.UnixEpoch,
                    [nameof(CalendarSourceEntity.SubscriptionError)] = error ?? "",
                },
                ETag.All,
                TableUpdateMode.Merge,
                cancellationToken
            );
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(StorageTables.GraphSubscriptions, cancellationToken);
}
