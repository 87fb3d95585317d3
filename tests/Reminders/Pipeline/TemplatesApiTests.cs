using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

public class TemplatesApiTests(ClientsApp fixture) : IClassFixture<ClientsApp>
{
    [Fact]
    public async Task AnAccountStartsWithTheDefaultTemplates()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        var sms = await owner.GetJsonAsync("/api/templates/sms");
        var email = await owner.GetJsonAsync("/api/templates/email");

        Assert.Equal(DefaultTemplates.Sms, sms.GetProperty("body").GetString());
        Assert.Equal(DefaultTemplates.EmailSubject, email.GetProperty("subject").GetString());
        Assert.Equal(DefaultTemplates.EmailText, email.GetProperty("text").GetString());
        Assert.Equal(DefaultTemplates.EmailHtml, email.GetProperty("html").GetString());
        Assert.Equal(EmailFormat.Plain, email.GetProperty("format").GetString());
    }

    [Fact]
    public async Task APlainEmailTemplateNeedsNoHtmlAndKeepsItsLogo()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var saved = await owner.Browser.PutJsonAsync(
            "/api/templates/email",
            new
            {
                subject = "Hi",
                text = "See you {Date}.",
                format = "plain",
                logoUrl = "https://example.com/logo.png",
            }
        );

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var email = await owner.GetJsonAsync("/api/templates/email");
        Assert.Equal(
            ("plain", "https://example.com/logo.png", "See you {Date}."),
            (email.GetProperty("format").GetString(), email.GetProperty("logoUrl").GetString(), email.GetProperty("text").GetString())
        );
    }

    [Fact]
    public async Task ASaveThatLeavesOutTheFormatAndHtmlKeepsTheOwnersOwnHtml()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        using var own = await owner.Browser.PutJsonAsync(
            "/api/templates/email",
            new
            {
                subject = "Hi",
                text = "See you.",
                format = "html",
                html = "<p>Mine, {ClientName}</p>",
            }
        );
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        using var older = await owner.Browser.PutJsonAsync("/api/templates/email", new { subject = "Hello", text = "See you soon." });

        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
        var email = await owner.GetJsonAsync("/api/templates/email");
        Assert.Equal(
            ("html", "<p>Mine, {ClientName}</p>", "Hello"),
            (email.GetProperty("format").GetString(), email.GetProperty("html").GetString(), email.GetProperty("subject").GetString())
        );
    }

    [Theory]
    [InlineData("http://example.com/logo.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("logo.png")]
    public async Task ALogoThatIsNotAnHttpsImageAddressIsRefusedAtItsField(string logoUrl)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var saved = await owner.Browser.PutJsonAsync(
            "/api/templates/email",
            new
            {
                subject = "Hi",
                text = "See you.",
                format = "plain",
                logoUrl,
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.True((await Owners.JsonAsync(saved)).GetProperty("errors").TryGetProperty("logoUrl", out _));
    }

    [Fact]
    public async Task AnHtmlEmailTemplateStillNeedsItsHtml()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var saved = await owner.Browser.PutJsonAsync(
            "/api/templates/email",
            new
            {
                subject = "Hi",
                text = "See you.",
                format = "html",
                html = " ",
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.True((await Owners.JsonAsync(saved)).GetProperty("errors").TryGetProperty("html", out _));
    }

    [Fact]
    public async Task ThePlainEmailPreviewIsTheEmailAsSentWithTheBusinessDetailsAndTheUnsubscribeFooter()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        using var profile = await owner.Browser.PutJsonAsync(
            "/api/me",
            new
            {
                businessName = "Harbour Physio",
                ownerName = "Jane Owner",
                country = "GB",
                timeZone = "Europe/London",
                businessAddress = "1 Quay St, Bristol",
                businessPhone = "0117 496 0000",
            }
        );
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);

        var preview = await Owners.JsonAsync(
            await owner.Browser.PostJsonAsync(
                "/api/templates/preview",
                new
                {
                    channel = "email",
                    format = "plain",
                    subject = "Hi",
                    text = "See you at {BusinessAddress}.",
                }
            )
        );

        var html = preview.GetProperty("html").GetString()!;
        Assert.Contains("See you at 1 Quay St, Bristol.", html);
        Assert.Contains("tel:01174960000", html);
        Assert.Contains("Unsubscribe from these emails:", html);
        Assert.Contains("0117 496 0000", preview.GetProperty("text").GetString());
        Assert.Empty(preview.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task ThePreviewWarnsOfPlaceholdersThePrivacyChoicesOrMissingDetailsLeaveBlank()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        var preview = await Owners.JsonAsync(
            await owner.Browser.PostJsonAsync(
                "/api/templates/preview",
                new { channel = "sms", body = "Your {Title} reminder: {Date} at {Location}. Call {BusinessPhone}." }
            )
        );

        var warnings = preview.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.StartsWith("{Title} will be blank: your reminders leave out appointment titles", warnings[0]);
        Assert.StartsWith("{Location} will be blank", warnings[1]);
        Assert.StartsWith("{BusinessPhone} will be blank: add your business phone number in Settings", warnings[2]);
    }

    [Fact]
    public async Task ATemplateWithAnUnknownPlaceholderIsRefusedWithWhereItIs()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await owner.Browser.PutJsonAsync("/api/templates/sms", new { body = "Hi {ClientNmae}, see you soon." });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await Owners.JsonAsync(response)).GetProperty("errors").GetProperty("body").EnumerateArray());
        Assert.Contains("line 1, column", error.GetString());
        Assert.Equal(DefaultTemplates.Sms, (await owner.GetJsonAsync("/api/templates/sms")).GetProperty("body").GetString());
    }

    [Fact]
    public async Task ThePreviewRendersTheTemplateAndCountsItsSmsSegments()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await owner.Browser.PostJsonAsync(
            "/api/templates/preview",
            new { channel = "sms", body = "Hi {ClientFirstName}, see you at {BusinessName}." }
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await Owners.JsonAsync(response);
        Assert.Equal("Hi Alex, see you at Harbour Physio.", preview.GetProperty("text").GetString());
        Assert.Equal(SmsEncoding.Gsm7, preview.GetProperty("sms").GetProperty("encoding").GetString());
        Assert.Equal(1, preview.GetProperty("sms").GetProperty("segments").GetInt32());
    }

    [Fact]
    public async Task AnSmsTemplateNeedingMoreSegmentsThanAllowedIsRefused()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await owner.Browser.PutJsonAsync("/api/templates/sms", new { body = "Hi {ClientFirstName}. " + new string('x', 3 * 153) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await Owners.JsonAsync(response)).GetProperty("errors").GetProperty("body").EnumerateArray());
        Assert.Contains("the limit is 3", error.GetString());
    }

    [Fact]
    public async Task TheEmailPreviewEncodesTheBusinessNameInItsHtml()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        using var renamed = await owner.Browser.PutJsonAsync(
            "/api/me",
            new
            {
                businessName = "Ada <b>& Co",
                ownerName = "Jane Owner",
                country = "GB",
                timeZone = "Europe/London",
            }
        );
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        using var response = await owner.Browser.PostJsonAsync(
            "/api/templates/preview",
            new
            {
                channel = "email",
                subject = DefaultTemplates.EmailSubject,
                text = DefaultTemplates.EmailText,
                html = DefaultTemplates.EmailHtml,
            }
        );

        var preview = await Owners.JsonAsync(response);
        var html = preview.GetProperty("html").GetString()!;
        Assert.Contains("Ada &lt;b&gt;&amp; Co", html);
        Assert.DoesNotContain("<b>&", html);
        Assert.Contains("Ada <b>& Co", preview.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(true, "Alex: Follow-up appointment")]
    [InlineData(false, "Alex:")]
    public async Task ThePreviewShowsTheTitleOnlyWhenTheSettingsIncludeIt(bool includeTitle, string expected)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        using var settings = await owner.Browser.PutJsonAsync(
            "/api/settings/reminders",
            new
            {
                includeTitle,
                includeLocation = false,
                includeDescription = false,
            }
        );
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);

        using var response = await owner.Browser.PostJsonAsync("/api/templates/preview", new { channel = "sms", body = "{ClientFirstName}: {Title}" });

        Assert.Equal(expected, (await Owners.JsonAsync(response)).GetProperty("text").GetString());
    }
}
