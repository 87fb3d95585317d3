using System.Text.RegularExpressions;
using PhoneNumbers;

namespace ClientReminders.Clients;

/// <summary>Either a number in E.164 form (<c>+</c> and digits) or a plain reason it was refused.</summary>
public sealed record PhoneNumberResult(string? E164, string? Error)
{
    public static PhoneNumberResult Valid(string e164) => new(e164, null);

    public static PhoneNumberResult Invalid(string error) => new(null, error);

    public bool IsValid => E164 is not null;
}

/// <summary>
/// Mobile numbers through libphonenumber (Google's metadata for every country): what an owner typed becomes E.164, or a
/// plain field message (too short, too long, unknown country code, a landline that texts cannot reach). The reserved
/// fiction ranges (Ofcom's drama numbers 07700 900000-900999, North America's 555-0100 to 555-0199), which libphonenumber
/// rightly calls invalid, are accepted where <paramref name="acceptFictionalNumbers"/> says so: outside Production, for the
/// tests and the demo account.
/// </summary>
public sealed partial class MobileNumbers(bool acceptFictionalNumbers)
{
    public const string EmptyError = "Enter a mobile number.";
    public const string CharactersError = "Phone numbers can only contain digits, spaces and + ( ) - . characters.";
    public const string ExtensionError = "Extensions cannot receive text messages: enter the mobile number without the extension.";
    public const string PlusError = "A + can only come at the start of a number.";
    public const string TooManyDigitsError = "Phone numbers have at most 15 digits.";
    public const string TooShortError = "That number is too short.";
    public const string NeedsCountryCodeError = "Enter the number with its country code, starting with +.";
    public const string LandlineError = "This looks like a landline: texts cannot reach it.";
    public const string AreaCodeError = "That number is too short: enter it with its area code.";
    public const string FictionError = "That number is reserved for films and TV: texts cannot reach it.";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Turns what an owner typed into an E.164 mobile number, reading national numbers as of <paramref name="defaultCountry"/>.</summary>
    public PhoneNumberResult Normalize(string? input, string defaultCountry)
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
            // "+44 (0)7700 900123": the trunk 0 in brackets is not dialled after the country code.
            text = TrunkInBrackets().Replace(text, " ");
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
        {
            return PhoneNumberResult.Invalid(EmptyError);
        }

        var region = RegionOrUnknown(defaultCountry);
        PhoneNumber number;
        try
        {
            number = Util.Parse(text, region);
        }
        catch (NumberParseException exception)
        {
            return PhoneNumberResult.Invalid(
                exception.ErrorType switch
                {
                    ErrorType.INVALID_COUNTRY_CODE when international || digits.StartsWith("00", StringComparison.Ordinal) =>
                        $"Unknown country code +{digits.TrimStart('0')[..Math.Min(3, digits.TrimStart('0').Length)]}.",
                    ErrorType.INVALID_COUNTRY_CODE => NeedsCountryCodeError,
                    ErrorType.TOO_LONG => TooManyDigitsError,
                    ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => TooShortError,
                    _ => CharactersError,
                }
            );
        }

        if (international && digits.Length > 15)
        {
            return PhoneNumberResult.Invalid(TooManyDigitsError);
        }

