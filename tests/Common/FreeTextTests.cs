using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Common;

/// <summary>Free text keeps every script and emoji but never a control or direction-override character, and no header breaks a line.</summary>
public class FreeTextTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    public static TheoryData<string> Unsafe() =>
        ["Ada\0Lovelace", "Ada \u001b[31mLovelace", "Ada \u202Eecalevol", "Ada \u2066Lovelace\u2069", "Ada\u0085Lovelace", "Ada\r\nBcc: someone@example.com"];

    [Theory]
    [MemberData(nameof(Unsafe))]
    public void ControlAndDirectionOverrideCharactersAreRefused(string text)
    {
        Assert.NotNull(FreeText.Problem(text));
    }

    [Fact]
    public void AHalfOfASurrogatePairIsRefused()
    {
        Assert.NotNull(FreeText.Problem("Ada " + '\ud800' + " Lovelace"));
    }

    [Theory]
    [InlineData("Zoë Ålander")]
    [InlineData("محمد عبد الله\u200F")]
    [InlineData("王小明")]
    [InlineData("Ada 👩🏽‍⚕️ Lovelace")]
    [InlineData("O'Neil-Smith")]
    public void EveryScriptAndEmojiAreKept(string text)
    {
        Assert.Null(FreeText.Problem(text));
    }

    [Fact]
    public void TextIsKeptInItsComposedForm()
    {
        Assert.Equal("Zoë", FreeText.Normalize("Zoe\u0308"));
    }

    [Fact]
    public void LineBreaksAreTakenOnlyWhereTheFieldHasLines()
    {
        Assert.Equal(FreeText.LineProblem, FreeText.Problem("one\ntwo"));
        Assert.Null(FreeText.Problem("one\r\ntwo\tthree", multiline: true));
    }

    [Theory]
    [InlineData("/api/clients", "name")]
    [InlineData("/api/me", "businessName")]
    [InlineData("/api/appointments", "title")]
    [InlineData("/api/templates/email", "subject")]
    [InlineData("/api/messages/direct", "text")]
    public async Task EveryFreeTextFieldRefusesThemWithAFieldError(string path, string field)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        const string bad = "Ada \u202Eecalevol";
        var start = Booking.LocalIn(fixture.Clock, TimeSpan.FromDays(2)).ToString("yyyy-MM-dd'T'HH:mm");
        var end = Booking.LocalIn(fixture.Clock, TimeSpan.FromDays(2) + TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm");
        object body = path switch
        {
            "/api/clients" => new { name = bad, mobile = "07700 900111" },
            "/api/me" => new
            {
                businessName = bad,
                ownerName = "Jane",
                country = "GB",
                timeZone = "Europe/London",
            },
            "/api/appointments" => new
            {
                clientId,
                start,
                end,
                title = bad,
            },
            "/api/templates/email" => new
            {
                subject = bad,
                text = "Hello",
                format = "plain",
            },
            _ => new
            {
                clientIds = new[] { clientId },
                channel = "sms",
                text = "Hello \0",
            },
        };

        using var response = path is "/api/me" or "/api/templates/email"
            ? await owner.Browser.PutJsonAsync(path, body)
            : await owner.Browser.PostJsonAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Owners.JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out var _));
    }

    [Fact]
    public void AnEmailSubjectOrHeaderWithALineBreakIsNeverBuilt()
    {
        Assert.Throws<ArgumentException>(() => new EmailMessage("owner@example.com", "Hi\r\nBcc: x@example.com", "", ""));
        Assert.Throws<ArgumentException>(() => new ClientReminders.AzureClients.Communication.Email.EmailContent("Hi\nthere"));
    }

    [Fact]
    public void AStoredNameWithALineBreakStillMakesAOneLineSubject()
    {
        var values = new TemplateValues("Ada\r\nBcc: x@example.com", "Harbour Physio", new DateTime(2026, 12, 9, 10, 30, 0), null, null, null, "");
        var email = ReminderEmail.Compose(
            new TemplateResponse(ReminderChannel.Email, null, "For {ClientName}", "Hi", null, EmailFormat.Plain),
            values,
            new TemplateSettings(CultureInfo.GetCultureInfo("en-GB"), false, false, false),
            new EmailBranding("Harbour Physio", null, null, null)
        );

        Assert.Equal("For Ada Bcc: x@example.com", email.Subject);
    }
}
