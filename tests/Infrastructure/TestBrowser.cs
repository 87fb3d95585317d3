namespace ClientReminders.Tests.Infrastructure;

/// <summary>Which X-CSRF-Token a request carries: the browser's own (fetched as the SPA does), none, or a given one.</summary>
public sealed record Csrf(bool Automatic, string? Token)
{
    public static Csrf Auto { get; } = new(true, null);

    public static Csrf None { get; } = new(false, null);

    public static Csrf Use(string token) => new(false, token);
}

/// <summary>One Set-Cookie header, parsed: attribute names are matched case-insensitively, flags have an empty value.</summary>
public sealed record SetCookie(string Raw, string Name, string Value, IReadOnlyDictionary<string, string> Attributes)
{
    public static SetCookie Parse(string raw)
    {
        var parts = raw.Split(';');
        var pair = parts[0].Split('=', 2);
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in parts.Skip(1))
        {
            var attribute = part.Split('=', 2);
            attributes[attribute[0].Trim()] = attribute.Length == 2 ? attribute[1].Trim() : "";
        }
        return new SetCookie(raw, pair[0].Trim(), pair.Length == 2 ? pair[1].Trim() : "", attributes);
    }

    public bool Has(string attribute) => Attributes.ContainsKey(attribute);

    public string? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;

    public DateTimeOffset? Expires => this["Expires"] is { } expires ? DateTimeOffset.ParseExact(expires, "r", CultureInfo.InvariantCulture) : null;

    /// <summary>Whether a browser would drop the cookie on receiving this header.</summary>
    public bool Deletes =>
        (this["Max-Age"] is { } maxAge && long.Parse(maxAge, CultureInfo.InvariantCulture) <= 0) || (Expires is { } expires && expires < DateTimeOffset.UtcNow);
}

/// <summary>
/// A browser for the API: keeps its own cookie jar (HttpClient's will not send Secure cookies over http) and sends the
/// X-CSRF-Token header the way the web app does, fetching it again whenever the session changes.
/// </summary>
public sealed class TestBrowser : IDisposable
{
    public const string SessionCookie = "__Host-session";
    public const string CsrfCookie = "__Host-csrf";

    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _jar = new(StringComparer.Ordinal);
    private readonly List<string> _rawSetCookies = [];
    private string? _csrfToken;
    private string? _csrfTokenSession;

    public TestBrowser(TestApp app, string userAgent = "TestBrowser/1.0")
    {
        _http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        BaseAddress = app.BaseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Every Set-Cookie header received, oldest first.</summary>
    public IReadOnlyList<string> RawSetCookies => _rawSetCookies;

    public IReadOnlyDictionary<string, string> Cookies => _jar;

    public string? Session => _jar.GetValueOrDefault(SessionCookie);

    /// <summary>The newest Set-Cookie header received for <paramref name="name"/>.</summary>
    public SetCookie? LatestSetCookie(string name) => _rawSetCookies.Select(SetCookie.Parse).LastOrDefault(c => c.Name == name);

    public void PutCookie(string name, string value)
    {
        _jar[name] = value;
    }

    public Task<HttpResponseMessage> GetAsync(string path, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Get, path, null, Csrf.None, headers);

    public Task<HttpResponseMessage> PostJsonAsync(string path, object? body, Csrf? csrf = null, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Post, path, body, csrf ?? Csrf.Auto, headers);

    public Task<HttpResponseMessage> PutJsonAsync(string path, object? body, Csrf? csrf = null, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Put, path, body, csrf ?? Csrf.Auto, headers);

    public Task<HttpResponseMessage> DeleteJsonAsync(string path, object? body, Csrf? csrf = null, params (string Name, string Value)[] headers) =>
        SendAsync(HttpMethod.Delete, path, body, csrf ?? Csrf.Auto, headers);

    /// <summary>The anti-forgery token for this browser and its current session, as <c>GET /api/auth/csrf</c> gives it.</summary>
    public async Task<string> CsrfTokenAsync()
    {
        if (_csrfToken is null || _csrfTokenSession != Session || !_jar.ContainsKey(CsrfCookie))
        {
            using var response = await GetAsync("/api/auth/csrf");
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            _csrfToken = json.RootElement.GetProperty("token").GetString();
            _csrfTokenSession = Session;
        }
        return _csrfToken!;
    }

    /// <summary>
    /// Sends a request with this browser's cookies. With <see cref="Csrf.Auto"/>, a cached token refused because the session
    /// ended on the server is fetched again and the request repeated once, as the web app does.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, Csrf csrf, params (string Name, string Value)[] headers)
    {
        var cached = _csrfToken is not null && _csrfTokenSession == Session;
        var response = await SendOnceAsync(method, path, body, csrf.Automatic ? await CsrfTokenAsync() : csrf.Token, headers);
        if (
            csrf.Automatic
            && cached
            && body is not HttpContent
            && response.StatusCode == HttpStatusCode.Forbidden
            && (await response.Content.ReadAsStringAsync()).Contains("\"type\":\"csrf\"", StringComparison.Ordinal)
        )
        {
            response.Dispose();
            _csrfToken = null;
            response = await SendOnceAsync(method, path, body, await CsrfTokenAsync(), headers);
        }
        return response;
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpMethod method, string path, object? body, string? token, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is HttpContent content)
        {
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType());
        }
        if (token is not null)
        {
            request.Headers.Add("X-CSRF-Token", token);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        if (_jar.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _jar.Select(c => $"{c.Key}={c.Value}")));
        }
        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var raw in setCookies)
            {
                _rawSetCookies.Add(raw);
                var cookie = SetCookie.Parse(raw);
                if (cookie.Deletes || (cookie.Value.Length == 0 && cookie.Has("Expires")))
                {
                    _jar.Remove(cookie.Name);
                }
                else
                {
                    _jar[cookie.Name] = cookie.Value;
                }
            }
        }
        return response;
    }

    public void Dispose() => _http.Dispose();
}
