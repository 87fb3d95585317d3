namespace ClientReminders.Tests.Accounts;

public class EnumerationTests
{
    [Fact]
    public async Task AWrongPasswordAndAnUnknownEmailGetTheSameAnswer()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignUpAndConfirmAsync(app, browser);

        using var wrongPassword = await browser.PostJsonAsync("/api/auth/login", new { email, password = "not the Passphrase 42" });
        using var unknownEmail = await browser.PostJsonAsync("/api/auth/login", new { email = Owners.NewEmail("nobody"), password = "not the Passphrase 42" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownEmail.StatusCode);
        Assert.Equal(await Owners.ComparableBodyAsync(wrongPassword), await Owners.ComparableBodyAsync(unknownEmail));
    }

    [Fact]
    public async Task ForgotPasswordAnswersTheSameForAnyAddressAndEmailsOnlyAKnownOne()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var known = await Owners.SignUpAndConfirmAsync(app, browser);
        var unknown = Owners.NewEmail("nobody");
        var emailsToKnown = Owners.EmailsTo(app, known).Count;

        using var forKnown = await browser.PostJsonAsync("/api/auth/forgot", new { email = known });
        using var forUnknown = await browser.PostJsonAsync("/api/auth/forgot", new { email = unknown });

        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal(emailsToKnown + 1, Owners.EmailsTo(app, known).Count);
        Assert.Empty(Owners.EmailsTo(app, unknown));
    }
}
