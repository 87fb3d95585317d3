using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Calendars;

/// <summary>A Graph request as the fake received it.</summary>
public sealed record GraphRequest(string Method, string Path, string Query, string? Prefer, string? UserOid);

/// <summary>
/// The Microsoft identity platform and Graph on a loopback https port (MSAL only talks https), with a self-signed
/// certificate whose thumbprint the app is told to trust. Identity: authorize (signs the next user in at once and
/// redirects with a code), token (authorization_code checked against the PKCE S256 challenge and the client secret,
/// refresh_token, invalid_grant once consent is revoked). Graph: /me, /me/calendars and calendarView/delta over
/// simulated mailboxes (paging, delta rounds with @removed, 410 for lost sync state, 429 with Retry-After), or scripted pages.
/// </summary>
public sealed partial class FakeMicrosoftCloud : IAsyncDisposable
{
    public const string ClientId = "11111111-2222-3333-4444-555555555555";
    public const string ClientSecret = "fake-client-secret-for-tests";

    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (FakeUser User, DateTimeOffset ExpiresAt)> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeUser> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SyncState> _syncStates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _scripted = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(int Status, int RetryAfterSeconds)> _faults = new();
    private readonly ConcurrentQueue<GraphRequest> _graphRequests = new();
    private readonly ConcurrentQueue<string> _tokenGrants = new();
    private readonly List<FakeUser> _users = [];
    private WebApplication _app = null!;

