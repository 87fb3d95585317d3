using System.Net.Http.Headers;

namespace ClientReminders.Tests.Accounts;

public class ApiHygieneTests
{
    [Fact]
    public async Task EveryKindOfApiAnswerCarriesTheSecurityHeaders()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);

        using var health = await browser.GetAsync("/api/health");
        using var unauthorized = await browser.GetAsync("/api/me");
        using var invalid = await browser.PostJsonAsync("/api/auth/signup", new { email = "nope" });
        using var notFound = await browser.GetAsync("/api/nope");

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.NotFound],
            new[] { health, unauthorized, invalid, notFound }.Select(r => r.StatusCode)
        );
        Assert.All(new[] { health, unauthorized, invalid, notFound }, response =>
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task AnUnknownApiPathAnswers404ProblemDetails()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);

        using var response = await browser.GetAsync("/api/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnhandledExceptionAnswersAProblemWithoutItsDetails()
    {
        await using var app = await Owners.StartAppAsync(mapExtra: a =>
            a.MapGet("/api/test/boom", string () => throw new InvalidOperationException("Secret internals: connection string xyz"))
        );
        using var browser = new TestBrowser(app);

        using var response = await browser.GetAsync("/api/test/boom");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(500, (await Owners.JsonAsync(response)).GetProperty("status").GetInt32());
        Assert.DoesNotContain("Secret internals", body, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task ABodyOverTheRequestLimitIsRefusedWith413()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var padding = new string('x', (int)RequestLimits.MaxBodyBytes);
        var json =
            $$"""{"businessName":"{{padding}}","ownerName":"Jane","email":"{{Owners.NewEmail()}}","password":"{{Owners.Password}}","country":"GB","timeZone":"Europe/London"}""";
        using var content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

        using var response = await browser.PostJsonAsync("/api/auth/signup", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await Owners.JsonAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task AChunkedBodyOverTheRequestLimitIsRefusedWith413()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var padding = new string('x', (int)RequestLimits.MaxBodyBytes);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"businessName":"{{padding}}"}""")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await browser.SendAsync(HttpMethod.Post, "/api/auth/signup", content, Csrf.Auto, ("Transfer-Encoding", "chunked"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
