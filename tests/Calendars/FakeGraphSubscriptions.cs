using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClientReminders.Tests.Calendars;

/// <summary>A Graph change-notification subscription on one calendar's events, as the fake keeps it.</summary>
public sealed class FakeSubscription
{
    public required string Id { get; init; }
    public required FakeUser User { get; init; }
    public required string CalendarId { get; init; }
    public required string NotificationUrl { get; init; }
    public string? LifecycleNotificationUrl { get; init; }
    public string? ClientState { get; init; }
    public required string ChangeType { get; init; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// Graph's subscriptions as the service documents them: creating one validates both notification URLs (a POST with
/// ?validationToken= that must answer 200 text/plain with the token within 10 seconds), the expiry is at most 10,070
/// minutes for Outlook events, and every change to a subscribed calendar is POSTed to its notification URL. Tests can
/// drop or delay notifications, expire a subscription and send lifecycle events.
/// </summary>
public sealed partial class FakeMicrosoftCloud
{
    public static readonly TimeSpan MaxEventSubscriptionLife = TimeSpan.FromMinutes(10070);

    private readonly ConcurrentDictionary<string, FakeSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<JsonObject> _notificationsSent = new();

    private readonly HttpClient _notifier = new() { Timeout = TimeSpan.FromSeconds(10) };

    public IReadOnlyList<FakeSubscription> Subscriptions => [.. _subscriptions.Values];

    /// <summary>Graph's clock for subscription lifetimes; a test with a clock of its own shares it here.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Every change notification POSTed (or dropped, when <see cref="DropNotifications"/>), in order.</summary>
    public IReadOnlyList<JsonObject> NotificationsSent => [.. _notificationsSent];

    /// <summary>Changes are made but nobody is told: the app must find them by its delta safety net.</summary>
    public bool DropNotifications { get; set; }

    public TimeSpan NotificationDelay { get; set; }

    /// <summary>Graph forgets the subscription (it expired, or Graph removed it): renewing it then answers 404.</summary>
    public void ExpireSubscription(string id) => _subscriptions.TryRemove(id, out _);

    /// <summary>A lifecycle event (reauthorizationRequired, subscriptionRemoved, missed) to the subscription's lifecycle URL.</summary>
    public async Task<HttpStatusCode> SendLifecycleAsync(string id, string lifecycleEvent)
    {
        var subscription = _subscriptions.TryGetValue(id, out var found) ? found : throw new InvalidOperationException($"No subscription {id}.");
        if (lifecycleEvent == "subscriptionRemoved")
        {
            ExpireSubscription(id);
        }
        var item = new JsonObject
        {
            ["subscriptionId"] = subscription.Id,
            ["subscriptionExpirationDateTime"] = subscription.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
            ["tenantId"] = subscription.User.TenantId,
            ["clientState"] = subscription.ClientState,
            ["lifecycleEvent"] = lifecycleEvent,
        };
        using var response = await _notifier.PostAsync(
            subscription.LifecycleNotificationUrl ?? subscription.NotificationUrl,
            new StringContent(new JsonObject { ["value"] = new JsonArray(item) }.ToJsonString(), Encoding.UTF8, "application/json")
        );
        return response.StatusCode;
    }

    /// <summary>Sends what a change to an event of <paramref name="calendar"/> notifies, to every subscription on it.</summary>
    internal void Notify(FakeUser user, FakeCalendar calendar, FakeEvent item, string changeType)
    {
        foreach (var subscription in _subscriptions.Values.Where(s => s.User == user && s.CalendarId == calendar.Id))
        {
            if (!subscription.ChangeType.Split(',').Contains(changeType, StringComparer.Ordinal))
            {
                continue;
            }
            var resource = $"Users/{user.ObjectId}/Events/{item.Id}";
            var notification = new JsonObject
            {
                ["subscriptionId"] = subscription.Id,
                ["subscriptionExpirationDateTime"] = subscription.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
                ["changeType"] = changeType,
                ["resource"] = resource,
                ["resourceData"] = new JsonObject
                {
                    ["@odata.type"] = "#Microsoft.Graph.Event",
                    ["@odata.id"] = resource,
                    ["@odata.etag"] = $"W/\"{item.ChangedAt}\"",
                    ["id"] = item.Id,
                },
                ["clientState"] = subscription.ClientState,
                ["tenantId"] = user.TenantId,
            };
            _notificationsSent.Enqueue(notification);
            if (DropNotifications)
            {
                continue;
            }
            var delay = NotificationDelay;
            _ = Task.Run(async () =>
            {
                await Task.Delay(delay);
                try
                {
                    using var response = await _notifier.PostAsync(
                        subscription.NotificationUrl,
                        new StringContent(new JsonObject { ["value"] = new JsonArray(notification) }.ToJsonString(), Encoding.UTF8, "application/json")
                    );
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
            });
        }
    }

    private async Task SubscriptionsAsync(HttpContext context, FakeUser user, string path)
    {
        var id = path.Length > "/subscriptions/".Length ? path["/subscriptions/".Length..] : null;
        switch (context.Request.Method, id)
        {
            case ("POST", null):
                await CreateSubscriptionAsync(context, user);
                return;
            case ("PATCH", { } renewed) when _subscriptions.TryGetValue(renewed, out var subscription) && subscription.User == user:
                var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
                var expires = DateTimeOffset.Parse(body["expirationDateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture);
                if (expires > Now() + MaxEventSubscriptionLife)
                {
                    await GraphErrorAsync(context, 400, "ExtensionError", "Subscription expiration can only be 10070 minutes in the future.");
                    return;
                }
                subscription.ExpiresAt = expires;
                await WriteJsonAsync(context, SubscriptionJson(subscription));
                return;
            case ("DELETE", { } deleted) when _subscriptions.TryGetValue(deleted, out var subscription) && subscription.User == user:
                _subscriptions.TryRemove(deleted, out _);
                context.Response.StatusCode = 204;
                return;
            default:
                await GraphErrorAsync(context, 404, "ResourceNotFound", "The object was not found.");
                return;
        }
    }

    private async Task CreateSubscriptionAsync(HttpContext context, FakeUser user)
    {
        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
        var resource = body["resource"]?.GetValue<string>() ?? "";
        var expires = DateTimeOffset.Parse(body["expirationDateTime"]?.GetValue<string>() ?? "", CultureInfo.InvariantCulture);
        var calendar = CalendarResource().Match(resource) is { Success: true } match ? user.Calendars.FirstOrDefault(c => c.Id == match.Groups[1].Value) : null;
        if (calendar is null)
        {
            await GraphErrorAsync(context, 400, "ExtensionError", "Resource not found or not supported for subscriptions.");
            return;
        }
        if (expires > Now() + MaxEventSubscriptionLife)
        {
            await GraphErrorAsync(context, 400, "ExtensionError", "Subscription expiration can only be 10070 minutes in the future.");
            return;
        }
        var notificationUrl = body["notificationUrl"]?.GetValue<string>() ?? "";
        var lifecycleUrl = body["lifecycleNotificationUrl"]?.GetValue<string>();
        foreach (var url in new[] { notificationUrl, lifecycleUrl }.OfType<string>())
        {
            if (!await ValidatesAsync(url))
            {
                await GraphErrorAsync(
                    context,
                    400,
                    "ValidationError",
                    "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request."
                );
                return;
            }
        }
        var subscription = new FakeSubscription
        {
            Id = Guid.NewGuid().ToString(),
            User = user,
            CalendarId = calendar.Id,
            NotificationUrl = notificationUrl,
            LifecycleNotificationUrl = lifecycleUrl,
            ClientState = body["clientState"]?.GetValue<string>(),
            ChangeType = body["changeType"]?.GetValue<string>() ?? "",
            ExpiresAt = expires,
        };
        _subscriptions[subscription.Id] = subscription;
        calendar.Changed = (item, changeType) => Notify(user, calendar, item, changeType);
        context.Response.StatusCode = 201;
        await WriteJsonAsync(context, SubscriptionJson(subscription));
    }

    /// <summary>As Graph does: a POST with the token in the query, answered within 10 seconds with exactly the token as text/plain.</summary>
    private async Task<bool> ValidatesAsync(string url)
    {
        var token = $"Validation: Testing client application reachability for subscription Request-Id: {Guid.NewGuid()}";
        try
        {
            using var request = new HttpRequestMessage(
                HttpMethod.Post,
                $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}validationToken={Uri.EscapeDataString(token)}"
            );
            request.Content = new StringContent("", Encoding.UTF8, "text/plain");
            using var response = await _notifier.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK
                && response.Content.Headers.ContentType?.MediaType == "text/plain"
                && await response.Content.ReadAsStringAsync() == token;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private JsonObject SubscriptionJson(FakeSubscription subscription) =>
        new()
        {
            ["@odata.context"] = $"{GraphBaseUrl}/$metadata#subscriptions/$entity",
            ["id"] = subscription.Id,
            ["resource"] = $"me/calendars/{subscription.CalendarId}/events",
            ["changeType"] = subscription.ChangeType,
            ["notificationUrl"] = subscription.NotificationUrl,
            ["lifecycleNotificationUrl"] = subscription.LifecycleNotificationUrl,
            ["expirationDateTime"] = subscription.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
            ["clientState"] = null,
        };

    [GeneratedRegex("^/?me/calendars/([^/]+)/events$", RegexOptions.IgnoreCase)]
    private static partial Regex CalendarResource();
}
