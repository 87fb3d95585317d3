namespace ClientReminders.Reminders.Templates;

/// <summary>The culture an account's reminders are written in, from its country.</summary>
public static class AccountCulture
{
    private static readonly Dictionary<string, string> ByCountry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GB"] = "en-GB",
        ["US"] = "en-US",
        ["IE"] = "en-IE",
        ["AU"] = "en-AU",
        ["NZ"] = "en-NZ",
        ["CA"] = "en-CA",
        ["ZA"] = "en-ZA",
        ["IN"] = "en-IN",
        ["SG"] = "en-SG",
        ["DE"] = "de-DE",
        ["AT"] = "de-AT",
        ["CH"] = "de-CH",
        ["FR"] = "fr-FR",
        ["BE"] = "nl-BE",
        ["LU"] = "fr-LU",
        ["ES"] = "es-ES",
        ["MX"] = "es-MX",
        ["NL"] = "nl-NL",
        ["IT"] = "it-IT",
        ["PT"] = "pt-PT",
        ["BR"] = "pt-BR",
        ["SE"] = "sv-SE",
        ["DK"] = "da-DK",
        ["NO"] = "nb-NO",
        ["FI"] = "fi-FI",
        ["PL"] = "pl-PL",
    };

    public static CultureInfo For(string? countryCode) => CultureInfo.GetCultureInfo(ByCountry.GetValueOrDefault(countryCode?.Trim() ?? "", "en-GB"));
}
