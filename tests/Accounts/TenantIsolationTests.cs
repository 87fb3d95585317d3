using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace ClientReminders.Tests.Accounts;

public class TenantIsolationTests
{
    // Routes anyone may call: anything added beyond these must require a session.
    private static readonly string[] PublicRoutes =
    [
        "GET /api/health",
        "GET /api/auth/csrf",
        "POST /api/auth/signup",
        "POST /api/auth/confirm",
        "POST /api/auth/login",
        "POST /api/auth/forgot",
        "POST /api/auth/reset",
        "POST /api/support",
        "GET /api/dev/emails",
        "POST /api/me/email/confirm",
        "GET /api/unsubscribe",
        "POST /api/unsubscribe",
        // The one-tap answer page: the signed link in a reminder is the authority.
        "GET /api/answers/x",
        "POST /api/answers/x",
        // The "add to my calendar" file: the signed link in a reminder email is the authority.
        "GET /api/calendar-file/x",
        // Called by Event Grid, authenticated by the secret in its URL instead of a session.
        "POST /api/webhooks/eventgrid",
        "OPTIONS /api/webhooks/eventgrid",
        // Called by Microsoft Graph, authenticated by each subscription's clientState secret instead of a session.
        "POST /api/webhooks/graph",
        "POST /api/webhooks/graph/lifecycle",
        // Called by the operator (the payment provider's relay), authenticated by the operator key instead of a session.
        "POST /api/operator/accounts/x/plan",
        // The fallback that answers 404 for every unknown /api path.
        "GET /api/x",
    ];

    [Fact]
    public async Task EachOwnerSeesOnlyTheirOwnAccountAndActivity()
    {
        await using var app = await Owners.StartAppAsync();
        using var a = new TestBrowser(app, "Browser A");
        using var b = new TestBrowser(app, "Browser B");
        var emailA = await Owners.SignedInAsync(app, a);
        var emailB = await Owners.SignedInAsync(app, b);
        var idA = (await Owners.JsonAsync(await a.GetAsync("/api/me"))).GetProperty("id").GetString()!;

        using var me = await b.GetAsync("/api/me");
        using var audit = await b.GetAsync("/api/me/audit");

        var meText = await me.Content.ReadAsStringAsync();
        Assert.Contains(emailB, meText, StringComparison.Ordinal);
        Assert.DoesNotContain(emailA, meText, StringComparison.Ordinal);
        Assert.DoesNotContain(idA, meText, StringComparison.Ordinal);
        var entries = (await Owners.JsonAsync(audit)).GetProperty("entries").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.NotEqual("Browser A", e.GetProperty("userAgent").GetString()));
    }

    [Fact]
    public async Task EveryGetRouteForOwnersAnswersOnlyForTheSignedInOwner()
    {
        await using var app = await Owners.StartAppAsync();
        using var a = new TestBrowser(app);
        using var b = new TestBrowser(app);
        var emailA = await Owners.SignedInAsync(app, a);
        await Owners.SignedInAsync(app, b);
        var idA = (await Owners.JsonAsync(await a.GetAsync("/api/me"))).GetProperty("id").GetString()!;
        var ownerRoutes = ApiRoutes.All(app).Where(r => r.Method == "GET" && !PublicRoutes.Contains(r.ToString())).ToList();

        var bodies = new List<string>();
        foreach (var route in ownerRoutes)
        {
            using var response = await b.GetAsync(route.Path);
            var addressesOneThing = route.Endpoint is RouteEndpoint { RoutePattern.Parameters.Count: > 0 };
            // Microsoft's redirect back to us: without the signed-in owner's own pending request it goes to an error page.
            var expected =
                route.ToString() == "GET /api/calendars/microsoft/callback" ? HttpStatusCode.Found
                : addressesOneThing ? HttpStatusCode.NotFound
                : HttpStatusCode.OK;
            Assert.Equal(expected, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        Assert.Contains(ownerRoutes, r => r.Path == "/api/me/audit");
        Assert.All(bodies, body =>
        {
            Assert.DoesNotContain(emailA, body, StringComparison.Ordinal);
            Assert.DoesNotContain(idA, body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task EveryApiRouteRequiresASessionUnlessItIsKnownToBePublic()
    {
        await using var app = await Owners.StartAppAsync();

        var unprotected = ApiRoutes
            .All(app)
            .Where(r => r.Endpoint.Metadata.GetMetadata<IAuthorizeData>() is null || r.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(r => r.ToString())
            .ToList();

        Assert.NotEmpty(ApiRoutes.All(app));
        Assert.Empty(unprotected.Except(PublicRoutes));
    }

    [Fact]
    public async Task EveryProtectedRouteAnswers401WithoutASession()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var routes = ApiRoutes.All(app).Where(r => !PublicRoutes.Contains(r.ToString())).ToList();

        var answers = new List<string>();
        foreach (var route in routes)
        {
            using var response = await browser.SendAsync(
                new HttpMethod(route.Method),
                route.Path,
                route.Method == "GET" ? null : new { },
                route.Method == "GET" ? Csrf.None : Csrf.Auto
            );
            answers.Add($"{route} -> {(int)response.StatusCode}");
        }

        Assert.NotEmpty(routes);
        Assert.All(answers, a => Assert.EndsWith("-> 401", a, StringComparison.Ordinal));
    }
}
