using Microsoft.AspNetCore.Http.Features;

namespace ClientReminders.Calendars.Microsoft;

/// <summary>What a queued calendar change asks: a delta scan, or (Graph's lifecycle events) a renewed subscription and then a scan.</summary>
public sealed record GraphChangeMessage(string SubscriptionId, bool Renew);

/// <summary>
/// Graph's change and lifecycle notifications (<c>POST /api/webhooks/graph</c> and <c>/api/webhooks/graph/lifecycle</c>, no
/// session: the subscription's clientState proves the sender). A validation request is answered with its token; a
/// notification is answered 202 at once after one small queue message (ids only) per calendar, folded so a burst becomes
/// one delta request; nothing is taken from the notification's body but which subscription it names, since the delta is the
/// source of truth. An unknown subscription is ignored (unrenewed, it lapses); a wrong clientState is ignored and audited.
/// </summary>
public sealed class GraphNotifications(
    GraphSubscriptions subscriptions,
    QueueClients queues,
    AuditLog audit,
    CalendarSync sync,
    IOptions<CalendarOptions> options,
    ILogger<GraphNotifications> logger
)
{
    public const string QueueName = "calendar-changes";
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Distinct subscriptions one request may name; Graph batches far fewer.</summary>
    public const int MaxSubscriptionsPerRequest = 1000;

    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(15);

    public async Task<IResult> ReceiveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.Query.TryGetValue("validationToken", out var token))
        {
            // Graph wants the token back as plain text within 10 seconds; nosniff (set for /api) keeps a browser from reading it as anything else.
            return TypedResults.Text(token.ToString(), "text/plain", Encoding.UTF8, StatusCodes.Status200OK);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }
        List<(string? SubscriptionId, string? ClientState, string? Lifecycle)> items;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            var root = document.RootElement;
            items =
                root.ValueKind == JsonValueKind.Object && root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
                    ? [.. value.EnumerateArray().Select(n => (Text(n, "subscriptionId"), Text(n, "clientState"), Text(n, "lifecycleEvent")))]
                    : [];
        }
        catch (JsonException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a Graph notification collection.");
        }
        var (queued, unknown, refused) = (0, 0, 0);
        foreach (var group in items.GroupBy(i => i.SubscriptionId ?? "", StringComparer.Ordinal).Take(MaxSubscriptionsPerRequest))
        {
            if (await subscriptions.FindAsync(group.Key, cancellationToken) is not { } subscription)
            {
                unknown += group.Count();
                continue;
            }
            var genuine = group.Where(i => GraphSubscriptions.Verifies(subscription, i.ClientState)).ToList();
            if (genuine.Count < group.Count())
            {
                refused += group.Count() - genuine.Count;
                await audit.RecordAsync(
                    subscription.AccountId,
                    AuditEvent.CalendarNotificationRefused,
                    context.Connection.RemoteIpAddress?.ToString(),
                    context.Request.Headers.UserAgent.ToString(),
                    "A calendar change notification without the subscription's secret was ignored.",
                    cancellationToken
                );
            }
            if (genuine.Count == 0)
            {
                continue;
            }
            // reauthorizationRequired and subscriptionRemoved: renew (or make again) first; missed and changes: a delta scan.
            if (genuine.Any(i => i.Lifecycle is "reauthorizationRequired" or "subscriptionRemoved"))
            {
                await EnqueueAsync(new GraphChangeMessage(subscription.Id, Renew: true), null, cancellationToken);
                queued++;
            }
            else if (await subscriptions.MarkSyncRequestedAsync(subscription, cancellationToken))
            {
                try
                {
                    await EnqueueAsync(new GraphChangeMessage(subscription.Id, Renew: false), options.Value.NotificationCoalescing, cancellationToken);
                }
                catch (RequestFailedException)
                {
                    // Unmarked, so Graph's retry of this notification (it gets a 5xx) queues the scan.
                    await subscriptions.ClearSyncRequestAsync(subscription.Id, CancellationToken.None);
                    throw;
                }
                queued++;
            }
        }
        if (unknown + refused > 0)
        {
            logger.LogInformation("Graph notifications ignored: {Unknown} for unknown subscriptions, {Refused} with a wrong clientState", unknown, refused);
        }
        return TypedResults.Accepted((string?)null, new { queued });
    }

    /// <summary>The SyncCalendarChanges queue function: the calendar's delta scan, with its subscription renewed first when Graph asked.</summary>
    public async Task<string> RunAsync(QueueInvocation invocation, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<GraphChangeMessage>(invocation.MessageText, JsonSerializerOptions.Web)
            ?? throw new InvalidInvocationException("The message is not a calendar change message.");
        if (await subscriptions.FindAsync(message.SubscriptionId, cancellationToken) is not { } subscription)
        {
            return "The subscription is gone; nothing to sync.";
        }
        if (!message.Renew)
        {
            // Cleared before the scan, so a change made during it asks for another.
            await subscriptions.ClearSyncRequestAsync(subscription.Id, cancellationToken);
        }
        var outcome = await sync.SyncOneAsync(subscription.AccountId, subscription.SourceId, message.Renew, cancellationToken);
        if (outcome.Busy > 0)
        {
            // Another scan holds the calendar and may have read it before this change: scan again once it is done.
            await EnqueueAsync(message, BusyRetry, cancellationToken);
            return "Another scan holds the calendar; this one comes back shortly.";
        }
        // Thrown, so the queue tries again with its backoff; the timer also polls a failed calendar every few minutes.
        return outcome.Failed > 0 ? throw new InvalidOperationException("The calendar did not sync.") : "Synced the calendar.";
    }

    private Task EnqueueAsync(GraphChangeMessage message, TimeSpan? delay, CancellationToken cancellationToken) =>
        queues.SendAsync(QueueName, JsonSerializer.Serialize(message, JsonSerializerOptions.Web), delay, null, cancellationToken);

    private static string? Text(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
