using System.Globalization;
using System.Text.RegularExpressions;

namespace ClientReminders.Clients;

/// <summary>Either a number in E.164 form (<c>+</c> and digits) or a plain reason it was refused.</summary>
public sealed record PhoneNumberResult(string? E164, string? Error)
{
    public static PhoneNumberResult Valid(string e164) => new(e164, null);

    public static PhoneNumberResult Invalid(string error) => new(null, error);

    public bool IsValid => E164 is not null;
}

/// <summary>
/// Turns what an owner typed into an E.164 mobile number. Countries in <see cref="Countries"/> are checked closely
/// (length, and mobile prefixes where they are simple); any other country needs its calling code and 7 to 15 digits.
/// </summary>
public static partial class PhoneNumbers
{
    public const int MaxDigits = 15;
    public const int MinDigits = 7;

    public const string EmptyError = "Enter a mobile number.";
    public const string CharactersError = "Phone numbers can only contain digits, spaces and + ( ) - . characters.";
    public const string ExtensionError = "Extensions cannot receive text messages: enter the mobile number without the extension.";
    public const string PlusError = "A + can only come at the start of a number.";
    public const string TooManyDigitsError = "Phone numbers have at most 15 digits.";
    public const string TooShortError = "That number is too short.";
    public const string NeedsCountryCodeError = "Enter the number with its country code, starting with +.";

    /// <summary>A country whose numbers we check closely. Lengths are of the national significant number (no trunk prefix, no country code).</summary>
    private sealed record Country(
        string Region,
        string CallingCode,
        string? Trunk,
        int MinLength,
        int MaxLength,
        string[] MobilePrefixes,
        string? MobileHint,
        string? InternationalPrefix = null)
    {
        public string Name => new RegionInfo(Region).EnglishName;

        public bool IsNanp => CallingCode == "1";
    }

    private static readonly Country[] Countries =
    [
        new("GB", "44", "0", 10, 10, ["7"], "they start with 07"),
        new("IE", "353", "0", 9, 9, ["83", "84", "85", "86", "87", "88", "89"], "they start with 083 to 089"),
        new("US", "1", "1", 10, 10, [], null, "011"),
        new("CA", "1", "1", 10, 10, [], null, "011"),
        new("AU", "61", "0", 9, 9, ["4"], "they start with 04", "0011"),
        new("NZ", "64", "0", 8, 10, ["2"], "they start with 02"),
        new("ZA", "27", "0", 9, 9, ["6", "7", "81", "82", "83", "84"], "they start with 06, 07 or 081 to 084"),
        new("IN", "91", "0", 10, 10, ["6", "7", "8", "9"], "they start with 6, 7, 8 or 9"),
        new("DE", "49", "0", 10, 11, ["15", "16", "17"], "they start with 015, 016 or 017"),
        new("FR", "33", "0", 9, 9, ["6", "7"], "they start with 06 or 07"),
        new("ES", "34", null, 9, 9, ["6", "7"], "they start with 6 or 7"),
        new("IT", "39", null, 9, 10, ["3"], "they start with 3"),
        new("NL", "31", "0", 9, 9, ["6"], "they start with 06"),
        new("BE", "32", "0", 9, 9, ["45", "46", "47", "48", "49"], "they start with 045 to 049"),
        new("PT", "351", null, 9, 9, ["9"], "they start with 9"),
        new("SE", "46", "0", 9, 9, ["7"], "they start with 07"),
        new("NO", "47", null, 8, 8, ["4", "9"], "they start with 4 or 9"),
        new("DK", "45", null, 8, 8, [], null),
        new("FI", "358", "0", 6, 10, ["4", "50"], "they start with 04 or 050"),
        new("PL", "48", null, 9, 9, [], null),
        new("AT", "43", "0", 10, 13, ["6"], "they start with 06"),
        new("CH", "41", "0", 9, 9, ["75", "76", "77", "78", "79"], "they start with 075 to 079"),
        new("SG", "65", null, 8, 8, ["8", "9"], "they start with 8 or 9"),
        new("HK", "852", null, 8, 8, [], null),
        new("AE", "971", "0", 9, 9, ["5"], "they start with 05"),
    ];

    // ITU-T E.164 country codes for geographic areas; global services (+800, +808, +870, +881-+883, +979) cannot receive reminders.
    private static readonly HashSet<string> CallingCodes =
    [
        "1", "7",
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47", "48", "49",
        "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
        "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
        "211", "212", "213", "216", "218", "220", "221", "222", "223", "224", "225", "226", "227", "228", "229",
        "230", "231", "232", "233", "234", "235", "236", "237", "238", "239", "240", "241", "242", "243", "244",
        "245", "246", "247", "248", "249", "250", "251", "252", "253", "254", "255", "256", "257", "258", "260",
        "261", "262", "263", "264", "265", "266", "267", "268", "269", "290", "291", "297", "298", "299",
        "350", "351", "352", "353", "354", "355", "356", "357", "358", "359", "370", "371", "372", "373", "374",
        "375", "376", "377", "378", "379", "380", "381", "382", "383", "385", "386", "387", "389",
        "420", "421", "423",
        "500", "501", "502", "503", "504", "505", "506", "507", "508", "509",
        "590", "591", "592", "593", "594", "595", "596", "597", "598", "599",
        "670", "672", "673", "674", "675", "676", "677", "678", "679", "680", "681", "682", "683", "685", "686",
        "687", "688", "689", "690", "691", "692",
        "850", "852", "853", "855", "856", "880", "886",
        "960", "961", "962", "963", "964", "965", "966", "967", "968", "970", "971", "972", "973", "974", "975",
        "976", "977", "992", "993", "994", "995", "996", "998",
    ];

