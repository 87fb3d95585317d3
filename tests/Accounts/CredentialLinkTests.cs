namespace ClientReminders.Tests.Accounts;

/// <summary>Any credential change (password change, completed reset, email change, closure) ends every link emailed before it.</summary>
public class CredentialLinkTests
{
    private const string NewPassword = "a brand new Passphrase 7";

    private static async Task<(TestApp App, TestBrowser Browser, string Email, string ResetToken, string EmailChangeToken)> LinksOutAsync()
    {
        var app = await Owners.StartAppAsync();
        var browser = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, browser);
        using var forgot = await new TestBrowser(app).PostJsonAsync("/api/auth/forgot", new { email });
        var resetToken = Owners.LinkToken(app, email);
        var newEmail = Owners.NewEmail("moving");
        using var change = await browser.PostJsonAsync("/api/me/email", new { newEmail, password = Owners.Password });
        Assert.Equal(HttpStatusCode.Accepted, change.StatusCode);
        return (app, browser, email, resetToken, Owners.LinkToken(app, newEmail));
    }

    private static async Task AssertLinksDeadAsync(TestApp app, string resetToken, string emailChangeToken)
    {
        using var anyone = new TestBrowser(app);
        using var reset = await anyone.PostJsonAsync("/api/auth/reset", new { token = resetToken, password = "someone else's Passphrase 3" });
        using var confirm = await anyone.PostJsonAsync("/api/me/email/confirm", new { token = emailChangeToken });
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (reset.StatusCode, confirm.StatusCode));
    }

    [Fact]
    public async Task AResetLinkAndAnEmailChangeLinkStopWorkingWhenThePasswordIsChanged()
    {
        var (app, browser, _, resetToken, emailChangeToken) = await LinksOutAsync();
        await using var _app = app;
        using var _browser = browser;

        using var changed = await browser.PostJsonAsync("/api/me/password", new { currentPassword = Owners.Password, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await AssertLinksDeadAsync(app, resetToken, emailChangeToken);
    }

    [Fact]
    public async Task AnEmailChangeLinkStopsWorkingWhenAResetIsCompleted()
    {
        var (app, browser, email, resetToken, emailChangeToken) = await LinksOutAsync();
        await using var _app = app;
        using var _browser = browser;

        using var reset = await new TestBrowser(app).PostJsonAsync("/api/auth/reset", new { token = resetToken, password = NewPassword });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        using var confirm = await new TestBrowser(app).PostJsonAsync("/api/me/email/confirm", new { token = emailChangeToken });
        Assert.Equal(HttpStatusCode.BadRequest, confirm.StatusCode);
        await Owners.SignInAsync(new TestBrowser(app), email, NewPassword);
    }

    [Fact]
    public async Task AResetLinkStopsWorkingOnceTheEmailIsChanged()
    {
        var (app, browser, _, resetToken, emailChangeToken) = await LinksOutAsync();
        await using var _app = app;
        using var _browser = browser;

        using var confirm = await new TestBrowser(app).PostJsonAsync("/api/me/email/confirm", new { token = emailChangeToken });

        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        using var reset = await new TestBrowser(app).PostJsonAsync("/api/auth/reset", new { token = resetToken, password = NewPassword });
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
    }

    [Fact]
    public async Task EveryLinkStopsWorkingWhenTheAccountIsClosed()
    {
        var (app, browser, _, resetToken, emailChangeToken) = await LinksOutAsync();
        await using var _app = app;
        using var _browser = browser;

        using var closed = await browser.DeleteJsonAsync("/api/me", new { password = Owners.Password });

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        await AssertLinksDeadAsync(app, resetToken, emailChangeToken);
    }

    [Fact]
    public async Task AnEmailChangeThatCannotBeConfirmedLeavesNothingPending()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);
        var taken = Owners.NewEmail("taken");
        using var requested = await browser.PostJsonAsync("/api/me/email", new { newEmail = taken, password = Owners.Password });
        var token = Owners.LinkToken(app, taken);
        await Owners.SignUpAndConfirmAsync(app, new TestBrowser(app), taken, "the other Passphrase 9");

        using var confirmed = await new TestBrowser(app).PostJsonAsync("/api/me/email/confirm", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, confirmed.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await Owners.JsonAsync(await browser.GetAsync("/api/me"))).GetProperty("pendingEmail").ValueKind);
    }
}
