namespace ClientReminders.Tests.Clients;

public class MobileNumbersTests
{
    // As every environment but Production: Ofcom's drama range, which the fixtures and the demo use, counts as mobile.
    private static readonly MobileNumbers Numbers = new(acceptFictionalNumbers: true);
    private static readonly MobileNumbers Production = new(acceptFictionalNumbers: false);

    [Theory]
    [InlineData("07700 900123", "GB", "+447700900123")]
    [InlineData("+44 (0)7700 900123", "GB", "+447700900123")]
    [InlineData("+44 (0) 7700 900123", "US", "+447700900123")]
    [InlineData("0044 7700 900123", "GB", "+447700900123")]
    [InlineData("+44 7700 900123", "FR", "+447700900123")]
    [InlineData("+44 07700 900123", "GB", "+447700900123")]
    [InlineData("(+44) 7700-900-123", "GB", "+447700900123")]
    [InlineData("  07700.900.123  ", "GB", "+447700900123")]
    [InlineData("07700/900123", "GB", "+447700900123")]
    [InlineData("(415) 555-2671", "US", "+14155552671")]
    [InlineData("1 415 555 2671", "US", "+14155552671")]
    [InlineData("415.555.2671", "US", "+14155552671")]
    [InlineData("+1 (415) 555-2671", "GB", "+14155552671")]
    [InlineData("011 44 7700 900123", "US", "+447700900123")]
    [InlineData("604 555 0123", "CA", "+16045550123")]
    [InlineData("1-604-555-0123", "ca", "+16045550123")]
    [InlineData("0412 345 678", "AU", "+61412345678")]
    [InlineData("0011 44 7700 900123", "AU", "+447700900123")]
    [InlineData("+61 412 345 678", "GB", "+61412345678")]
    [InlineData("+33 6 12 34 56 78", "GB", "+33612345678")]
    [InlineData("06 12 34 56 78", "FR", "+33612345678")]
    [InlineData("07 81 23 45 67", "FR", "+33781234567")]
    [InlineData("087 123 4567", "IE", "+353871234567")]
    [InlineData("021 123 4567", "NZ", "+64211234567")]
    [InlineData("022 123 4567", "NZ", "+64221234567")]
    [InlineData("082 123 4567", "ZA", "+27821234567")]
    [InlineData("98765 43210", "IN", "+919876543210")]
    [InlineData("0151 23456789", "DE", "+4915123456789")]
    [InlineData("0171 1234567", "DE", "+491711234567")]
    [InlineData("612 34 56 78", "ES", "+34612345678")]
    [InlineData("312 345 6789", "IT", "+393123456789")]
    [InlineData("+39 312 345 6789", "GB", "+393123456789")]
    [InlineData("06-12345678", "NL", "+31612345678")]
    [InlineData("0470 12 34 56", "BE", "+32470123456")]
    [InlineData("912 345 678", "PT", "+351912345678")]
    [InlineData("070-123 45 67", "SE", "+46701234567")]
    [InlineData("412 34 567", "NO", "+4741234567")]
    [InlineData("20 12 34 56", "DK", "+4520123456")]
    [InlineData("040 123 4567", "FI", "+358401234567")]
    [InlineData("512 345 678", "PL", "+48512345678")]
    [InlineData("0664 1234567", "AT", "+436641234567")]
    [InlineData("079 123 45 67", "CH", "+41791234567")]
    [InlineData("8123 4567", "SG", "+6581234567")]
    [InlineData("9123 4567", "HK", "+85291234567")]
    [InlineData("050 123 4567", "AE", "+971501234567")]
    [InlineData("+81 90 1234 5678", "GB", "+819012345678")]
    [InlineData("+7 912 345 67 89", "GB", "+79123456789")]
    [InlineData("+55 11 91234 5678", "US", "+5511912345678")]
    [InlineData("+386 41 123 456", "GB", "+38641123456")]
    [InlineData("00 420 601 123 456", "DE", "+420601123456")]
    public void AValidMobileNumberBecomesE164(string input, string country, string expected)
    {
        Assert.Equal(PhoneNumberResult.Valid(expected), Numbers.Normalize(input, country));
    }

