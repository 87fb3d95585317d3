using System.Text.RegularExpressions;

namespace ClientReminders.Clients.Import;

/// <summary>Which columns (zero-based) hold the client's name, mobile and email; the name may join several, such as first and last.</summary>
public sealed partial record ColumnMapping(IReadOnlyList<int> Name, int? Mobile, int? Email)
{
    private static readonly string[] FullName =
    [
        "name",
        "fullname",
        "client",
        "clientname",
        "customer",
        "customername",
        "contact",
        "contactname",
        "displayname",
    ];
    private static readonly string[] FirstName = ["firstname", "givenname", "first", "forename", "forenames"];
    private static readonly string[] MiddleName = ["middlename", "additionalname", "middle", "middlenames"];
    private static readonly string[] LastName = ["lastname", "familyname", "surname", "last"];
    private static readonly string[] MobilePhone =
    [
        "mobilephone",
        "mobile",
        "mobilenumber",
        "mobileno",
        "mobilephonenumber",
        "cell",
        "cellphone",
        "cellnumber",
        "cellular",
        "iphone",
    ];
    private static readonly string[] OtherPhone =
    [
        "phone",
        "phonenumber",
        "telephone",
        "telephonenumber",
        "tel",
        "primaryphone",
        "homephone",
        "businessphone",
        "workphone",
        "otherphone",
    ];
    private static readonly string[] EmailAddress =
    [
        "email",
        "emailaddress",
        "mail",
        "email1",
        "primaryemail",
        "personalemail",
        "homeemail",
        "workemail",
        "businessemail",
    ];

    public static ColumnMapping Suggest(IReadOnlyList<string> headers) => Suggest(headers, []);

    /// <summary>
    /// Recognises Outlook, Google Contacts and plain spreadsheet headers, ignoring case and punctuation.
    /// For Google's numbered phones, the <paramref name="sample"/> rows pick the "Phone n" most often labelled Mobile.
    /// </summary>
    public static ColumnMapping Suggest(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> sample)
    {
        var keys = headers.Select(Key).ToList();
        int? Find(IEnumerable<string> candidates) =>
            candidates.Select(candidate => keys.IndexOf(candidate)).FirstOrDefault(index => index >= 0, -1) is var found and >= 0 ? found : null;

        IReadOnlyList<int> name = Find(FullName) is { } full ? [full] : new[] { Find(FirstName), Find(MiddleName), Find(LastName) }.OfType<int>().ToList();
        var mobile = Find(MobilePhone) ?? NumberedGooglePhone(keys, sample) ?? Find(OtherPhone);
        var email = Find(EmailAddress) ?? Numbered(keys, GoogleEmail()).Select(pair => (int?)pair.Index).FirstOrDefault();
        return new ColumnMapping(name, mobile, email);
    }

    /// <summary>Why the mapping cannot be used with a file of <paramref name="columnCount"/> columns, in words for the owner, or null.</summary>
    public string? Validate(int columnCount)
    {
        int[] columns = [.. Name, .. new[] { Mobile, Email }.OfType<int>()];
        if (columns.Any(column => column < 0 || column >= columnCount))
        {
            return $"The mapping refers to a column the file doesn't have; it has {columnCount} {(columnCount == 1 ? "column" : "columns")}.";
        }
        if (Name.Count == 0)
        {
            return "Choose the column, or columns, with the client's name.";
        }
        if (Mobile is null && Email is null)
        {
            return "Choose the column with the mobile number or the one with the email address.";
        }
        if (columns.Distinct().Count() != columns.Length)
        {
            return "Use each column only once.";
        }
        return null;
    }

