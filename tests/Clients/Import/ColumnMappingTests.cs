namespace ClientReminders.Tests.Clients.Import;

public class ColumnMappingTests
{
    private const string OutlookHeader =
        "\"Title\",\"First Name\",\"Middle Name\",\"Last Name\",\"Suffix\",\"Company\",\"Department\",\"Job Title\",\"Business Street\",\"Business Street 2\",\"Business Street 3\",\"Business City\",\"Business State\",\"Business Postal Code\",\"Business Country/Region\",\"Home Street\",\"Home Street 2\",\"Home Street 3\",\"Home City\",\"Home State\",\"Home Postal Code\",\"Home Country/Region\",\"Other Street\",\"Other Street 2\",\"Other Street 3\",\"Other City\",\"Other State\",\"Other Postal Code\",\"Other Country/Region\",\"Assistant's Phone\",\"Business Fax\",\"Business Phone\",\"Business Phone 2\",\"Callback\",\"Car Phone\",\"Company Main Phone\",\"Home Fax\",\"Home Phone\",\"Home Phone 2\",\"ISDN\",\"Mobile Phone\",\"Other Fax\",\"Other Phone\",\"Pager\",\"Primary Phone\",\"Radio Phone\",\"TTY/TDD Phone\",\"Telex\",\"Account\",\"Anniversary\",\"Assistant's Name\",\"Billing Information\",\"Birthday\",\"Business Address PO Box\",\"Categories\",\"Children\",\"Directory Server\",\"E-mail Address\",\"E-mail Type\",\"E-mail Display Name\",\"E-mail 2 Address\",\"E-mail 2 Type\",\"E-mail 2 Display Name\",\"E-mail 3 Address\",\"E-mail 3 Type\",\"E-mail 3 Display Name\",\"Gender\",\"Government ID Number\",\"Hobby\",\"Home Address PO Box\",\"Initials\",\"Internet Free Busy\",\"Keywords\",\"Language\",\"Location\",\"Manager's Name\",\"Mileage\",\"Notes\",\"Office Location\",\"Organizational ID Number\",\"Other Address PO Box\",\"Priority\",\"Private\",\"Profession\",\"Referred By\",\"Sensitivity\",\"Spouse\",\"User 1\",\"User 2\",\"User 3\",\"User 4\",\"Web Page\"";

    private const string GoogleHeader =
        "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value";

    private const string OldGoogleHeader =
        "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description";