    [Theory]
    [InlineData(null, "GB", "Enter a mobile number.")]
    [InlineData("", "GB", "Enter a mobile number.")]
    [InlineData("   ", "GB", "Enter a mobile number.")]
    [InlineData("+", "GB", "Enter a mobile number.")]
    [InlineData("( ) - .", "GB", "Enter a mobile number.")]
    [InlineData("07700 90012a", "GB", "Phone numbers can only contain digits, spaces and + ( ) - . characters.")]
    [InlineData("call me", "GB", "Phone numbers can only contain digits, spaces and + ( ) - . characters.")]
    [InlineData("07700*900123", "GB", "Phone numbers can only contain digits, spaces and + ( ) - . characters.")]
    [InlineData("07700 900123 x123", "GB", "Extensions cannot receive text messages: enter the mobile number without the extension.")]
    [InlineData("07700 900123 ext. 5", "GB", "Extensions cannot receive text messages: enter the mobile number without the extension.")]
    [InlineData("(415) 555-2671 Ext 12", "US", "Extensions cannot receive text messages: enter the mobile number without the extension.")]
    [InlineData("07700 + 900123", "GB", "A + can only come at the start of a number.")]
    [InlineData("++44 7700 900123", "GB", "A + can only come at the start of a number.")]
    [InlineData("0770 090", "GB", "That number is too short for a mobile number in the United Kingdom (+44).")]
    [InlineData("07700 9001234", "GB", "That number is too long for a mobile number in the United Kingdom (+44).")]
    [InlineData("020 7123 4567", "GB", "This looks like a landline: texts cannot reach it.")]
    [InlineData("+44 20 7123 4567", "US", "This looks like a landline: texts cannot reach it.")]
    [InlineData("0800 123 4567", "GB", "That is a freephone number: texts cannot reach it.")]
    [InlineData("+999 1234 5678", "GB", "Unknown country code +999.")]
    [InlineData("+28 1234 5678", "GB", "Unknown country code +281.")]
    [InlineData("00999 1234 5678", "GB", "Unknown country code +999.")]
    [InlineData("+800 1234 5678", "GB", "That is a freephone number: texts cannot reach it.")]
    [InlineData("+81 1234 5678 9012 34", "GB", "Phone numbers have at most 15 digits.")]
    [InlineData("+4477009001231234", "GB", "Phone numbers have at most 15 digits.")]
    [InlineData("0770090012312345678", "GB", "Phone numbers have at most 15 digits.")]
    [InlineData("+81 123", "GB", "That number is too short for a mobile number in Japan (+81).")]
    [InlineData("555 2671", "US", "That number is too short: enter it with its area code.")]
    [InlineData("(015) 555-2671", "US", "That is not a valid number in the United States (+1).")]
    [InlineData("(415) 155-2671", "US", "That is not a valid number in the United States (+1).")]
    [InlineData("+1 415 155 2671", "CA", "That is not a valid number in Canada (+1).")]
    [InlineData("02 9876 5432", "AU", "This looks like a landline: texts cannot reach it.")]
    [InlineData("0412 345 67", "AU", "That number is too short for a mobile number in Australia (+61).")]
    [InlineData("01 234 5678", "IE", "This looks like a landline: texts cannot reach it.")]
    [InlineData("030 1234567", "DE", "This looks like a landline: texts cannot reach it.")]
    [InlineData("01 23 45 67 89", "FR", "This looks like a landline: texts cannot reach it.")]
    [InlineData("06 1234 5678", "IT", "This looks like a landline: texts cannot reach it.")]
    [InlineData("+39 06 1234 5678", "GB", "This looks like a landline: texts cannot reach it.")]
    [InlineData("912 345 678", "ES", "This looks like a landline: texts cannot reach it.")]
    [InlineData("020 123 4567", "NL", "This looks like a landline: texts cannot reach it.")]
    [InlineData("07700 900123", "JP", "That is not a valid number in Japan (+81).")]
    [InlineData("07700 900123", "", "Enter the number with its country code, starting with +.")]
    public void AnInvalidNumberIsRefusedWithAPlainReason(string? input, string country, string error)
    {
        Assert.Equal(PhoneNumberResult.Invalid(error), Numbers.Normalize(input, country));
    }

    [Theory]
    [InlineData("07700 900123", "GB")]
    [InlineData("nonsense", "GB")]
    [InlineData("+999 1", "US")]
    public void ExactlyOneOfTheNumberAndTheErrorIsSet(string input, string country)
    {
        var result = Numbers.Normalize(input, country);

        Assert.True(result.E164 is null ^ result.Error is null);
        Assert.Equal(result.E164 is not null, result.IsValid);
    }

