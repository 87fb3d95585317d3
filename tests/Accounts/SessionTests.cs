namespace ClientReminders.Tests.Accounts;

public class SessionTests
{
    private static readonly DateTimeOffset Start = new(2040, 5, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SignInSetsASecureHostOnlySessionCookieThatEndsWithTheBrowser()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);

        await Owners.SignedInAsync(app, browser);

        var cookie = browser.LatestSetCookie(TestBrowser.SessionCookie)!;
        Assert.True(cookie.Has("secure"));
        Assert.True(cookie.Has("httponly"));
        Assert.Contains(cookie["samesite"], new[] { "lax", "strict" }, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("/", cookie["path"]);
        Assert.False(cookie.Has("domain"));
        Assert.False(cookie.Has("expires"));
        Assert.False(cookie.Has("max-age"));
    }

    [Fact]
    public async Task RememberMeMakesTheSessionCookieLastThirtyDays()
    {
        var clock = new ManualTimeProvider(Start);
        await using var app = await Owners.StartAppAsync(clock: clock);
        using var browser = new TestBrowser(app);
        var email = await Owners.SignUpAndConfirmAsync(app, browser);

        await Owners.SignInAsync(browser, email, rememberMe: true);

        var cookie = browser.LatestSetCookie(TestBrowser.SessionCookie)!;
        Assert.Equal(Start.AddDays(30), cookie.Expires);
        Assert.True(cookie.Has("secure"));
        Assert.True(cookie.Has("httponly"));
    }