    private static async Task<List<string>> Header(string line)
    {
        var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(line + "\r\n")));
        await reader.ReadHeaderAsync();
        return [.. reader.Header!];
    }

    private static string[] Row(List<string> header, params (string Column, string Value)[] cells)
    {
        var row = new string[header.Count];
        Array.Fill(row, "");
        foreach (var (column, value) in cells)
        {
            row[header.IndexOf(column)] = value;
        }
        return row;
    }

    [Fact]
    public async Task AnOutlookExportMapsFirstMiddleAndLastNameMobilePhoneAndEmailAddress()
    {
        var header = await Header(OutlookHeader);

        var mapping = ColumnMapping.Suggest(header);

        Assert.Equal(new ColumnMapping([1, 2, 3], header.IndexOf("Mobile Phone"), header.IndexOf("E-mail Address")), mapping);
        Assert.Null(mapping.Validate(header.Count));
    }

    [Fact]
    public async Task AnOutlookExportWithoutMobilePhoneFallsBackToPrimaryPhone()
    {
        var header = await Header("\"First Name\",\"Last Name\",\"Business Phone\",\"Home Phone\",\"Primary Phone\",\"E-mail Address\"");

        Assert.Equal(4, ColumnMapping.Suggest(header).Mobile);
    }

    [Fact]
    public async Task AGoogleContactsExportMapsNamePartsPhoneOneAndEmailOne()
    {
        var header = await Header(GoogleHeader);

        var mapping = ColumnMapping.Suggest(header);

        Assert.Equal(new ColumnMapping([0, 1, 2], header.IndexOf("Phone 1 - Value"), header.IndexOf("E-mail 1 - Value")), mapping);
    }

    [Fact]
    public async Task AGoogleContactsExportPrefersThePhoneLabelledMobile()
    {
        var header = await Header(GoogleHeader);
        string[][] sample =
        [
            Row(
                header,
                ("First Name", "Ann"),
                ("Phone 1 - Label", "Home"),
                ("Phone 1 - Value", "020 7946 0000"),
                ("Phone 2 - Label", "Mobile"),
                ("Phone 2 - Value", "07700 900123")
            ),
            Row(
                header,
                ("First Name", "Bo"),
                ("Phone 1 - Label", "Work"),
                ("Phone 1 - Value", "020 7946 0001"),
                ("Phone 2 - Label", "Mobile"),
                ("Phone 2 - Value", "07700 900124")
            ),
            Row(header, ("First Name", "Cy"), ("Phone 1 - Label", "Mobile"), ("Phone 1 - Value", "07700 900125")),
        ];

        Assert.Equal(header.IndexOf("Phone 2 - Value"), ColumnMapping.Suggest(header, sample).Mobile);
    }

    [Fact]
    public async Task AnOldGoogleContactsExportMapsTheFullNameAndPrefersTheMobileType()
    {
        var header = await Header(OldGoogleHeader);
        string[][] sample =
        [
            Row(
                header,
                ("Name", "Ann Lee"),
                ("Phone 1 - Type", "Home"),
                ("Phone 1 - Value", "020 7946 0000"),
                ("Phone 2 - Type", "Mobile"),
                ("Phone 2 - Value", "07700 900123")
            ),
        ];

        Assert.Equal(new ColumnMapping([0], header.IndexOf("Phone 1 - Value"), header.IndexOf("E-mail 1 - Value")), ColumnMapping.Suggest(header));
        Assert.Equal(header.IndexOf("Phone 2 - Value"), ColumnMapping.Suggest(header, sample).Mobile);
    }

    [Theory]
    [InlineData("Name,Mobile,Email")]
    [InlineData("Full name,Cell,E-mail")]
    [InlineData("CLIENT;Telephone;Email address")]
    [InlineData(" full_name \tMobile number\t EMAIL ")]
    [InlineData("Client,Phone,E-Mail Address")]
    public async Task GenericSpreadsheetHeadersAreRecognisedWhateverTheirCaseAndPunctuation(string line)
    {
        Assert.Equal(new ColumnMapping([0], 1, 2), ColumnMapping.Suggest(await Header(line)));
    }

    [Fact]
    public async Task AnAppleStyleHeaderPrefersTheMobileOverOtherPhones()
    {
        var header = await Header("First name,Last name,Home,Work phone,iPhone,Mobile,Email");

        Assert.Equal(new ColumnMapping([0, 1], 5, 6), ColumnMapping.Suggest(header));
    }

    [Fact]
    public async Task UnrecognisedHeadersSuggestNothingAndAskForAName()
    {
        var header = await Header("Column A,Column B");

        var mapping = ColumnMapping.Suggest(header);

        Assert.Equal(new ColumnMapping([], null, null), mapping);
        Assert.Equal("Choose the column, or columns, with the client's name.", mapping.Validate(header.Count));
    }

    [Fact]
    public void AMappingWithNeitherMobileNorEmailIsRejected()
    {
        Assert.Equal("Choose the column with the mobile number or the one with the email address.", new ColumnMapping([0], null, null).Validate(3));
    }

    [Fact]
    public void AMappingToAColumnTheFileDoesNotHaveIsRejected()
    {
        Assert.Equal("The mapping refers to a column the file doesn't have; it has 3 columns.", new ColumnMapping([0], 3, null).Validate(3));
        Assert.NotNull(new ColumnMapping([-1], 1, null).Validate(3));
    }

    [Fact]
    public void AColumnUsedTwiceIsRejected()
    {
        Assert.Equal("Use each column only once.", new ColumnMapping([0, 1], 1, 2).Validate(3));
    }

    [Fact]
    public void AMappingWithOnlyAnEmailIsAccepted()
    {
        Assert.Null(new ColumnMapping([0], null, 1).Validate(2));
    }

    [Fact]
    public void TheJsonBodyIsParsed()
    {
        Assert.Equal(new ColumnMapping([0, 2], 3, 4), ColumnMapping.Parse("""{"name":[0,2],"mobile":3,"email":4}"""));
        Assert.Equal(new ColumnMapping([1], null, 0), ColumnMapping.Parse("""{"name":[1],"mobile":null,"email":0}"""));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[0,1,2]")]
    [InlineData("""{"mobile":3}""")]
    [InlineData("""{"name":"Name","mobile":3}""")]
    [InlineData("""{"name":[0,"1"],"mobile":3}""")]
    [InlineData("""{"name":[0],"mobile":"3"}""")]
    [InlineData("""{"name":[0],"email":1.5}""")]
    [InlineData("""{"name":[0],"email":99999999999}""")]
    [InlineData("""{"name":[0],"email":1""")]
    public void AMalformedJsonBodyParsesToNull(string json)
    {
        Assert.Null(ColumnMapping.Parse(json));
    }

    [Fact]
    public void TheNameJoinsItsColumnsWithSingleSpacesSkippingEmptyOnes()
    {
        var mapping = new ColumnMapping([0, 1, 2], 3, 4);

        Assert.Equal(new ImportFields("Ann Lee", "07700 900123", "ann@example.com"), mapping.Extract(["Ann", "  ", " Lee", "07700 900123", "ann@example.com"]));
    }

    [Fact]
    public void CellsMissingFromAShortRowAreEmpty()
    {
        Assert.Equal(new ImportFields("Ann", "", ""), new ColumnMapping([0, 5], 3, 4).Extract(["Ann", "x"]));
    }

    [Fact]
    public void ACellNeutralisedByOurOwnExportIsReadBackAsItWas()
    {
        var fields = new ColumnMapping([0], 1, 2).Extract(["'=Ann", "'+447700900123", "'bob@example.com"]);

        Assert.Equal(new ImportFields("=Ann", "+447700900123", "'bob@example.com"), fields);
    }
}
