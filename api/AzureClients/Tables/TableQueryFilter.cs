using System.Globalization;

namespace ClientReminders.AzureClients.Tables;

// Every interpolated value becomes an OData literal, so user input can never change the shape of a query.
internal static class TableQueryFilter
{
    public static string Create(FormattableString filter) =>
        string.Format(CultureInfo.InvariantCulture, filter.Format, filter.GetArguments().Select(Literal).ToArray());

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string text => Quote(text),
        char character => Quote(character.ToString()),
        bool flag => flag ? "true" : "false",
        int or short or byte or sbyte or ushort => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        long or uint => $"{Convert.ToString(value, CultureInfo.InvariantCulture)}L",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        float number => ((double)number).ToString("R", CultureInfo.InvariantCulture),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset moment => $"datetime'{TableEntityJson.FormatDate(moment)}'",
        DateTime moment => $"datetime'{TableEntityJson.FormatDate(TableEntityJson.AsUtc(moment))}'",
        Guid guid => $"guid'{guid}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        BinaryData data => $"X'{Convert.ToHexStringLower(data.ToArray())}'",
        Enum enumValue => Quote(enumValue.ToString()),
        _ => Quote(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Quote(string text) => $"'{text.Replace("'", "''")}'";
}