    public static PhoneNumberResult Normalize(string? input, string defaultCountry)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            return PhoneNumberResult.Invalid(EmptyError);
        }
        if (Extension().IsMatch(text))
        {
            return PhoneNumberResult.Invalid(ExtensionError);
        }
        if (text.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-' or '.' or '/')))
        {
            return PhoneNumberResult.Invalid(CharactersError);
        }

        var international = text.TrimStart('(', ' ').StartsWith('+');
        if (text.Count(c => c == '+') > (international ? 1 : 0))
        {
            return PhoneNumberResult.Invalid(PlusError);
        }
        if (international)
        {
            text = TrunkInBrackets().Replace(text, " ");
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            return PhoneNumberResult.Invalid(EmptyError);
        }

        var home = Countries.FirstOrDefault(c => c.Region.Equals(defaultCountry?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (!international && InternationalPrefixOf(digits, home) is { } prefix)
        {
            digits = digits[prefix.Length..];
            international = true;
        }

        return international ? International(digits, home) : National(digits, home);
    }

    private static string? InternationalPrefixOf(string digits, Country? home) =>
        new[] { home?.InternationalPrefix, "00" }.FirstOrDefault(prefix => prefix is not null && digits.StartsWith(prefix, StringComparison.Ordinal));

    private static PhoneNumberResult International(string digits, Country? home)
    {
        if (digits.Length > MaxDigits)
        {
            return PhoneNumberResult.Invalid(TooManyDigitsError);
        }

        var callingCode = Enumerable.Range(1, Math.Min(3, digits.Length)).Select(n => digits[..n]).FirstOrDefault(CallingCodes.Contains);
        if (callingCode is null)
        {
            return PhoneNumberResult.Invalid(digits.Length == 0 ? EmptyError : $"Unknown country code +{digits[..Math.Min(3, digits.Length)]}.");
        }

        var national = digits[callingCode.Length..];
        var country = home?.CallingCode == callingCode ? home : Countries.FirstOrDefault(c => c.CallingCode == callingCode);
        if (country is null)
        {
            return digits.Length < MinDigits ? PhoneNumberResult.Invalid(TooShortError) : PhoneNumberResult.Valid("+" + digits);
        }

        // "+44 07700 900123": the trunk 0 has no place after the country code, but people write it.
        if (country.Trunk is "0" && national.StartsWith('0') && national.Length > country.MinLength)
        {
            national = national[1..];
        }
        return Check(national, country);
    }

    private static PhoneNumberResult National(string digits, Country? home)
    {
        if (home is null)
        {
            return PhoneNumberResult.Invalid(NeedsCountryCodeError);
        }

        var national = home.IsNanp
            ? digits.Length == 11 && digits.StartsWith('1') ? digits[1..] : digits
            : home.Trunk is { } trunk && digits.StartsWith(trunk, StringComparison.Ordinal) ? digits[trunk.Length..] : digits;
        return Check(national, home);
    }

    private static PhoneNumberResult Check(string national, Country country)
    {
        if (country.CallingCode.Length + national.Length > MaxDigits)
        {
            return PhoneNumberResult.Invalid(TooManyDigitsError);
        }
        if (country.MobilePrefixes.Length > 0 && national.Length > 0 && !country.MobilePrefixes.Any(p => national.StartsWith(p, StringComparison.Ordinal) || p.StartsWith(national, StringComparison.Ordinal)))
        {
            return PhoneNumberResult.Invalid($"That is not {Article(country.Name)} {country.Name} mobile number ({country.MobileHint}).");
        }
        if (national.Length < country.MinLength)
        {
            return PhoneNumberResult.Invalid($"That number is too short for {Article(country.Name)} {country.Name} number.");
        }
        if (national.Length > country.MaxLength)
        {
            return PhoneNumberResult.Invalid($"That number is too long for {Article(country.Name)} {country.Name} number.");
        }
        if (country.IsNanp && (national[0] is '0' or '1' || national[3] is '0' or '1'))
        {
            return PhoneNumberResult.Invalid($"That is not a valid {country.Name} number: the area code and the three digits after it cannot start with 0 or 1.");
        }
        return PhoneNumberResult.Valid($"+{country.CallingCode}{national}");
    }

    private static string Article(string name) => name[0] is 'A' or 'E' or 'I' or 'O' ? "an" : "a";

    [GeneratedRegex(@"\d\s*[.,]?\s*(?:x|ext|extn|extension)\s*[.:]?\s*\d+\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Extension();

    [GeneratedRegex(@"\(\s*0\s*\)")]
    private static partial Regex TrunkInBrackets();
}
