using System.Net;
using ClientReminders.Reminders.Templates;
using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Infrastructure;

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

        using var response = await owner.Browser.PostJsonAsync("/api/templates/preview", new { channel = "sms", body = "Hi {ClientFirstName}, see you at {BusinessName}." });

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
        using var renamed = await owner.Browser.PutJsonAsync("/api/me", new { businessName = "Ada <b>& Co", ownerName = "Jane Owner", country = "GB", timeZone = "Europe/London" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        using var response = await owner.Browser.PostJsonAsync("/api/templates/preview", new { channel = "email", subject = DefaultTemplates.EmailSubject, text = DefaultTemplates.EmailText, html = DefaultTemplates.EmailHtml });

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
        using var settings = await owner.Browser.PutJsonAsync("/api/settings/reminders", new { includeTitle, includeLocation = false, includeDescription = false });
        Assert.Equal(HttpStatusCode.OK, settings.StatusCode);

        using var response = await owner.Browser.PostJsonAsync("/api/templates/preview", new { channel = "sms", body = "{ClientFirstName}: {Title}" });

        Assert.Equal(expected, (await Owners.JsonAsync(response)).GetProperty("text").GetString());
    }
}
