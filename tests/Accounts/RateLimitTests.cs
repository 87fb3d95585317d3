namespace ClientReminders.Tests.Accounts;

public class RateLimitTests
{
    [Fact]
    public async Task TheFourthSignInForOneAddressIsRefusedWhileAnotherAddressStillWorks()
    {
        await using var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["RateLimits:Auth:LoginPerAccountPermits"] = "3" });
        using var browser = new TestBrowser(app);
        var target = await Owners.SignUpAndConfirmAsync(app, browser);
        var other = await Owners.SignUpAndConfirmAsync(app, browser);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var failed = await browser.PostJsonAsync("/api/auth/login", new { email = target, password = "a wrong Passphrase 42" });
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var fourth = await browser.PostJsonAsync("/api/auth/login", new { email = target, password = Owners.Password });

        await AssertTooManyAsync(fourth);
        await Owners.SignInAsync(browser, other);
    }

    [Fact]
    public async Task TheSixthAuthRequestFromOneClientIsRefused()
    {
        await using var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["RateLimits:Auth:PerIpPermits"] = "5" });
        using var browser = new TestBrowser(app);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var allowed = await browser.PostJsonAsync("/api/auth/login", new { email = Owners.NewEmail(), password = Owners.Password });
            Assert.Equal(HttpStatusCode.Unauthorized, allowed.StatusCode);
        }

        using var sixth = await browser.PostJsonAsync("/api/auth/forgot", new { email = Owners.NewEmail() });

        await AssertTooManyAsync(sixth);
    }

    [Fact]
    public async Task ForgotPasswordIsLimitedPerAddress()
    {
        await using var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["RateLimits:Auth:ForgotPerAccountPermits"] = "2" });
        using var browser = new TestBrowser(app);
        var email = await Owners.SignUpAndConfirmAsync(app, browser);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var allowed = await browser.PostJsonAsync("/api/auth/forgot", new { email });
            Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        }

        using var third = await browser.PostJsonAsync("/api/auth/forgot", new { email });
        using var otherAddress = await browser.PostJsonAsync("/api/auth/forgot", new { email = Owners.NewEmail() });

        await AssertTooManyAsync(third);
        Assert.Equal(HttpStatusCode.Accepted, otherAddress.StatusCode);
        Assert.Equal(2, Owners.EmailsTo(app, email).Count(m => m.Message.Subject.Contains("Reset", StringComparison.Ordinal)));
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.True(int.TryParse(retryAfter, out var seconds) && seconds > 0, $"Retry-After '{retryAfter}' is not a positive number of seconds.");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(429, (await Owners.JsonAsync(response)).GetProperty("status").GetInt32());
    }
}
