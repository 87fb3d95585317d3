namespace ClientReminders.Tests.Accounts;

public class ClosureTests
{
    [Fact]
    public async Task AWrongPasswordClosesNothing()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, browser);

        using var closed = await browser.DeleteJsonAsync("/api/me", new { password = "not my Passphrase 42" });

        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        Assert.True((await Owners.JsonAsync(closed)).GetProperty("errors").TryGetProperty("password", out _));
        using var me = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        await Owners.SignInAsync(new TestBrowser(app), email);
    }

    [Fact]
    public async Task ClosingEndsTheSessionAndTheAddressAnswersLikeAnUnknownOne()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, browser);
        var session = browser.Session!;

        using var closed = await browser.DeleteJsonAsync("/api/me", new { password = Owners.Password });

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.True(browser.LatestSetCookie(TestBrowser.SessionCookie)!.Deletes);
        Assert.Null(browser.Session);
        using var replayed = new TestBrowser(app);
        replayed.PutCookie(TestBrowser.SessionCookie, session);
        using var me = await replayed.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        using var closedAddress = await browser.PostJsonAsync("/api/auth/login", new { email, password = Owners.Password });
        using var unknownAddress = await browser.PostJsonAsync("/api/auth/login", new { email = Owners.NewEmail("nobody"), password = Owners.Password });
        Assert.Equal(unknownAddress.StatusCode, closedAddress.StatusCode);
        Assert.Equal(await Owners.ComparableBodyAsync(unknownAddress), await Owners.ComparableBodyAsync(closedAddress));
        Assert.Contains("account is closed", Owners.Outbox(app).LatestTo(email)!.Message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePurgeDeletesAClosedAccountKeepingOnlyTheClosureRecordAndTheAddressCanSignUpAgain()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, browser);
        var id = (await Owners.JsonAsync(await browser.GetAsync("/api/me"))).GetProperty("id").GetString()!;
        using var closed = await browser.DeleteJsonAsync("/api/me", new { password = Owners.Password });
        var accounts = app.Services.GetRequiredService<AccountStore>();

        await app.Services.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Null(await accounts.GetAsync(id, CancellationToken.None));
        var emailIndex = app.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageTables.AccountEmails.Name);
        Assert.False((await emailIndex.GetEntityIfExistsAsync<TableEntity>(accounts.EmailIndex(email), AccountEmailEntity.Row)).HasValue);
        var left = await app.Services.GetRequiredService<AuditLog>().ListAsync(id);
        Assert.Equal([AuditEvent.AccountClosed], left.Select(e => e.Event));
        using var again = new TestBrowser(app);
        await Owners.SignedInAsync(app, again, email);
        using var me = await again.GetAsync("/api/me");
        Assert.NotEqual(id, (await Owners.JsonAsync(me)).GetProperty("id").GetString());
    }
}