    /// <summary>Reads <c>{"name":[0,2],"mobile":3,"email":4}</c>; mobile and email may be null or absent. Null when the JSON is malformed.</summary>
    public static ColumnMapping? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            List<int>? name = null;
            int? mobile = null;
            int? email = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Name.ToLowerInvariant())
                {
                    case "name" when property.Value.ValueKind == JsonValueKind.Array:
                        name = [];
                        foreach (var item in property.Value.EnumerateArray())
                        {
                            if (Column(item) is not { } column)
                            {
                                return null;
                            }
                            name.Add(column);
                        }
                        break;
                    case "name":
                        return null;
                    case "mobile" when property.Value.ValueKind == JsonValueKind.Null:
                    case "email" when property.Value.ValueKind == JsonValueKind.Null:
                        break;
                    case "mobile":
                        mobile = Column(property.Value);
                        if (mobile is null)
                        {
                            return null;
                        }
                        break;
                    case "email":
                        email = Column(property.Value);
                        if (email is null)
                        {
                            return null;
                        }
                        break;
                }
            }
            return name is null ? null : new ColumnMapping(name, mobile, email);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The row's name (the mapped cells joined with single spaces, empty ones skipped; a line break a spreadsheet cell
    /// wrapped becomes a space), mobile and email.
    /// </summary>
    public ImportFields Extract(IReadOnlyList<string> fields)
    {
        string Cell(int? column) => column is { } index && index >= 0 && index < fields.Count ? Unneutralise(fields[index].Trim()) : "";

        return new ImportFields(
            string.Join(' ', Name.Select(column => FreeText.OneLine(Cell(column))).Where(cell => cell.Length > 0)),
            Cell(Mobile),
            Cell(Email)
        );
    }

    public bool Equals(ColumnMapping? other) => other is not null && Name.SequenceEqual(other.Name) && Mobile == other.Mobile && Email == other.Email;

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var column in Name)
        {
            hash.Add(column);
        }
        hash.Add(Mobile);
        hash.Add(Email);
        return hash.ToHashCode();
    }

    private static string Key(string header) => string.Concat(header.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    private static int? Column(JsonElement element) => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var column) ? column : null;

    // Our own export writes '+447700900123 so that spreadsheets don't read it as a formula; reading it back undoes that.
    private static string Unneutralise(string cell) => cell.Length >= 2 && cell[0] == '\'' && CsvWriter.IsFormulaStart(cell[1]) ? cell[1..] : cell;

    /// <summary>Google's "Phone n - Value" column whose "Phone n - Label" (new export) or "- Type" (old) says Mobile most often; Phone 1 on a tie.</summary>
    private static int? NumberedGooglePhone(List<string> keys, IEnumerable<IReadOnlyList<string>> sample)
    {
        var phones = Numbered(keys, GooglePhone()).ToList();
        if (phones.Count == 0)
        {
            return null;
        }
        var labels = phones.Select(phone => keys.FindIndex(key => key == $"phone{phone.Number}label" || key == $"phone{phone.Number}type")).ToList();
        var mobiles = new int[phones.Count];
        foreach (var row in sample)
        {
            for (var i = 0; i < phones.Count; i++)
            {
                if (
                    labels[i] >= 0
                    && labels[i] < row.Count
                    && row[labels[i]].Contains("mobile", StringComparison.OrdinalIgnoreCase)
                    && phones[i].Index < row.Count
                    && row[phones[i].Index].Trim().Length > 0
                )
                {
                    mobiles[i]++;
                }
            }
        }
        var best = 0;
        for (var i = 1; i < phones.Count; i++)
        {
            if (mobiles[i] > mobiles[best])
            {
                best = i;
            }
        }
        return phones[best].Index;
    }

    private static IEnumerable<(int Number, int Index)> Numbered(List<string> keys, Regex pattern) =>
        keys.Select((key, index) => (Match: pattern.Match(key), Index: index))
            .Where(item => item.Match.Success)
            .Select(item => (Number: int.Parse(item.Match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), item.Index))
            .OrderBy(item => item.Number);

    [GeneratedRegex("^phone([0-9]{1,3})value$")]
    private static partial Regex GooglePhone();

    [GeneratedRegex("^email([0-9]{1,3})value$")]
    private static partial Regex GoogleEmail();
}
