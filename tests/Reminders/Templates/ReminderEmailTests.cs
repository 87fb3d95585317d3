namespace ClientReminders.Tests.Reminders.Templates;

public class ReminderEmailTests
{
    private static readonly TemplateValues Booking = new(
        "Jane Doe",
        "Harbour <Physio>",
        new DateTime(2026, 11, 21, 14, 30, 0),
        "Check-up",
        "Room 4",
        null,
        "",
        "1 Quay St, Bristol",
        "0117 496 0000"
    );

    private static readonly TemplateSettings British = new(AccountCulture.For("GB"), true, true, true);

    private static readonly EmailBranding Branding = new("Harbour <Physio>", "1 Quay St, Bristol", "0117 496 0000", null);

    private static TemplateResponse Plain(string text) =>
        new(ReminderChannel.Email, null, "Your visit to {BusinessName}", text, "<p>unused</p>", EmailFormat.Plain);

    [Fact]
    public void APlainTemplatesParagraphsAreLaidOutWithTheBusinessAtTheTopAndItsDetailsAtTheFoot()
    {
        var email = ReminderEmail.Compose(Plain("Hi {ClientFirstName},\n\nSee you on {Date}\nat {Time}.\n\nThanks"), Booking, British, Branding);

        Assert.Equal("Your visit to Harbour <Physio>", email.Subject);
        Assert.Contains("<p style=\"margin:0 0 16px\">Hi Jane,</p>", email.Html);
        Assert.Contains("See you on 21 November 2026<br>\nat 14:30.</p>", email.Html);
        Assert.Contains("Harbour &lt;Physio&gt;</td>", email.Html);
        Assert.Contains("1 Quay St, Bristol", email.Html);
        Assert.Contains("<a href=\"tel:01174960000\"", email.Html);
        Assert.DoesNotContain("unused", email.Html);
        Assert.DoesNotContain("<Physio>", email.Html);
        Assert.EndsWith("Thanks\n\n--\nHarbour <Physio>\n1 Quay St, Bristol\n0117 496 0000\n", email.Text);
    }

    [Fact]
    public void ALogoTakesTheBusinessNamesPlaceAtTheTopWithTheNameAsItsAlternativeText()
    {
        var email = ReminderEmail.Compose(Plain("Hello"), Booking, British, Branding with { LogoUrl = "https://cdn.example.com/logo.png?a=1&b=2" });

        Assert.Contains("<img src=\"https://cdn.example.com/logo.png?a=1&amp;b=2\" alt=\"Harbour &lt;Physio&gt;\"", email.Html);
    }

    [Fact]
    public void AFooterLeavesOutDetailsTheBusinessHasNotGiven()
    {
        var email = ReminderEmail.Compose(Plain("Hello"), Booking, British, Branding with { Address = null, Phone = null });

        Assert.EndsWith("Hello\n\n--\nHarbour <Physio>\n", email.Text);
        Assert.DoesNotContain("tel:", email.Html);
    }

    [Fact]
    public void AnHtmlTemplateIsTheOwnersOwnHtmlWithItsPlaceholdersFilledAndEncoded()
    {
        var template = new TemplateResponse(ReminderChannel.Email, null, "S", "T {BusinessName}", "<h1>{BusinessName}</h1>", EmailFormat.Html);

        var email = ReminderEmail.Compose(template, Booking, British, Branding);

        Assert.Equal(("T Harbour <Physio>", "<h1>Harbour &lt;Physio&gt;</h1>"), (email.Text, email.Html));
    }
}
