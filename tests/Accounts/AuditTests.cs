namespace ClientReminders.Tests.Accounts;

public class AuditTests
{
    [Fact]
    public async Task SecurityEventsAreListedNewestFirstWithTheNetworkAndUserAgent()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2040, 9, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = await Owners.StartAppAsync(clock: clock);
        using var browser = new TestBrowser(app, "AuditTest/2.0 (owner's laptop)");
        var email = await Owners.SignUpAndConfirmAsync(app, browser);
        clock.Advance(TimeSpan.FromMinutes(1));
        await Owners.SignInAsync(browser, email);
        clock.Advance(TimeSpan.FromMinutes(1));
        using var failed = await browser.PostJsonAsync("/api/auth/login", new { email, password = "a wrong Passphrase 42" });
        clock.Advance(TimeSpan.FromMinutes(1));
        using var changed = await browser.PostJsonAsync(
            "/api/me/password",
            new { currentPassword = Owners.Password, newPassword = "a brand new Passphrase 7" }
        );
        clock.Advance(TimeSpan.FromMinutes(1));
        using var updated = await browser.PutJsonAsync(
            "/api/me",
            new
            {
                businessName = "Quay Dental",
                ownerName = "Sam Quay",
                country = "GB",
                timeZone = "Europe/London",
            }
        );

        using var audit = await browser.GetAsync("/api/me/audit");

        var entries = (await Owners.JsonAsync(audit)).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(
            [AuditEvent.ProfileUpdated, AuditEvent.PasswordChanged, AuditEvent.SignInFailed, AuditEvent.SignInSucceeded, AuditEvent.SignUp],
            entries.Select(e => e.GetProperty("event").GetString())
        );
        Assert.Equal(
            entries.Select(e => e.GetProperty("at").GetDateTimeOffset()).OrderDescending(),
            entries.Select(e => e.GetProperty("at").GetDateTimeOffset())
        );
        Assert.All(entries, e =>
        {
            Assert.Equal("127.0.0.0", e.GetProperty("ip").GetString());
            Assert.Equal("AuditTest/2.0 (owner's laptop)", e.GetProperty("userAgent").GetString());
        });
    }

    [Fact]
    public async Task AnotherOwnersEventsNeverAppear()
    {
        await using var app = await Owners.StartAppAsync();
        using var a = new TestBrowser(app, "Owner A's browser");
        using var b = new TestBrowser(app, "Owner B's browser");
        var emailA = await Owners.SignedInAsync(app, a);
        await Owners.SignedInAsync(app, b);
        using var failedForA = await b.PostJsonAsync("/api/auth/login", new { email = emailA, password = "a wrong Passphrase 42" });

        using var auditB = await b.GetAsync("/api/me/audit");
        using var auditA = await a.GetAsync("/api/me/audit");

        var eventsB = (await Owners.JsonAsync(auditB)).GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        var entriesA = (await Owners.JsonAsync(auditA)).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([AuditEvent.SignUp], eventsB);
        Assert.Contains(entriesA, e => e.GetProperty("event").GetString() == AuditEvent.SignInFailed);
        Assert.DoesNotContain(entriesA, e =>
            e.GetProperty("event").GetString() == AuditEvent.SignInSucceeded && e.GetProperty("userAgent").GetString() == "Owner B's browser"
        );
    }
}