        return Classify(number, defaultCountry) is { } problem
            ? PhoneNumberResult.Invalid(problem)
            : PhoneNumberResult.Valid(Util.Format(number, PhoneNumberFormat.E164));
    }

    /// <summary>Why a stored E.164 number cannot receive texts (saved before the checks were this close), or null when it can.</summary>
    public string? ProblemWith(string e164, string? accountCountry = null)
    {
        try
        {
            return Classify(Util.Parse(e164, UnknownRegion), accountCountry);
        }
        catch (NumberParseException)
        {
            return "This number is not a phone number texts can reach.";
        }
    }

    /// <summary>
    /// How a stored number is shown to an account, and why texts cannot reach it (or null): what every client list row needs,
    /// remembered per number and country since a page of 50 would otherwise parse each number twice on every request.
    /// </summary>
    public (string Display, string? Problem) Describe(string e164, string accountCountry)
    {
        var key = (e164, accountCountry);
        if (described.TryGetValue(key, out var known))
        {
            return known;
        }
        if (described.Count >= MaxDescribed)
        {
            described.Clear();
        }
        return described[key] = (Display(e164, accountCountry), ProblemWith(e164, accountCountry));
    }

    // Bounded: a few hundred thousand clients' numbers at most before it starts again.
    private const int MaxDescribed = 200_000;
    private readonly ConcurrentDictionary<(string, string), (string, string?)> described = new();

    /// <summary>A stored number as the owner reads it: national format for the account's own country, international otherwise.</summary>
    public static string Display(string e164, string accountCountry)
    {
        try
        {
            var number = Util.Parse(e164, UnknownRegion);
            var home = RegionOrUnknown(accountCountry);
            var sameCountry = home != UnknownRegion && Util.GetCountryCodeForRegion(home) == number.CountryCode;
            return Util.Format(number, sameCountry ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }

    /// <summary>An inbound sender's number (already international, from the carrier) as E.164, or null when it is none.</summary>
    public static string? InternationalE164(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')))
        {
            return null;
        }
        try
        {
            var number = Util.Parse(trimmed.StartsWith('+') ? trimmed : "+" + trimmed, UnknownRegion);
            return Util.IsPossibleNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private const string UnknownRegion = "ZZ";

    private static string RegionOrUnknown(string? country) =>
        country?.Trim().ToUpperInvariant() is { Length: 2 } code && Util.GetSupportedRegions().Contains(code) ? code : UnknownRegion;

    private string? Classify(PhoneNumber number, string? homeRegion)
    {
        if (IsFictional(number))
        {
            return acceptFictionalNumbers ? null : FictionError;
        }
        if (Util.Format(number, PhoneNumberFormat.E164).Length - 1 > 15)
        {
            return TooManyDigitsError;
        }
        if (Util.IsPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE)
        {
            return $"Unknown country code +{number.CountryCode}.";
        }
        if (Util.IsValidNumber(number))
        {
            return Util.GetNumberType(number) switch
            {
                PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE or PhoneNumberType.PERSONAL_NUMBER or PhoneNumberType.VOIP => null,
                PhoneNumberType.FIXED_LINE => LandlineError,
                PhoneNumberType.TOLL_FREE => "That is a freephone number: texts cannot reach it.",
                PhoneNumberType.PREMIUM_RATE or PhoneNumberType.SHARED_COST => "That is a premium or shared-rate number: texts cannot reach it.",
                PhoneNumberType.PAGER => "That is a pager number: texts cannot reach it.",
                _ => "That is a service number, not a mobile: texts cannot reach it.",
            };
        }

        // Lengths are judged against the country's mobile numbers, which is what the owner meant to type.
        var where = Where(number, homeRegion);
        return Util.IsPossibleNumberForTypeWithReason(number, PhoneNumberType.MOBILE) switch
        {
            PhoneNumberUtil.ValidationResult.TOO_SHORT => $"That number is too short for a mobile number {where}.",
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY => AreaCodeError,
            PhoneNumberUtil.ValidationResult.TOO_LONG => $"That number is too long for a mobile number {where}.",
            PhoneNumberUtil.ValidationResult.INVALID_LENGTH => $"That number has the wrong number of digits for a mobile number {where}.",
            _ => $"That is not a valid number {where}.",
        };
    }

    // Ofcom's drama range (07700 900000 to 900999) and North America's 555-0100 to 555-0199, reserved for fiction.
    private static bool IsFictional(PhoneNumber number)
    {
        var national = number.NationalNumber.ToString(CultureInfo.InvariantCulture);
        return number.CountryCode switch
        {
            44 => national.Length == 10 && national.StartsWith("7700900", StringComparison.Ordinal),
            1 => national.Length == 10 && national.AsSpan(3, 5).SequenceEqual("55501"),
            _ => false,
        };
    }

    // "in the United Kingdom (+44)": the account's own country when it shares the code (+1 is Canada's too).
    private static string Where(PhoneNumber number, string? homeRegion)
    {
        var home = RegionOrUnknown(homeRegion);
        var region =
            home != UnknownRegion && Util.GetCountryCodeForRegion(home) == number.CountryCode
                ? home
                : Util.GetRegionCodeForNumber(number) ?? Util.GetRegionCodeForCountryCode(number.CountryCode);
        try
        {
            var name = new RegionInfo(region).EnglishName;
            var article =
                name.StartsWith("United ", StringComparison.Ordinal)
                || name.EndsWith(" Republic", StringComparison.Ordinal)
                || name is "Netherlands" or "Philippines" or "Bahamas" or "Gambia" or "Maldives" or "Comoros" or "Seychelles"
                    ? "the "
                    : "";
            return $"in {article}{name} (+{number.CountryCode})";
        }
        catch (ArgumentException)
        {
            return $"with country code +{number.CountryCode}";
        }
    }

    [GeneratedRegex(@"\d\s*[.,]?\s*(?:x|ext|extn|extension)\s*[.:]?\s*\d+\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Extension();

    [GeneratedRegex(@"\(\s*0\s*\)")]
    private static partial Regex TrunkInBrackets();
}
