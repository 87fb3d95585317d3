using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions.Authentication;

namespace ClientReminders.Calendars.Microsoft;

public sealed record GraphCalendar(string Id, string Name);

/// <summary>One page of calendarView/delta: events and removals, and either the next page or the delta link for the next round.</summary>
public sealed record DeltaPage(IReadOnlyList<Event> Events, string? NextLink, string? DeltaLink);

/// <summary>Graph lost the sync state behind a delta link (410 / syncStateNotFound): start again with a full sync.</summary>
public sealed class SyncStateLostException(Exception inner) : Exception("Graph no longer knows this calendar's sync state.", inner);

/// <summary>One connected mailbox through the Graph SDK, its access tokens from MSAL with the connection's token cache.</summary>
public sealed class GraphMailbox
{
    private const string PreferUtc = "outlook.timezone=\"UTC\"";

    /// <summary>Graph serves 10 events a page unless asked: 100 makes a big calendar's full sync a tenth of the round trips.</summary>
    private const string PreferPageSize = "odata.maxpagesize=100";
    private readonly GraphServiceClient _client;

    public GraphMailbox(MicrosoftCloudHttp http, MicrosoftIdentity identity, IOptions<GraphOptions> options, TokenCacheSlot tokens, string homeAccountId)
    {
        var baseUrl = options.Value.BaseUrl.ToString().TrimEnd('/');
        var provider = new MsalAccessTokenProvider(identity, tokens, homeAccountId, new Uri(baseUrl).Host);
        _client = new GraphServiceClient(http.Graph, new BaseBearerTokenAuthenticationProvider(provider), baseUrl);
    }

    public async Task<(string Id, string Name)> MeAsync(CancellationToken cancellationToken)
    {
        var me = await _client.Me.GetAsync(cancellationToken: cancellationToken);
        return (me?.Id ?? "", me?.UserPrincipalName ?? me?.Mail ?? me?.DisplayName ?? "");
    }

    public async Task<IReadOnlyList<GraphCalendar>> CalendarsAsync(CancellationToken cancellationToken)
    {
        var calendars = new List<GraphCalendar>();
        var page = await _client.Me.Calendars.GetAsync(cancellationToken: cancellationToken);
        while (page is not null)
        {
            calendars.AddRange((page.Value ?? []).Where(c => c.Id is not null).Select(c => new GraphCalendar(c.Id!, c.Name ?? "Calendar")));
            page = page.OdataNextLink is { } next ? await _client.Me.Calendars.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }
        return calendars;
    }

    /// <summary>A subscription to changes of <paramref name="calendarId"/>'s events; Graph first validates both URLs.</summary>
    public async Task<(string Id, DateTimeOffset ExpiresAt)> SubscribeAsync(
        string calendarId,
        Uri notificationUrl,
        Uri lifecycleUrl,
        string clientState,
        DateTimeOffset expiresAt,
        CancellationToken cancellationToken
    )
    {
        var created = await _client.Subscriptions.PostAsync(
            new Subscription
            {
                ChangeType = "created,updated,deleted",
                NotificationUrl = notificationUrl.ToString(),
                LifecycleNotificationUrl = lifecycleUrl.ToString(),
                Resource = $"me/calendars/{calendarId}/events",
                ExpirationDateTime = expiresAt,
                ClientState = clientState,
            },
            cancellationToken: cancellationToken
        );
        return created?.Id is { } id ? (id, created.ExpirationDateTime ?? expiresAt) : throw new InvalidOperationException("Graph made no subscription.");
    }

    /// <summary>The subscription's new expiry, or null when Graph no longer knows it.</summary>
    public async Task<DateTimeOffset?> RenewAsync(string subscriptionId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        try
        {
            var renewed = await _client
                .Subscriptions[subscriptionId]
                .PatchAsync(new Subscription { ExpirationDateTime = expiresAt }, cancellationToken: cancellationToken);
            return renewed?.ExpirationDateTime ?? expiresAt;
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    public async Task UnsubscribeAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Subscriptions[subscriptionId].DeleteAsync(cancellationToken: cancellationToken);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404) { }
    }

    /// <summary>The first page of a full sync of <paramref name="calendarId"/> over [start, end), times in UTC.</summary>
    public Task<DeltaPage> StartDeltaAsync(string calendarId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken) =>
        Page(() =>
            _client
                .Me.Calendars[calendarId]
                .CalendarView.Delta.GetAsDeltaGetResponseAsync(
                    request =>
                    {
                        request.QueryParameters.StartDateTime = start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                        request.QueryParameters.EndDateTime = end.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                        request.Headers.Add("Prefer", [PreferUtc, PreferPageSize]);
                    },
                    cancellationToken
                )
        );

    /// <summary>A next link or delta link from an earlier page.</summary>
    public Task<DeltaPage> FollowAsync(string link, CancellationToken cancellationToken) =>
        Page(() =>
            _client
                .Me.Calendars["-"]
                .CalendarView.Delta.WithUrl(link)
                .GetAsDeltaGetResponseAsync(request => request.Headers.Add("Prefer", [PreferUtc, PreferPageSize]), cancellationToken)
        );

    private static async Task<DeltaPage> Page(Func<Task<global::Microsoft.Graph.Me.Calendars.Item.CalendarView.Delta.DeltaGetResponse?>> get)
    {
        try
        {
            var response = await get();
            return new DeltaPage(response?.Value ?? [], response?.OdataNextLink, response?.OdataDeltaLink);
        }
        catch (ODataError error)
            when (error.ResponseStatusCode == 410 || error.Error?.Code is "syncStateNotFound" or "SyncStateNotFound" or "resyncRequired" or "fullSyncRequired")
        {
            throw new SyncStateLostException(error);
        }
    }

    private sealed class MsalAccessTokenProvider(MicrosoftIdentity identity, TokenCacheSlot tokens, string homeAccountId, string graphHost)
        : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([graphHost]);

        public Task<string> GetAuthorizationTokenAsync(
            Uri uri,
            Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default
        ) =>
            AllowedHostsValidator.IsUrlHostValid(uri)
                ? identity.AccessTokenAsync(tokens, homeAccountId, cancellationToken)
                : throw new InvalidOperationException($"Refusing to send a Graph token to {uri.Host}.");
    }
}