    [Theory]
    [InlineData("07700 900123", "GB")]
    [InlineData("(415) 555-2671", "US")]
    [InlineData("+81 90 1234 5678", "GB")]
    public void AnE164NumberNormalizesToItself(string input, string country)
    {
        var e164 = Numbers.Normalize(input, country).E164!;

        Assert.Matches(@"^\+[1-9][0-9]{6,14}$", e164);
        Assert.Equal(e164, Numbers.Normalize(e164, "NZ").E164);
    }

    [Theory]
    [InlineData("07700 900123", "GB")]
    [InlineData("+44 7700 900999", "US")]
    [InlineData("(201) 555-0123", "US")]
    [InlineData("+1 604 555 0199", "GB")]
    public void InProductionTheReservedFictionRangesAreRefused(string input, string country)
    {
        Assert.Equal(PhoneNumberResult.Invalid(MobileNumbers.FictionError), Production.Normalize(input, country));
    }

    [Theory]
    [InlineData("07700 901123", "GB")]
    [InlineData("(201) 555-0200", "US")]
    public void OnlyTheReservedRangesCountAsFiction(string input, string country)
    {
        Assert.NotEqual(MobileNumbers.FictionError, Numbers.Normalize(input, country).Error);
        Assert.Equal(Production.Normalize(input, country), Numbers.Normalize(input, country));
    }

    [Theory]
    [InlineData("07400 123456", "GB", "+447400123456")]
    [InlineData("(415) 555-2671", "US", "+14155552671")]
    public void InProductionARealMobileNumberIsAccepted(string input, string country, string expected)
    {
        Assert.Equal(PhoneNumberResult.Valid(expected), Production.Normalize(input, country));
    }

    [Theory]
    [InlineData("+447700900123", null)]
    [InlineData("+442071234567", "This looks like a landline: texts cannot reach it.")]
    [InlineData("+4420712", "That number is too short for a mobile number in the United Kingdom (+44).")]
    [InlineData("+447700900123", null, "US")]
    [InlineData("+16045550100", null, "CA")]
    [InlineData("+14151552671", "That is not a valid number in Canada (+1).", "CA")]
    [InlineData("+14151552671", "That is not a valid number in the United States (+1).", "GB")]
    public void AStoredNumberTheChecksWouldRefuseIsFlaggedWithTheReason(string e164, string? problem, string accountCountry = "GB")
    {
        Assert.Equal(problem, Numbers.ProblemWith(e164, accountCountry));
    }

    [Theory]
    [InlineData("+447700900123", "GB", "07700 900123")]
    [InlineData("+447700900123", "US", "+44 7700 900123")]
    [InlineData("+14155552671", "US", "(415) 555-2671")]
    [InlineData("+14155552671", "CA", "(415) 555-2671")]
    [InlineData("+33612345678", "FR", "06 12 34 56 78")]
    [InlineData("+33612345678", "GB", "+33 6 12 34 56 78")]
    public void AStoredNumberIsShownInTheAccountsNationalFormatOrInternationally(string e164, string country, string shown)
    {
        Assert.Equal(shown, MobileNumbers.Display(e164, country));
    }

    [Theory]
    [InlineData("+447700900123", "GB")]
    [InlineData("+442071234567", "US")]
    [InlineData("+14151552671", "CA")]
    public void DescribingANumberGivesItsDisplayAndProblemEveryTime(string e164, string country)
    {
        var first = Numbers.Describe(e164, country);
        var again = Numbers.Describe(e164, country);

        Assert.Equal((MobileNumbers.Display(e164, country), Numbers.ProblemWith(e164, country)), first);
        Assert.Equal(first, again);
    }

    [Fact]
    public void ANumberIsDescribedForEachAccountsCountryApart()
    {
        Assert.Equal("07700 900123", Numbers.Describe("+447700900123", "GB").Display);
        Assert.Equal("+44 7700 900123", Numbers.Describe("+447700900123", "US").Display);
        Assert.Equal("That is not a valid number in Canada (+1).", Numbers.Describe("+14151552671", "CA").Problem);
        Assert.Equal("That is not a valid number in the United States (+1).", Numbers.Describe("+14151552671", "US").Problem);
    }

    [Theory]
    [InlineData("447700900123", "+447700900123")]
    [InlineData("+14255550123", "+14255550123")]
    [InlineData("12", null)]
    [InlineData("", null)]
    [InlineData("not a number", null)]
    public void AnInboundSendersNumberIsReadAsInternational(string from, string? e164)
    {
        Assert.Equal(e164, MobileNumbers.InternationalE164(from));
    }
}
