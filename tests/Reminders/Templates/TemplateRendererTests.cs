namespace ClientReminders.Tests.Reminders.Templates;

public class TemplateRendererTests
{
    private static readonly TemplateValues Booking = new(
        ClientName: "Jane Doe",
        BusinessName: "Bright Smile Dental",
        LocalStart: new DateTime(2026, 11, 21, 14, 30, 0),
        Title: "Check-up",
        Location: "Room 4",
        Description: "Bring your X-rays.",
        ConfirmHint: "Reply YES to confirm."
    );

    private static readonly TemplateSettings British = new(CultureInfo.GetCultureInfo("en-GB"), true, true, true);
    private static readonly TemplateSettings American = British with { Culture = CultureInfo.GetCultureInfo("en-US") };
    private static readonly TemplateSettings Private = British with { IncludeTitle = false, IncludeLocation = false, IncludeDescription = false };

    private static string Text(string template, TemplateValues? values = null, TemplateSettings? settings = null) =>
        TemplateRenderer.Render(template, values ?? Booking, settings ?? British, html: false);

    private static string Html(string template, TemplateValues? values = null) => TemplateRenderer.Render(template, values ?? Booking, British, html: true);

    [Theory]
    [InlineData("{ClientName}", "Jane Doe")]
    [InlineData("{ClientFirstName}", "Jane")]
    [InlineData("{BusinessName}", "Bright Smile Dental")]
    [InlineData("{Date}", "21 November 2026")]
    [InlineData("{Time}", "14:30")]
    [InlineData("{DayOfWeek}", "Saturday")]
    [InlineData("{Title}", "Check-up")]
    [InlineData("{Location}", "Room 4")]
    [InlineData("{Description}", "Bring your X-rays.")]
    [InlineData("{ConfirmHint}", "Reply YES to confirm.")]
    public void EveryPlaceholderIsFilled(string template, string expected)
    {
        Assert.Equal(expected, Text(template));
    }

    [Fact]
    public void TextAroundPlaceholdersIsKept()
    {
        Assert.Equal("Hi Jane,\nsee you on Saturday at 14:30!", Text("Hi {ClientFirstName},\nsee you on {DayOfWeek} at {Time}!"));
    }

    [Fact]
    public void AnAmericanAccountGetsAmericanDatesAndTimes()
    {
        Assert.Equal("Saturday November 21, 2026 at 2:30 PM", Text("{DayOfWeek} {Date} at {Time}", settings: American));
    }

    [Fact]
    public void AGermanAccountGetsGermanDatesAndDayNames()
    {
        var german = British with { Culture = CultureInfo.GetCultureInfo("de-DE") };

        Assert.Equal("Samstag, 21. November 2026, 14:30", Text("{DayOfWeek}, {Date}, {Time}", settings: german));
    }

    [Fact]
    public void TimesUsePlainSpacesSoAnSmsStaysGsm7()
    {
        var time = Text("{Time}", settings: American);

        Assert.Equal("2:30 PM", time);
        Assert.Equal("GSM-7", SmsEncoding.Analyze(time).Encoding);
    }

    [Fact]
    public void TheFirstNameOfAOneWordNameIsTheWholeName()
    {
        Assert.Equal("Hi Cher!", Text("Hi {ClientFirstName}!", Booking with { ClientName = "  Cher " }));
    }

    [Fact]
    public void EscapedBracesRenderAsSingleBraces()
    {
        Assert.Equal("{ClientName} is {Jane Doe}", Text("{{ClientName}} is {{{ClientName}}}"));
    }

    [Fact]
    public void MistakesInATemplateAreRenderedAsWritten()
    {
        Assert.Equal("Hi {Foo} Jane { :}", Text("Hi {Foo} {ClientFirstName} { :}"));
    }

    [Fact]
    public void PrivacySettingsLeaveOutTheTitleLocationAndDescriptionWithoutDoubleSpaces()
    {
        Assert.Equal(
            "Your appointment at 14:30. See you soon.",
            Text("Your appointment {Title} at {Time}. {Location} {Description} See you soon.", settings: Private)
        );
    }

    [Fact]
    public void EachDetailCanBeLeftOutOnItsOwn()
    {
        var template = "{Title} | {Location} | {Description}";

        Assert.Equal("| Room 4 | Bring your X-rays.", Text(template, settings: British with { IncludeTitle = false }));
        Assert.Equal("Check-up | | Bring your X-rays.", Text(template, settings: British with { IncludeLocation = false }));
        Assert.Equal("Check-up | Room 4 |", Text(template, settings: British with { IncludeDescription = false }));
    }

    [Fact]
    public void MissingDetailsRenderAsEmpty()
    {
        var bare = Booking with { Title = null, Location = "  ", Description = null };

        Assert.Equal("Appointment at 14:30.", Text("Appointment {Title} at {Time}. {Location}", bare));
    }

    [Fact]
    public void AnEmptyDetailAtTheEndOfALineLeavesNoTrailingSpace()
    {
        Assert.Equal("Where:\nWhen: 14:30", Text("Where: {Location}\nWhen: {Time}", settings: Private));
    }

    [Fact]
    public void HtmlEncodesEveryInsertedValueButKeepsTheTemplatesMarkup()
    {
        var hostile = Booking with { ClientName = "<script>alert(1)</script> Doe", BusinessName = "Smith & Sons" };

        Assert.Equal(
            "<p><b>&lt;script&gt;alert(1)&lt;/script&gt;</b> at Smith &amp; Sons</p>",
            Html("<p><b>{ClientFirstName}</b> at {BusinessName}</p>", hostile)
        );
    }

    [Fact]
    public void HtmlTurnsNewlinesInValuesIntoLineBreaks()
    {
        var notes = Booking with { Description = "Bring:\r\n- notes\n- <ID>" };

        Assert.Equal("<p>Bring:<br>- notes<br>- &lt;ID&gt;</p>\n", Html("<p>{Description}</p>\n", notes));
    }

    [Fact]
    public void PlainTextKeepsValuesAsTheyAre()
    {
        Assert.Equal("Smith & Sons <b>", Text("{BusinessName}", Booking with { BusinessName = "Smith & Sons <b>" }));
    }
}
