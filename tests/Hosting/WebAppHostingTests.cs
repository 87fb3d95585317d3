namespace ClientReminders.Tests.Hosting;

public sealed class WebAppHostingTests : IAsyncLifetime
{
    private readonly string _webRoot = Directory.CreateTempSubdirectory("web-").FullName;
    private TestApp _app = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_webRoot, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "index.html"), "<!doctype html><title>Client Reminders</title><div id=root></div>");
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "assets", "app-1234.js"), "console.log('app')");
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "email-preview.html"), "<!doctype html><title>Email preview</title>");
        _app = await TestApp.StartAsync(new Dictionary<string, string> { ["WebApp:Root"] = _webRoot, ["Triggers:LocalDriver"] = "false" });
    }

    [Fact]
    public async Task ADeepLinkGetsTheAppShellWithTheStaticWebAppSecurityHeaders()
    {
        using var response = await _app.Client.GetAsync("/clients/42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=root>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.Single(response.Headers.GetValues("Referrer-Policy"));
    }

    [Fact]
    public async Task TheEmailPreviewPageHasItsOwnRoutesPolicyLettingEmailStylesApplyInsideTheApp()
    {
        using var response = await _app.Client.GetAsync("/email-preview.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task HashedAssetsAreCachedForeverAndTheShellIsNot()
    {
        using var asset = await _app.Client.GetAsync("/assets/app-1234.js");
        using var shell = await _app.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("immutable", asset.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True(shell.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task AnUnknownApiRouteIsANotFoundProblemNotTheAppShell()
    {
        using var response = await _app.Client.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AMissingAssetIsNotFound()
    {
        using var response = await _app.Client.GetAsync("/assets/missing.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OnlyReadsFallBackToTheAppShell()
    {
        using var response = await _app.Client.PostAsync("/clients", new StringContent(""));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        Directory.Delete(_webRoot, recursive: true);
    }
}
