namespace ClientReminders.Tests.Reminders.Templates;

public class AccountCultureTests
{
    [Theory]
    [InlineData("GB", "en-GB")]
    [InlineData("US", "en-US")]
    [InlineData("IE", "en-IE")]
    [InlineData("AU", "en-AU")]
    [InlineData("DE", "de-DE")]
    [InlineData("FR", "fr-FR")]
    [InlineData("ES", "es-ES")]
    [InlineData("NL", "nl-NL")]
    [InlineData("us", "en-US")]
    public void ACountryGetsItsUsualCulture(string country, string culture)
    {
        Assert.Equal(culture, AccountCulture.For(country).Name);
    }

    [Theory]
    [InlineData("ZZ")]
    [InlineData("")]
    [InlineData(null)]
    public void AnUnknownCountryFallsBackToBritishEnglish(string? country)
    {
        Assert.Equal("en-GB", AccountCulture.For(country).Name);
    }
}
