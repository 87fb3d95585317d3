namespace ClientReminders.Tests.Accounts;

public class ProfileTests
{
    private const string NewPassword = "a brand new Passphrase 7";

    [Fact]
    public async Task TheProfileReadsBackAsItWasSaved()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, browser);

        using var saved = await browser.PutJsonAsync(
            "/api/me",
            new
            {
                businessName = "Quay Dental",
                ownerName = "Sam Quay",
                country = "IE",
                timeZone = "Europe/Dublin",
            }
        );

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        using var read = await browser.GetAsync("/api/me");
        var me = await Owners.JsonAsync(read);
        Assert.Equal("Quay Dental", me.GetProperty("businessName").GetString());
        Assert.Equal("Sam Quay", me.GetProperty("ownerName").GetString());
        Assert.Equal("IE", me.GetProperty("country").GetString());
        Assert.Equal("Europe/Dublin", me.GetProperty("timeZone").GetString());
        Assert.Equal(email, me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task TheBusinessAddressAndPhoneAreSavedClearedWhenEmptyAndKeptWhenLeftOut()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);
        var profile = new
        {
            businessName = "Quay Dental",
            ownerName = "Sam Quay",
            country = "IE",
            timeZone = "Europe/Dublin",
        };

        using var saved = await browser.PutJsonAsync(
            "/api/me",
            new
            {
                profile.businessName,
                profile.ownerName,
                profile.country,
                profile.timeZone,
                businessAddress = " 3 Quay St, Dublin ",
                businessPhone = "+353 1 555 0100",
            }
        );
        using var kept = await browser.PutJsonAsync("/api/me", profile);
        var afterKept = await Owners.JsonAsync(await browser.GetAsync("/api/me"));
        using var cleared = await browser.PutJsonAsync(
            "/api/me",
            new
            {
                profile.businessName,
                profile.ownerName,
                profile.country,
                profile.timeZone,
                businessAddress = "",
                businessPhone = "",
            }
        );
        var afterCleared = await Owners.JsonAsync(await browser.GetAsync("/api/me"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (saved.StatusCode, kept.StatusCode, cleared.StatusCode));
        Assert.Equal(
            ("3 Quay St, Dublin", "+353 1 555 0100"),
            (afterKept.GetProperty("businessAddress").GetString(), afterKept.GetProperty("businessPhone").GetString())
        );
        Assert.Equal(JsonValueKind.Null, afterCleared.GetProperty("businessAddress").ValueKind);
        Assert.Equal(JsonValueKind.Null, afterCleared.GetProperty("businessPhone").ValueKind);
    }

    [Fact]
    public async Task ABusinessPhoneWithLettersOrAnAddressOverManyLinesIsRefusedAtItsField()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);

        using var saved = await browser.PutJsonAsync(
            "/api/me",
            new
            {
                businessName = "Quay Dental",
                ownerName = "Sam Quay",
                country = "IE",
                timeZone = "Europe/Dublin",
                businessAddress = "3 Quay St\nDublin",
                businessPhone = "call us",
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        var errors = (await Owners.JsonAsync(saved)).GetProperty("errors");
        Assert.Equal(["businessAddress", "businessPhone"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InvalidProfileFieldsAreEachReportedAndNothingIsSaved()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        await Owners.SignedInAsync(app, browser);

        using var saved = await browser.PutJsonAsync(
            "/api/me",
            new
            {
                businessName = "",
                ownerName = new string('x', 101),
                country = "XX",
                timeZone = "Mars/Base",
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        var errors = (await Owners.JsonAsync(saved)).GetProperty("errors");
        Assert.Equal(["businessName", "country", "ownerName", "timeZone"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        using var read = await browser.GetAsync("/api/me");
        Assert.Equal("Harbour Physio", (await Owners.JsonAsync(read)).GetProperty("businessName").GetString());
    }

    [Fact]
    public async Task ChangingThePasswordNeedsTheCurrentOne()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, browser);

        using var changed = await browser.PostJsonAsync("/api/me/password", new { currentPassword = "not my Passphrase 42", newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.True((await Owners.JsonAsync(changed)).GetProperty("errors").TryGetProperty("currentPassword", out _));
        await Owners.SignInAsync(new TestBrowser(app), email);
    }

    [Fact]
    public async Task ChangingThePasswordKeepsThisBrowserSignedInAndSignsOutTheOthers()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, browser);
        using var other = new TestBrowser(app);
        await Owners.SignInAsync(other, email);
        var before = browser.Session;

        using var changed = await browser.PostJsonAsync("/api/me/password", new { currentPassword = Owners.Password, newPassword = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.NotNull(browser.Session);
        Assert.NotEqual(before, browser.Session);
        using var here = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, here.StatusCode);
        using var elsewhere = await other.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
        using var replayed = new TestBrowser(app);
        replayed.PutCookie(TestBrowser.SessionCookie, before!);
        using var oldSession = await replayed.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, oldSession.StatusCode);
    }

    [Fact]
    public async Task AnEmailChangeTakesEffectOnlyWhenTheLinkSentToTheNewAddressIsOpened()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var oldEmail = await Owners.SignedInAsync(app, browser);
        var newEmail = Owners.NewEmail("moved");

        using var requested = await browser.PostJsonAsync("/api/me/email", new { newEmail, password = Owners.Password });

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        using var pending = await browser.GetAsync("/api/me");
        var me = await Owners.JsonAsync(pending);
        Assert.Equal(newEmail, me.GetProperty("pendingEmail").GetString());
        Assert.Equal(oldEmail, me.GetProperty("email").GetString());
        using var newBeforeConfirming = await new TestBrowser(app).PostJsonAsync("/api/auth/login", new { email = newEmail, password = Owners.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, newBeforeConfirming.StatusCode);
        await Owners.SignInAsync(new TestBrowser(app), oldEmail);

        using var confirmed = await new TestBrowser(app).PostJsonAsync("/api/me/email/confirm", new { token = Owners.LinkToken(app, newEmail) });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        await Owners.SignInAsync(new TestBrowser(app), newEmail);
        using var withOld = await new TestBrowser(app).PostJsonAsync("/api/auth/login", new { email = oldEmail, password = Owners.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Contains("was changed", Owners.Outbox(app).LatestTo(oldEmail)!.Message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmailCannotBeMovedOntoAnAddressAnotherAccountOwns()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, browser);
        using var otherBrowser = new TestBrowser(app);
        var taken = Owners.NewEmail("taken");
        using var requested = await browser.PostJsonAsync("/api/me/email", new { newEmail = taken, password = Owners.Password });
        var token = Owners.LinkToken(app, taken);
        await Owners.SignUpAndConfirmAsync(app, otherBrowser, taken, "the other Passphrase 9");

        using var confirmed = await otherBrowser.PostJsonAsync("/api/me/email/confirm", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, confirmed.StatusCode);
        await Owners.SignInAsync(new TestBrowser(app), email);
        await Owners.SignInAsync(new TestBrowser(app), taken, "the other Passphrase 9");
    }
}
