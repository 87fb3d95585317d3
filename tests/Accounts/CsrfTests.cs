namespace ClientReminders.Tests.Accounts;

public class CsrfTests
{
    [Fact]
    public async Task EveryStateChangingApiRouteRefusesARequestWithoutTheToken()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);
        // Webhooks (authenticated by the secret in their URL), operator calls (by the operator key, never a session) and the one-click unsubscribe (by its signed token) are exempt.
        var routes = ApiRoutes
            .StateChanging(app)
            .Where(r =>
                r.Path != CsrfMiddleware.ExemptPath
                && !r.Path.StartsWith("/api/webhooks/", StringComparison.Ordinal)
                && !r.Path.StartsWith("/api/operator/", StringComparison.Ordinal)
            )
            .ToList();
        var answers = new List<string>();

        foreach (var route in routes)
        {
            using var response = await browser.SendAsync(new HttpMethod(route.Method), route.Path, new { }, Csrf.None);
            answers.Add($"{route} -> {(int)response.StatusCode} {(await Owners.JsonAsync(response)).GetProperty("type").GetString()}");
        }

        Assert.Contains(routes, r => r.Path == "/api/support");
        Assert.Contains(routes, r => r is { Method: "DELETE", Path: "/api/me" });
        Assert.All(answers, a => Assert.EndsWith("-> 403 csrf", a, StringComparison.Ordinal));
        using var stillSignedIn = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }

    [Fact]
    public async Task OnlyTheOneClickUnsubscribeIsExemptAndOnlyAtItsExactPath()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);

        using var exempt = await browser.PostJsonAsync("/api/unsubscribe?token=x", null, Csrf.None);
        using var beneath = await browser.PostJsonAsync("/api/unsubscribe/x", null, Csrf.None);

        Assert.Equal(["POST /api/unsubscribe"], ApiRoutes.StateChanging(app).Where(r => r.Path == CsrfMiddleware.ExemptPath).Select(r => r.ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, exempt.StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, "csrf"), (beneath.StatusCode, (await Owners.JsonAsync(beneath)).GetProperty("type").GetString()));
    }

    [Fact]
    public async Task ATokenIssuedToAnotherBrowserIsRefused()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        using var attacker = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);
        var attackersToken = await attacker.CsrfTokenAsync();

        using var response = await browser.PutJsonAsync(
            "/api/me",
            new
            {
                businessName = "Hijacked",
                ownerName = "Eve",
                country = "GB",
                timeZone = "Europe/London",
            },
            Csrf.Use(attackersToken)
        );

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ATokenIssuedForAnotherSessionOfTheSameBrowserIsRefused()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, browser);
        var firstSessionsToken = await browser.CsrfTokenAsync();

        await Owners.SignInAsync(browser, email);

        using var response = await browser.PostJsonAsync("/api/auth/logout", null, Csrf.Use(firstSessionsToken));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AValidTokenFromAnotherOriginIsRefused()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);

        using var response = await browser.PostJsonAsync("/api/auth/logout", null, Csrf.Auto, ("Origin", "https://evil.example"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AValidTokenFromACrossSiteFetchIsRefused()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);

        using var response = await browser.PostJsonAsync("/api/auth/logout", null, Csrf.Auto, ("Sec-Fetch-Site", "cross-site"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AValidTokenFromOurOwnOriginIsAccepted()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);

        using var response = await browser.PostJsonAsync(
            "/api/auth/logout",
            null,
            Csrf.Auto,
            ("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority)),
            ("Sec-Fetch-Site", "same-origin")
        );

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task TheTokenFromBeforeSignInStopsWorkingOnceSignedIn()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignUpAndConfirmAsync(app, browser);
        var beforeSignIn = await browser.CsrfTokenAsync();

        await Owners.SignInAsync(browser, email);

        using var response = await browser.PutJsonAsync(
            "/api/me",
            new
            {
                businessName = "Quay Dental",
                ownerName = "Sam",
                country = "GB",
                timeZone = "Europe/London",
            },
            Csrf.Use(beforeSignIn)
        );
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