    [Fact]
    public async Task EachSignInIssuesANewSessionId()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, browser);
        var first = browser.Session;

        await Owners.SignInAsync(browser, email);

        Assert.NotNull(browser.Session);
        Assert.NotEqual(first, browser.Session);
    }

    [Fact]
    public async Task OnlyTheHashOfTheSessionIdIsStored()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);
        var sessionId = browser.Session!;
        var sessions = app.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageTables.Sessions.Name);

        var hashed = await sessions.GetEntityIfExistsAsync<TableEntity>(
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId))),
            "session"
        );
        var plain = await sessions.GetEntityIfExistsAsync<TableEntity>(sessionId, "session");

        Assert.True(hashed.HasValue);
        Assert.False(plain.HasValue);
        Assert.DoesNotContain(hashed.Value!.StoredValues(), v => v?.ToString()?.Contains(sessionId, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task SignOutRevokesTheSessionOnTheServer()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);
        var sessionId = browser.Session!;

        using var signedOut = await browser.PostJsonAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        Assert.Null(browser.Session);
        using var replaying = new TestBrowser(app);
        replaying.PutCookie(TestBrowser.SessionCookie, sessionId);
        using var me = await replaying.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task RequestsMomentsApartCheckTheSessionInStorageOnce()
    {
        var clock = new ManualTimeProvider(Start);
        await using var app = await Owners.StartAppAsync(clock: clock);
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);
        using var first = await browser.GetAsync("/api/rules");

        var (status, requests) = await StorageRequestsOfOneCall.CountAsync(async () =>
        {
            using var again = await browser.GetAsync("/api/rules");
            return again.StatusCode;
        });
        clock.Advance(SessionMemo.For);
        var (_, later) = await StorageRequestsOfOneCall.CountAsync(async () =>
        {
            using var afterwards = await browser.GetAsync("/api/rules");
            return afterwards.StatusCode;
        });

        Assert.Equal(HttpStatusCode.OK, status);
        // The rules themselves: one read; the session and the account: none, then two once the memo's seconds pass.
        Assert.Equal(1, requests);
        Assert.Equal(3, later);
    }

    [Fact]
    public async Task RequestsThatFindTheMemoLapsedTogetherShareOneCheckOfTheSession()
    {
        var clock = new ManualTimeProvider(Start);
        await using var app = await Owners.StartAppAsync(clock: clock);
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);
        using var first = await browser.GetAsync("/api/rules");
        var (_, remembered) = await StorageRequestsOfOneCall.CountAsync(async () =>
        {
            using var again = await browser.GetAsync("/api/rules");
            return again.StatusCode;
        });

        // A busy screen's requests all find the memo lapsed at once.
        clock.Advance(SessionMemo.For);
        const int Together = 20;
        var (statuses, requests) = await StorageRequestsOfOneCall.CountAsync(async () =>
            await Task.WhenAll(
                Enumerable
                    .Range(0, Together)
                    .Select(async _ =>
                    {
                        using var response = await browser.GetAsync("/api/rules");
                        return response.StatusCode;
                    })
            )
        );

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        // Each request's own reads, and the session and the account read once for all of them (not once each).
        Assert.Equal(Together * remembered + 2, requests);
    }

    [Fact]
    public async Task ASessionEndedElsewhereIsRefusedOnceTheMemosSecondsPass()
    {
        var clock = new ManualTimeProvider(Start);
        await using var app = await Owners.StartAppAsync(clock: clock);
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);
        using var signedIn = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);

        // Another instance signs the session out: its row goes; this instance has not seen it.
        var sessions = await app.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Sessions);
        await sessions.DeleteEntityAsync(Tokens.Hash(browser.Session!), SessionEntity.Row);
        clock.Advance(SessionMemo.For);

        using var me = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task ASessionEndsAfterThirtyIdleMinutes()
    {
        var clock = new ManualTimeProvider(Start);
        await using var app = await Owners.StartAppAsync(clock: clock);
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);
        clock.Advance(TimeSpan.FromMinutes(29));
        using var stillIn = await browser.GetAsync("/api/me");
        clock.Advance(TimeSpan.FromMinutes(29));
        using var stillInAfterUse = await browser.GetAsync("/api/me");

        clock.Advance(TimeSpan.FromMinutes(31));

        using var idle = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillInAfterUse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, idle.StatusCode);
    }

    [Fact]
    public async Task ASessionEndsTwelveHoursAfterSignInHoweverBusy()
    {
        var clock = new ManualTimeProvider(Start);
        await using var app = await Owners.StartAppAsync(clock: clock);
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);
        var answers = new List<HttpStatusCode>();
        for (var elapsed = TimeSpan.FromMinutes(20); elapsed < TimeSpan.FromHours(12); elapsed += TimeSpan.FromMinutes(20))
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            using var touch = await browser.GetAsync("/api/me");
            answers.Add(touch.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(20));

        using var expired = await browser.GetAsync("/api/me");
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task TheIdleTimeoutAndLifetimeFromConfigurationAreHonoured()
    {
        var clock = new ManualTimeProvider(Start);
        await using var app = await Owners.StartAppAsync(
            new Dictionary<string, string> { ["Accounts:SessionIdleTimeout"] = "00:10:00", ["Accounts:SessionLifetime"] = "00:25:00" },
            clock
        );
        using var idleBrowser = new TestBrowser(app);
        using var busyBrowser = new TestBrowser(app);
        await Owners.SignedInAsync(app, idleBrowser);
        await Owners.SignedInAsync(app, busyBrowser);
        clock.Advance(TimeSpan.FromMinutes(8));
        using var busyAt8 = await busyBrowser.GetAsync("/api/me");
        clock.Advance(TimeSpan.FromMinutes(8));
        using var busyAt16 = await busyBrowser.GetAsync("/api/me");
        using var idleAt16 = await idleBrowser.GetAsync("/api/me");
        clock.Advance(TimeSpan.FromMinutes(9));

        using var busyAt25 = await busyBrowser.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, busyAt8.StatusCode);
        Assert.Equal(HttpStatusCode.OK, busyAt16.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, idleAt16.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, busyAt25.StatusCode);
    }

    [Fact]
    public async Task WithoutASessionMeAnswers401ProblemDetails()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);

        using var me = await browser.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal("application/problem+json", me.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await Owners.JsonAsync(me)).GetProperty("status").GetInt32());
    }
}
