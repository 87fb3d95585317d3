using System.Text.RegularExpressions;

namespace ClientReminders.Tests.Reminders.Templates;

public class DefaultTemplatesTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static readonly TemplateValues Booking = new(
        "Jane Doe",
        "Bright Smile Dental",
        new DateTime(2026, 11, 21, 14, 30, 0),
        "Check-up",
        "Room 4",
        null,
        "Reply YES to confirm or NO to cancel.",
        AnswerLink: AnswerLinkOf66
    );

    private const string AnswerLinkOf66 = "https://app.clientreminders.example/a/AQID-BAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8wM";

    private static readonly TemplateSettings British = new(AccountCulture.For("GB"), true, true, true);

    [Theory]
    [InlineData(DefaultTemplates.Sms)]
    [InlineData(DefaultTemplates.EmailSubject)]
    [InlineData(DefaultTemplates.EmailText)]
    [InlineData(DefaultTemplates.EmailHtml)]
    public void EveryDefaultTemplateIsValid(string template)
    {
        Assert.Empty(TemplateSyntax.Check(template));
    }

    [Fact]
    public void TheDefaultSmsReadsAsASentence()
    {
        Assert.Equal(
            "Hi Jane, this is a reminder of your appointment with Bright Smile Dental on Saturday 21 November 2026 at 14:30. Reply YES to confirm or NO to cancel. "
                + $"Or answer here: {AnswerLinkOf66}",
            TemplateRenderer.Render(DefaultTemplates.Sms, Booking, British, html: false)
        );
    }

    [Fact]
    public void TheDefaultUkSmsWithItsAnswerLinkStaysWithinTwoSegments()
    {
        var text = TemplateRenderer.Render(DefaultTemplates.Sms, Booking with { ClientName = "Alexandra Featherstonehaugh" }, British, html: false);

        Assert.True(SmsEncoding.Analyze(text).Segments <= 2, text);
    }

    [Theory]
    [InlineData("GB")]
    [InlineData("US")]
    [InlineData("AU")]
    [InlineData("IE")]
    public void TheDefaultSmsForATypicalBookingFitsInOneOrTwoGsmSegments(string country)
    {
        var settings = British with { Culture = AccountCulture.For(country) };
        var values = Booking with
        {
            ClientName = "Alexandra Fitzgerald-Smythe",
            BusinessName = "Northside Physiotherapy & Sports Clinic",
            LocalStart = new DateTime(2026, 9, 30, 10, 30, 0),
        };

        var info = SmsEncoding.Analyze(TemplateRenderer.Render(DefaultTemplates.Sms, values, settings, html: false));

        Assert.Equal("GSM-7", info.Encoding);
        Assert.InRange(info.Segments, 1, 2);
    }

    [Fact]
    public void TheDefaultSubjectLeavesTheDateOut()
    {
        Assert.Equal(
            "Reminder: your appointment with Bright Smile Dental",
            TemplateRenderer.Render(DefaultTemplates.EmailSubject, Booking, British, html: false)
        );
    }

    [Fact]
    public void TheDefaultEmailTextHasTheSameContentAsTheSms()
    {
        var text = TemplateRenderer.Render(DefaultTemplates.EmailText, Booking, British, html: false);

        Assert.StartsWith("Hi Jane,\n\n", text);
        Assert.Contains("with Bright Smile Dental on Saturday 21 November 2026 at 14:30.", text);
        // Replies are read only by text: an email asks for none; the business signs in the footer the layout adds.
        Assert.DoesNotContain("Reply", text);
        Assert.Single(Regex.Matches(text, "Bright Smile Dental"));
    }

    [Fact]
    public void TheDefaultEmailHtmlIsSimpleParagraphsWithoutImagesOrTracking()
    {
        var html = TemplateRenderer.Render(DefaultTemplates.EmailHtml, Booking with { BusinessName = "Smith & Sons" }, British, html: true);

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("<title>Reminder: your appointment with Smith &amp; Sons</title>", html);
        Assert.Contains("<p>This is a reminder of your appointment with Smith &amp; Sons on Saturday 21 November 2026 at 14:30.</p>", html);
        Assert.DoesNotContain("<img", html);
        // The only address is the answer link: no images, no tracking.
        Assert.DoesNotContain("http", html.Replace("<!DOCTYPE html>", "").Replace(AnswerLinkOf66, ""));
    }

    [Fact]
    public void ThePreviewOfTheDefaultSmsUsesTheSampleClient()
    {
        var sample = SampleValues.For("Bright Smile Dental", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), London) with
        {
            AnswerLink = AnswerLinkOf66,
        };

        Assert.Equal(
            "Hi Alex, this is a reminder of your appointment with Bright Smile Dental on Saturday 21 November 2026 at 10:30. Reply YES to confirm or NO to cancel. "
                + $"Or answer here: {AnswerLinkOf66}",
            TemplateRenderer.Render(DefaultTemplates.Sms, sample, British, html: false)
        );
    }
}