    private FakeMicrosoftCloud(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    public string CertificateThumbprint => Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    public Uri BaseAddress { get; private set; } = null!;

    public Uri Authority => new(BaseAddress, "common");

    public Uri GraphBaseUrl => new(BaseAddress, "v1.0");

    /// <summary>Who signs in at the next authorize request; the first user when unset.</summary>
    public FakeUser? NextSignIn { get; set; }

    public TimeSpan Latency { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public int DefaultPageSize { get; set; } = 10;

    /// <summary>When set, that many more next pages (skiptoken requests) are served, then one fails with a 400, as a sync cut short.</summary>
    public int? NextPagesBeforeFailure { get; set; }

    public IReadOnlyList<GraphRequest> GraphRequests => [.. _graphRequests];

    /// <summary>The grant type of every token request, in order.</summary>
    public IReadOnlyList<string> TokenGrants => [.. _tokenGrants];

    /// <summary>The settings that point the app at this fake.</summary>
    public Dictionary<string, string> AppSettings =>
        new()
        {
            ["Graph:BaseUrl"] = GraphBaseUrl.ToString(),
            ["Graph:Authority"] = Authority.ToString(),
            ["Graph:ClientId"] = ClientId,
            ["Graph:ClientSecret"] = ClientSecret,
            ["Graph:DevelopmentCertificateThumbprint"] = CertificateThumbprint,
        };

    public static async Task<FakeMicrosoftCloud> StartAsync(int port = 0)
    {
        var cloud = new FakeMicrosoftCloud(SelfSignedCertificate("fake-microsoft-cloud"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(cloud.Certificate)));
        cloud._app = builder.Build();
        cloud._app.Run(cloud.HandleAsync);
        await cloud._app.StartAsync();
        var address = new Uri(cloud._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        cloud.BaseAddress = new Uri($"https://127.0.0.1:{address.Port}/");
        return cloud;
    }

    /// <summary>An HttpClient (no redirects followed) that trusts this fake, for a test acting as the owner's browser.</summary>
    public HttpClient BrowserClient() =>
        new(
            new HttpClientHandler
            {
                AllowAutoRedirect = false,
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                    certificate?.GetCertHashString(HashAlgorithmName.SHA256) == CertificateThumbprint,
            }
        );

    public FakeUser AddUser(string name = "Jane Owner", string? upn = null)
    {
        var user = new FakeUser(this, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), name, upn ?? $"jane-{Guid.NewGuid():N}@contoso.example");
        lock (_users)
        {
            _users.Add(user);
        }
        return user;
    }

    public void ThrottleNext(int status, int retryAfterSeconds, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue((status, retryAfterSeconds));
        }
    }

    /// <summary>Every delta and skip token stops working: the next delta request gets 410 syncStateNotFound.</summary>
    public void ForgetSyncState()
    {
        _syncStates.Clear();
        _snapshots.Clear();
    }

    /// <summary>Serves a recorded page for the request whose query holds <paramref name="token"/> (or the first request when null), with its links pointed here.</summary>
    public void Script(string? token, string recordedJson)
    {
        var page = JsonNode.Parse(recordedJson.Replace("https://graph.microsoft.com/v1.0/", GraphBaseUrl + "/", StringComparison.Ordinal))!.AsObject();
        _scripted[token ?? "initial"] = page;
    }

    public void ClearScript() => _scripted.Clear();

    public int GraphRequestCount(string userOid) => _graphRequests.Count(r => r.UserOid == userOid);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    /// <summary>A certificate for 127.0.0.1 and localhost that a test trusts by its thumbprint.</summary>
    public static X509Certificate2 SelfSignedCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/v1.0/", StringComparison.Ordinal))
        {
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency);
            }
            await GraphAsync(context, path["/v1.0".Length..]);
            return;
        }
        // The identity platform: /common/... or, once MSAL knows the user's tenant, /{tenant id}/...
        var tenantEnd = path.IndexOf('/', 1);
        if (tenantEnd > 1)
        {
            await IdentityAsync(context, path[tenantEnd..]);
            return;
        }
        context.Response.StatusCode = 404;
    }

    private sealed record PendingCode(FakeUser User, string Challenge, string Method, string RedirectUri, string ClientId);

    private async Task IdentityAsync(HttpContext context, string path)
    {
        switch (path)
        {
            case "/oauth2/v2.0/authorize":
                var query = context.Request.Query;
                var user = NextSignIn ?? _users.FirstOrDefault();
                if (user is null || query["client_id"] != ClientId || query["response_type"] != "code")
                {
                    context.Response.StatusCode = 400;
                    await context.Response.WriteAsync("unknown client or no user");
                    return;
                }
                var code = Token("code");
                _codes[code] = new PendingCode(
                    user,
                    query["code_challenge"].ToString(),
                    query["code_challenge_method"].ToString(),
                    query["redirect_uri"].ToString(),
                    ClientId
                );
                var separator = query["redirect_uri"].ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?';
                context.Response.Redirect(
                    $"{query["redirect_uri"]}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}&session_state={Guid.NewGuid()}"
                );
                return;
            case "/oauth2/v2.0/token":
                await TokenAsync(context);
                return;
            case "/v2.0/.well-known/openid-configuration":
                await context.Response.WriteAsJsonAsync(
                    new Dictionary<string, object>
                    {
                        ["authorization_endpoint"] = new Uri(Authority + "/oauth2/v2.0/authorize").ToString(),
                        ["token_endpoint"] = new Uri(Authority + "/oauth2/v2.0/token").ToString(),
                        ["issuer"] = BaseAddress + "{tenantid}/v2.0",
                        ["response_types_supported"] = new[] { "code" },
                    }
                );
                return;
            case "/discovery/instance":
                await context.Response.WriteAsJsonAsync(
                    new Dictionary<string, object>
                    {
                        ["tenant_discovery_endpoint"] = Authority + "/v2.0/.well-known/openid-configuration",
                        ["metadata"] = new[]
                        {
                            new
                            {
                                preferred_network = BaseAddress.Authority,
                                preferred_cache = BaseAddress.Authority,
                                aliases = new[] { BaseAddress.Authority },
                            },
                        },
                    }
                );
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var grant = form["grant_type"].ToString();
        _tokenGrants.Enqueue(grant);
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            await ErrorAsync(context, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
            return;
        }
        FakeUser user;
        if (grant == "authorization_code")
        {
            if (!_codes.TryRemove(form["code"].ToString(), out var pending) || pending.RedirectUri != form["redirect_uri"])
            {
                await ErrorAsync(context, 400, "invalid_grant", "AADSTS70000: The provided authorization code is invalid or has expired.");
                return;
            }
            var verifier = form["code_verifier"].ToString();
            var challenge = Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (pending.Method != "S256" || verifier.Length < 43 || challenge != pending.Challenge)
            {
                await ErrorAsync(
                    context,
                    400,
                    "invalid_grant",
                    "AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request."
                );
                return;
            }
            user = pending.User;
        }
        else if (grant == "refresh_token")
        {
            if (!_refreshTokens.TryGetValue(form["refresh_token"].ToString(), out var owner))
            {
                await ErrorAsync(context, 400, "invalid_grant", "AADSTS9002313: Invalid request. Request is malformed or invalid.");
                return;
            }
            user = owner;
        }
        else
        {
            await ErrorAsync(context, 400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type.");
            return;
        }
        if (user.ConsentRevoked)
        {
            await ErrorAsync(
                context,
                400,
                "invalid_grant",
                "AADSTS65001: The user or administrator has not consented to use the application.",
                "consent_required"
            );
            return;
        }
        var access = Token("access");
        var refresh = Token("refresh");
        _accessTokens[access] = (user, DateTimeOffset.UtcNow + AccessTokenLifetime);
        _refreshTokens[refresh] = user;
        var idToken = string.Join(
            '.',
            Base64UrlEncode("""{"alg":"none","typ":"JWT"}"""u8.ToArray()),
            Base64UrlEncode(
                JsonSerializer.SerializeToUtf8Bytes(
                    new Dictionary<string, object>
                    {
                        ["aud"] = ClientId,
                        ["iss"] = $"{BaseAddress}{user.TenantId}/v2.0",
                        ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                        ["exp"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
                        ["name"] = user.Name,
                        ["oid"] = user.ObjectId,
                        ["preferred_username"] = user.UserPrincipalName,
                        ["sub"] = user.ObjectId,
                        ["tid"] = user.TenantId,
                        ["ver"] = "2.0",
                    }
                )
            ),
            "c2lnbmF0dXJl"
        );
        await context.Response.WriteAsJsonAsync(
            new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["scope"] = "Calendars.Read User.Read profile openid email",
                ["expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
                ["ext_expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
                ["access_token"] = access,
                ["refresh_token"] = refresh,
                ["id_token"] = idToken,
                ["client_info"] = Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(new { uid = user.ObjectId, utid = user.TenantId })),
            }
        );
    }

    private static Task ErrorAsync(HttpContext context, int status, string error, string description, string? suberror = null)
    {
        context.Response.StatusCode = status;
        var body = new Dictionary<string, object>
        {
            ["error"] = error,
            ["error_description"] = description,
            ["error_codes"] = new[] { 1 },
            ["timestamp"] = DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture),
        };
        if (suberror is not null)
        {
            body["suberror"] = suberror;
        }
        return context.Response.WriteAsJsonAsync(body);
    }

    private async Task GraphAsync(HttpContext context, string path)
    {
        var bearer = context.Request.Headers.Authorization.ToString();
        var user =
            bearer.StartsWith("Bearer ", StringComparison.Ordinal)
            && _accessTokens.TryGetValue(bearer[7..], out var issued)
            && issued.ExpiresAt > DateTimeOffset.UtcNow
                ? issued.User
                : null;
        _graphRequests.Enqueue(
            new GraphRequest(
                context.Request.Method,
                path,
                context.Request.QueryString.Value ?? "",
                context.Request.Headers["Prefer"].ToString(),
                user?.ObjectId
            )
        );
        if (user is null)
        {
            await GraphErrorAsync(context, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
            return;
        }
        if (_faults.TryDequeue(out var fault))
        {
            context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await GraphErrorAsync(context, fault.Status, fault.Status == 429 ? "TooManyRequests" : "ServiceUnavailable", "Try again later.");
            return;
        }
        if (path.StartsWith("/subscriptions", StringComparison.Ordinal))
        {
            await SubscriptionsAsync(context, user, path);
            return;
        }
        if (path == "/me")
        {
            await context.Response.WriteAsJsonAsync(
                new
                {
                    id = user.ObjectId,
                    displayName = user.Name,
                    userPrincipalName = user.UserPrincipalName,
                    mail = user.UserPrincipalName,
                }
            );
            return;
        }
        if (path == "/me/calendars")
        {
            await WriteJsonAsync(
                context,
                new JsonObject
                {
                    ["@odata.context"] = $"{GraphBaseUrl}/$metadata#users('{user.ObjectId}')/calendars",
                    ["value"] = new JsonArray([
                        .. user.Calendars.Select(c =>
                            (JsonNode)
                                new JsonObject
                                {
                                    ["id"] = c.Id,
                                    ["name"] = c.Name,
                                    ["canEdit"] = true,
                                    ["isDefaultCalendar"] = c == user.Calendars[0],
                                    ["owner"] = new JsonObject { ["name"] = user.Name, ["address"] = user.UserPrincipalName },
                                }
                        ),
                    ]),
                }
            );
            return;
        }
        if (DeltaPath().Match(path) is { Success: true } delta)
        {
            await DeltaAsync(context, user, delta.Groups["calendar"].Success ? Uri.UnescapeDataString(delta.Groups["calendar"].Value) : null);
            return;
        }
        await GraphErrorAsync(context, 400, "BadRequest", $"Resource not found for the segment '{path}'.");
    }

    private async Task DeltaAsync(HttpContext context, FakeUser user, string? calendarId)
    {
        var query = context.Request.Query;
        var skipToken = query["$skiptoken"].ToString();
        var deltaToken = query["$deltatoken"].ToString();
        if (_scripted.Count > 0)
        {
            var key =
                skipToken.Length > 0 ? skipToken
                : deltaToken.Length > 0 ? deltaToken
                : "initial";
            if (_scripted.TryGetValue(key, out var page))
            {
                await WriteJsonAsync(context, page.DeepClone());
                return;
            }
        }
        var pageSize = Math.Min(PreferredPageSize(context.Request.Headers["Prefer"].ToString()) ?? DefaultPageSize, user.MaxPageSize ?? int.MaxValue);
        var inUtc = context.Request.Headers["Prefer"].ToString().Contains("outlook.timezone=\"UTC\"", StringComparison.OrdinalIgnoreCase);
        Snapshot snapshot;
        if (skipToken.Length > 0 && NextPagesBeforeFailure is { } pagesLeft)
        {
            NextPagesBeforeFailure = pagesLeft > 0 ? pagesLeft - 1 : null;
            if (pagesLeft == 0)
            {
                await GraphErrorAsync(context, 400, "ErrorInvalidParameter", "Failed on purpose by the test.");
                return;
            }
        }
        if (skipToken.Length > 0)
        {
            if (!_snapshots.TryGetValue(skipToken, out snapshot!))
            {
                await GraphErrorAsync(context, 410, "syncStateNotFound", "The sync state generation is not found.");
                return;
            }
        }
        else if (deltaToken.Length > 0)
        {
            if (!_syncStates.TryGetValue(deltaToken, out var state))
            {
                await GraphErrorAsync(context, 410, "syncStateNotFound", "The sync state generation is not found.");
                return;
            }
            snapshot = Changes(user.Calendar(state.CalendarId), state);
        }
        else
        {
            if (
                calendarId is null
                || !DateTimeOffset.TryParse(
                    query["startDateTime"].ToString() is { Length: > 0 } s ? s : query["startdatetime"].ToString(),
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal,
                    out var start
                )
                || !DateTimeOffset.TryParse(
                    query["endDateTime"].ToString() is { Length: > 0 } e ? e : query["enddatetime"].ToString(),
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal,
                    out var end
                )
            )
            {
                await GraphErrorAsync(
                    context,
                    400,
                    "ErrorInvalidParameter",
                    "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime."
                );
                return;
            }
            snapshot = Changes(user.Calendar(calendarId), new SyncState(calendarId, start, end, -1, []));
        }
        var pageItems = Render(snapshot, pageSize, inUtc);
        var body = new JsonObject { ["@odata.context"] = $"{GraphBaseUrl}/$metadata#Collection(event)" };
        if (snapshot.Offset + pageSize < snapshot.Items.Count)
        {
            var next = Token("skip");
            _snapshots[next] = snapshot with { Offset = snapshot.Offset + pageSize };
            body["@odata.nextLink"] = $"{GraphBaseUrl}/me/calendarView/delta?$skiptoken={next}";
        }
        else
        {
            var token = Token("delta");
            _syncStates[token] = snapshot.Next;
            body["@odata.deltaLink"] = $"{GraphBaseUrl}/me/calendarView/delta?$deltatoken={token}";
        }
        body["value"] = new JsonArray([.. pageItems]);
        await WriteJsonAsync(context, body);
    }

    private sealed record SyncState(string CalendarId, DateTimeOffset Start, DateTimeOffset End, long AsOf, HashSet<string> Known);

    /// <summary>A delta round's changes as event snapshots (null: removed), rendered page by page so a big calendar's JSON is never held at once.</summary>
    private sealed record Snapshot(IReadOnlyList<(string Id, FakeEvent? Event)> Items, int Offset, SyncState Next);

    private static Snapshot Changes(FakeCalendar calendar, SyncState state)
    {
        lock (calendar)
        {
            var known = new HashSet<string>(state.Known, StringComparer.Ordinal);
            var items = new List<(string, FakeEvent?)>();
            foreach (var item in calendar.Events.Values.Where(e => e.ChangedAt > state.AsOf).OrderBy(e => e.StartUtc))
            {
                var inWindow = !item.Deleted && item.StartUtc < state.End && item.EndUtc > state.Start;
                if (inWindow)
                {
                    items.Add((item.Id, item.Copy()));
                    known.Add(item.Id);
                }
                else if (known.Remove(item.Id))
                {
                    items.Add((item.Id, null));
                }
            }
            return new Snapshot(items, 0, state with { AsOf = calendar.Version, Known = known });
        }
    }

    private static List<JsonObject> Render(Snapshot snapshot, int pageSize, bool inUtc) =>
        [
            .. snapshot
                .Items.Skip(snapshot.Offset)
                .Take(pageSize)
                .Select(i =>
                    i.Event?.ToJson(inUtc)
                    ?? new JsonObject
                    {
                        ["@odata.type"] = "#microsoft.graph.event",
                        ["id"] = i.Id,
                        ["@removed"] = new JsonObject { ["reason"] = "deleted" },
                    }
                ),
        ];

    private static int? PreferredPageSize(string prefer) =>
        MaxPageSize().Match(prefer) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static Task GraphErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return WriteJsonAsync(
            context,
            new JsonObject
            {
                ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
            }
        );
    }

    private static async Task WriteJsonAsync(HttpContext context, JsonNode body)
    {
        context.Response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static string Token(string kind) => $"{kind}-{Base64UrlEncode(RandomNumberGenerator.GetBytes(24))}";

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^/me(?:/calendars/(?<calendar>[^/]+))?/calendarView/delta(?:\\(\\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex DeltaPath();

    [GeneratedRegex("odata\\.maxpagesize=(\\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxPageSize();
}

public sealed class FakeUser(FakeMicrosoftCloud cloud, string objectId, string tenantId, string name, string userPrincipalName)
{
    public FakeMicrosoftCloud Cloud { get; } = cloud;
    public string ObjectId { get; } = objectId;
    public string TenantId { get; } = tenantId;
    public string Name { get; } = name;
    public string UserPrincipalName { get; } = userPrincipalName;
    public List<FakeCalendar> Calendars { get; } = [];

    /// <summary>Fewer events a page than the app asks for, as Graph may serve.</summary>
    public int? MaxPageSize { get; set; }

    /// <summary>The user removed the app's consent: refreshing fails with invalid_grant.</summary>
    public bool ConsentRevoked { get; set; }

    public FakeCalendar AddCalendar(string name = "Calendar")
    {
        var calendar = new FakeCalendar($"AAMkAD{Guid.NewGuid():N}=", name);
        Calendars.Add(calendar);
        return calendar;
    }

    public FakeCalendar Calendar(string id) => Calendars.Single(c => c.Id == id);
}

public sealed class FakeCalendar(string id, string name)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    internal Dictionary<string, FakeEvent> Events { get; } = new(StringComparer.Ordinal);
    internal long Version { get; private set; }

    /// <summary>Set once the calendar has a subscription: tells it of each change (changeType created, updated or deleted).</summary>
    internal Action<FakeEvent, string>? Changed { get; set; }

    public FakeEvent Add(
        string subject,
        DateTimeOffset startUtc,
        TimeSpan? length = null,
        string timeZone = "GMT Standard Time",
        Action<FakeEvent>? with = null
    )
    {
        var item = new FakeEvent
        {
            Id = $"AAMkEv{Guid.NewGuid():N}=",
            Subject = subject,
            StartUtc = startUtc,
            EndUtc = startUtc + (length ?? TimeSpan.FromHours(1)),
            TimeZone = timeZone,
        };
        with?.Invoke(item);
        Change(item);
        return item;
    }

    /// <summary>Weekly occurrences of a series, as calendarView expands them.</summary>
    public IReadOnlyList<FakeEvent> AddWeeklySeries(
        string subject,
        DateTimeOffset firstStartUtc,
        int count,
        string timeZone = "GMT Standard Time",
        Action<FakeEvent>? with = null
    )
    {
        var master = $"AAMkSm{Guid.NewGuid():N}=";
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var firstLocal = TimeZoneInfo.ConvertTime(firstStartUtc, zone).DateTime;
        return
        [
            .. Enumerable
                .Range(0, count)
                .Select(i =>
                {
                    var local = firstLocal.AddDays(7 * i);
                    var start = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
                    return Add(subject, start, null, timeZone, e =>
                    {
                        e.Type = "occurrence";
                        e.SeriesMasterId = master;
                        e.OriginalStartUtc = start;
                        with?.Invoke(e);
                    });
                }),
        ];
    }

    public void Change(FakeEvent item, Action<FakeEvent>? change = null)
    {
        string changeType;
        lock (this)
        {
            change?.Invoke(item);
            changeType =
                item.Deleted ? "deleted"
                : Events.ContainsKey(item.Id) ? "updated"
                : "created";
            item.ChangedAt = ++Version;
            Events[item.Id] = item;
        }
        Changed?.Invoke(item, changeType);
    }

    public void Delete(FakeEvent item) => Change(item, e => e.Deleted = true);
}

public sealed class FakeEvent
{
    public required string Id { get; init; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTimeOffset StartUtc { get; set; }
    public DateTimeOffset EndUtc { get; set; }
    public string TimeZone { get; set; } = "GMT Standard Time";
    public bool IsAllDay { get; set; }
    public bool IsCancelled { get; set; }
    public string ShowAs { get; set; } = "busy";
    public string Type { get; set; } = "singleInstance";
    public string? SeriesMasterId { get; set; }
    public DateTimeOffset? OriginalStartUtc { get; set; }
    public string Location { get; set; } = "";
    public List<string> Attendees { get; private set; } = [];
    internal bool Deleted { get; set; }
    internal long ChangedAt { get; set; }

    /// <summary>The event as it is now, for a delta round that must not see later changes.</summary>
    internal FakeEvent Copy()
    {
        var copy = (FakeEvent)MemberwiseClone();
        copy.Attendees = [.. Attendees];
        return copy;
    }

    public void MoveBy(TimeSpan by)
    {
        StartUtc += by;
        EndUtc += by;
        if (Type == "occurrence")
        {
            Type = "exception";
        }
    }

    internal JsonObject ToJson(bool inUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        JsonObject Time(DateTimeOffset instant) =>
            inUtc
                ? new JsonObject
                {
                    ["dateTime"] = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
                    ["timeZone"] = "UTC",
                }
                : new JsonObject
                {
                    ["dateTime"] = TimeZoneInfo.ConvertTime(instant, zone).DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
                    ["timeZone"] = TimeZone,
                };
        return new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.event",
            ["@odata.etag"] = $"W/\"{ChangedAt}\"",
            ["id"] = Id,
            ["subject"] = Subject,
            ["bodyPreview"] = Body.Length > 255 ? Body[..255] : Body,
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = $"<html><body>{WebUtility.HtmlEncode(Body)}</body></html>" },
            ["start"] = Time(StartUtc),
            ["end"] = Time(EndUtc),
            ["originalStartTimeZone"] = TimeZone,
            ["originalEndTimeZone"] = TimeZone,
            ["isAllDay"] = IsAllDay,
            ["isCancelled"] = IsCancelled,
            ["showAs"] = ShowAs,
            ["type"] = Type,
            ["seriesMasterId"] = SeriesMasterId,
            ["originalStart"] = OriginalStartUtc?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["webLink"] = $"https://outlook.office365.com/owa/?itemid={Uri.EscapeDataString(Id)}&exvsurl=1&path=/calendar/item",
            ["location"] = new JsonObject { ["displayName"] = Location },
            ["attendees"] = new JsonArray([
                .. Attendees.Select(a =>
                    (JsonNode)
                        new JsonObject
                        {
                            ["type"] = "required",
                            ["status"] = new JsonObject { ["response"] = "none", ["time"] = "0001-01-01T00:00:00Z" },
                            ["emailAddress"] = new JsonObject { ["name"] = a, ["address"] = a },
                        }
                ),
            ]),
            ["organizer"] = new JsonObject
            {
                ["emailAddress"] = new JsonObject { ["name"] = "Owner", ["address"] = "owner@contoso.example" },
            },
        };
    }
}
