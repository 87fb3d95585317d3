namespace ClientReminders.Tests.Accounts;

public class SignUpTests
{
    [Fact]
    public async Task NoAccountExistsUntilTheEmailedConfirmationLinkIsOpenedWhichSignsTheOwnerIn()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        using var elsewhere = new TestBrowser(app);
        var email = Owners.NewEmail();

        await Owners.SignUpAsync(browser, email);

        using var beforeConfirming = await browser.PostJsonAsync("/api/auth/login", new { email, password = Owners.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, beforeConfirming.StatusCode);
        using var notYet = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, notYet.StatusCode);
        using var confirmed = await browser.PostJsonAsync("/api/auth/confirm", new { token = Owners.LinkToken(app, email) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        using var me = await browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(email, (await Owners.JsonAsync(me)).GetProperty("email").GetString(), ignoreCase: true);
        await Owners.SignInAsync(elsewhere, email);
    }

    [Fact]
    public async Task TheConfirmedAccountIsOnTheTrialPlanConfiguredAtConfirmationTime()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2040, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = await Owners.StartAppAsync(
            new Dictionary<string, string> { ["Plans:Trial:Days"] = "21", ["Plans:Trial:SmsAllowance"] = "75" },
            clock
        );
        using var browser = new TestBrowser(app);
        var email = Owners.NewEmail();
        await Owners.SignUpAsync(browser, email);
        clock.Advance(TimeSpan.FromHours(5));

        using var confirmed = await browser.PostJsonAsync("/api/auth/confirm", new { token = Owners.LinkToken(app, email) });
        await Owners.SignInAsync(browser, email);

        using var me = await browser.GetAsync("/api/me");
        var plan = (await Owners.JsonAsync(me)).GetProperty("plan");
        Assert.Equal("trial", plan.GetProperty("code").GetString());
        Assert.Equal(new DateTimeOffset(2040, 3, 22, 14, 0, 0, TimeSpan.Zero), plan.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal(75, plan.GetProperty("smsAllowance").GetInt32());
        Assert.Equal(0, plan.GetProperty("smsUsed").GetInt32());
    }

    [Fact]
    public async Task AConfirmationLinkWorksOnlyOnce()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignUpAndConfirmAsync(app, browser);

        using var stranger = new TestBrowser(app);
        using var again = await stranger.PostJsonAsync("/api/auth/confirm", new { token = Owners.LinkToken(app, email) });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        using var me = await stranger.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task AnExpiredConfirmationLinkIsRefused()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2040, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["Accounts:SignUpLinkLifetime"] = "02:00:00" }, clock);
        using var browser = new TestBrowser(app);
        var email = Owners.NewEmail();
        await Owners.SignUpAsync(browser, email);
        clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        using var confirmed = await browser.PostJsonAsync("/api/auth/confirm", new { token = Owners.LinkToken(app, email) });

        Assert.Equal(HttpStatusCode.BadRequest, confirmed.StatusCode);
        using var signIn = await browser.PostJsonAsync("/api/auth/login", new { email, password = Owners.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
    }

    [Fact]
    public async Task EveryInvalidFieldIsReportedByItsCamelCaseNameInOneAnswer()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);

        using var response = await browser.PostJsonAsync(
            "/api/auth/signup",
            new
            {
                businessName = " ",
                ownerName = "Jane Owner",
                email = "not-an-email",
                password = "elevenchars",
                country = "XX",
                timeZone = "Mars/Base",
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Owners.JsonAsync(response)).GetProperty("errors");
        Assert.Equal(["businessName", "country", "email", "password", "timeZone"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ACommonPasswordIsRefused()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);

        using var response = await browser.PostJsonAsync("/api/auth/signup", Owners.SignUpForm(Owners.NewEmail(), "password1234"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Owners.JsonAsync(response)).GetProperty("errors");
        Assert.Equal(["password"], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task SigningUpWithARegisteredAddressAnswersAsForANewOneAndTellsTheOwnerInstead()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var existing = await Owners.SignUpAndConfirmAsync(app, browser);
        var emailsBefore = Owners.EmailsTo(app, existing).Count;

        using var forNew = await browser.PostJsonAsync("/api/auth/signup", Owners.SignUpForm(Owners.NewEmail()));
        using var forExisting = await browser.PostJsonAsync("/api/auth/signup", Owners.SignUpForm(existing, "another Passphrase 77"));

        Assert.Equal(forNew.StatusCode, forExisting.StatusCode);
        Assert.Equal(await forNew.Content.ReadAsStringAsync(), await forExisting.Content.ReadAsStringAsync());
        var emails = Owners.EmailsTo(app, existing);
        Assert.Equal(emailsBefore + 1, emails.Count);
        Assert.Contains("already has an account", emails[^1].Message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", emails[^1].Message.Text, StringComparison.Ordinal);
        using var withNewPassword = await browser.PostJsonAsync("/api/auth/login", new { email = existing, password = "another Passphrase 77" });
        Assert.Equal(HttpStatusCode.Unauthorized, withNewPassword.StatusCode);
        await Owners.SignInAsync(browser, existing);
    }
}
