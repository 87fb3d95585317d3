namespace ClientReminders.Tests.Email;

public class EmailTemplatesTests
{
    private const string Script = "<script>alert(1)</script>";
    private const string Link = "https://app.example/confirm?token=abc123&from=email";

    public static TheoryData<string, EmailMessage> EveryTemplateWithAHostileName() =>
        new()
        {
            { "SignUpConfirmation", EmailTemplates.SignUpConfirmation("a@example.com", Script, Link) },
            { "PasswordReset", EmailTemplates.PasswordReset("a@example.com", Script, Link, TimeSpan.FromHours(1)) },
            { "PasswordChanged", EmailTemplates.PasswordChanged("a@example.com", Script) },
            { "EmailChangeConfirmation", EmailTemplates.EmailChangeConfirmation("a@example.com", Script, Link) },
            { "EmailChangedNotice", EmailTemplates.EmailChangedNotice("a@example.com", Script, Script) },
            { "AccountClosed", EmailTemplates.AccountClosed("a@example.com", Script, new DateTimeOffset(2040, 7, 1, 0, 0, 0, TimeSpan.Zero)) },
            { "SupportMessage", EmailTemplates.SupportMessage("support@example.com", Script, "x@example.com", Script) },
        };

    [Theory]
    [MemberData(nameof(EveryTemplateWithAHostileName))]
    public void ValuesPutIntoHtmlAreEncoded(string template, EmailMessage message)
    {
        Assert.DoesNotContain("<script", message.Html, StringComparison.OrdinalIgnoreCase);
        Assert.True(message.Html.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", StringComparison.Ordinal), template);
        Assert.Contains(Script, message.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, EmailMessage, string[]> EveryTemplateWithLinks() =>
        new()
        {
            { "SignUpConfirmation", EmailTemplates.SignUpConfirmation("a@example.com", "Jane", Link), [Link] },
            {
                "AlreadyRegistered",
                EmailTemplates.AlreadyRegistered("a@example.com", "https://app.example/sign-in", "https://app.example/reset"),
                ["https://app.example/sign-in", "https://app.example/reset"]
            },
            { "PasswordReset", EmailTemplates.PasswordReset("a@example.com", "Jane", Link, TimeSpan.FromMinutes(30)), [Link] },
            { "EmailChangeConfirmation", EmailTemplates.EmailChangeConfirmation("a@example.com", "Jane", Link), [Link] },
        };

    [Theory]
    [MemberData(nameof(EveryTemplateWithLinks))]
    public void LinksAppearInBothTheTextAndTheHtml(string template, EmailMessage message, string[] links)
    {
        Assert.All(links, link =>
        {
            Assert.True(message.Text.Contains(link, StringComparison.Ordinal), template);
            Assert.True(message.Html.Contains($"href=\"{WebUtility.HtmlEncode(link)}\"", StringComparison.Ordinal), template);
        });
    }

    [Fact]
    public void ASignUpToAnExistingAddressLooksLikeAnyOtherSignUpFromOutside()
    {
        var fresh = EmailTemplates.SignUpConfirmation("a@example.com", "Jane", Link);
        var existing = EmailTemplates.AlreadyRegistered("a@example.com", "https://app.example/sign-in", "https://app.example/reset");

        Assert.Equal(fresh.Subject, existing.Subject);
        Assert.Equal(fresh.To, existing.To);
    }

    [Fact]
    public void EveryEmailNamesTheProductAndHasBothParts()
    {
        var all = EveryTemplateWithAHostileName().Select(row => (EmailMessage)row[1]);

        Assert.All(all, m =>
        {
            Assert.Contains("Client Reminders", m.Subject, StringComparison.Ordinal);
            Assert.Contains("Client Reminders", m.Text, StringComparison.Ordinal);
            Assert.StartsWith("<!DOCTYPE html>", m.Html, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void SubjectsCarryNoPersonalData()
    {
        var all = EveryTemplateWithAHostileName().Select(row => (EmailMessage)row[1]);

        Assert.All(all, m => Assert.DoesNotContain("script", m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public void AResetEmailSaysHowLongTheLinkWorks()
    {
        Assert.Contains("expires in 1 hour", EmailTemplates.PasswordReset("a@example.com", "Jane", Link, TimeSpan.FromHours(1)).Text, StringComparison.Ordinal);
        Assert.Contains(
            "expires in 30 minutes",
            EmailTemplates.PasswordReset("a@example.com", "Jane", Link, TimeSpan.FromMinutes(30)).Text,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void AClosedAccountEmailGivesTheDeletionDate()
    {
        var message = EmailTemplates.AccountClosed("a@example.com", "Jane", new DateTimeOffset(2040, 7, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Contains("1 July 2040", message.Text, StringComparison.Ordinal);
        Assert.Contains("1 July 2040", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSupportEmailGoesToSupportAndCarriesTheSendersAddressAndMessage()
    {
        var message = EmailTemplates.SupportMessage("support@example.com", "Jane", "jane@example.com", "My reminders stopped.\nPlease help.");

        Assert.Equal("support@example.com", message.To);
        Assert.Contains("jane@example.com", message.Text, StringComparison.Ordinal);
        Assert.Contains("My reminders stopped.\nPlease help.", message.Text, StringComparison.Ordinal);
        Assert.Contains("jane@example.com", message.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    [InlineData("ftp://example.com/file")]
    public void OnlyAbsoluteWebLinksAreAccepted(string link)
    {
        Assert.Throws<ArgumentException>(() => EmailTemplates.SignUpConfirmation("a@example.com", "Jane", link));
    }

    [Theory]
    [InlineData("jane.doe@example.com", "j***@example.com")]
    [InlineData("j@example.com", "j***@example.com")]
    [InlineData("nonsense", "***")]
    public void AddressesAreMaskedToTheirFirstLetterAndDomain(string address, string masked)
    {
        Assert.Equal(masked, EmailTemplates.MaskAddress(address));
    }
}
