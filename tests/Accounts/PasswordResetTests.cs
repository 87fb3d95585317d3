namespace ClientReminders.Tests.Accounts;

public class PasswordResetTests
{
    private const string NewPassword = "a brand new Passphrase 7";

    [Fact]
    public async Task AResetLinkChangesThePasswordOnceAndSignsOutEverySession()
    {
        await using var app = await Owners.StartAppAsync();
        using var signedIn = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, signedIn);
        using var browser = new TestBrowser(app);
        using var forgot = await browser.PostJsonAsync("/api/auth/forgot", new { email });
        var token = Owners.LinkToken(app, email);

        using var reset = await browser.PostJsonAsync("/api/auth/reset", new { token, password = NewPassword });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        using var earlierSession = await signedIn.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, earlierSession.StatusCode);
        using var oldPassword = await browser.PostJsonAsync("/api/auth/login", new { email, password = Owners.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        await Owners.SignInAsync(browser, email, NewPassword);
        using var again = await browser.PostJsonAsync("/api/auth/reset", new { token, password = "yet another Passphrase 8" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task AResetLinkExpiresAfterAnHour()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2040, 7, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = await Owners.StartAppAsync(clock: clock);
        using var browser = new TestBrowser(app);
        var email = await Owners.SignUpAndConfirmAsync(app, browser);
        using var forgot = await browser.PostJsonAsync("/api/auth/forgot", new { email });
        clock.Advance(TimeSpan.FromMinutes(61));

        using var reset = await browser.PostJsonAsync("/api/auth/reset", new { token = Owners.LinkToken(app, email), password = NewPassword });

        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        await Owners.SignInAsync(browser, email);
    }

    [Fact]
    public async Task AWeakNewPasswordIsRefusedAndTheLinkStillWorks()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignUpAndConfirmAsync(app, browser);
        using var forgot = await browser.PostJsonAsync("/api/auth/forgot", new { email });
        var token = Owners.LinkToken(app, email);

        using var weak = await browser.PostJsonAsync("/api/auth/reset", new { token, password = "password1234" });

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.True((await Owners.JsonAsync(weak)).GetProperty("errors").TryGetProperty("password", out _));
        using var strong = await browser.PostJsonAsync("/api/auth/reset", new { token, password = NewPassword });
        Assert.Equal(HttpStatusCode.OK, strong.StatusCode);
        await Owners.SignInAsync(browser, email, NewPassword);
    }
}
