using System.Globalization;
using System.Text.Json;
using Azure;

namespace ClientReminders.AzureClients.Tables;

// Enums are stored by name, like the official SDK; DateTime values of unspecified kind are taken as UTC.
internal static class TableEntityJson
{
    private const string TypeAnnotation = "@odata.type";

    public static byte[] Serialize(ITableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in Properties(entity))
            {
                WriteProperty(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static T Deserialize<T>(JsonElement json) where T : ITableEntity, new()
    {
        var values = ReadValues(json);
        if (typeof(T) == typeof(TableEntity))
        {
            return (T)(object)new TableEntity(values);
        }

        var entity = new T();
        foreach (var property in EntityProperties.For(typeof(T)))
        {
            if (values.TryGetValue(property.Name, out var value))
            {
                property.SetValue(entity, ConvertTo(value, property.PropertyType));
            }
        }

        entity.ETag = values.TryGetValue(TableConstants.ETagProperty, out var etag) ? new ETag((string)etag) : default;
        return entity;
    }

    private static IEnumerable<(string Name, object? Value)> Properties(ITableEntity entity) => entity is IDictionary<string, object> dictionary
        ? dictionary
            .Where(pair => pair.Key is not (TableConstants.ETagProperty or nameof(ITableEntity.Timestamp)))
            .Select(pair => (pair.Key, (object?)pair.Value))
        : EntityProperties.For(entity.GetType())
            .Where(property => property.Name != nameof(ITableEntity.Timestamp))
            .Select(property => (property.Name, property.GetValue(entity)));

    private static void WriteProperty(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                writer.WriteString(name, text);
                return;
            case int number:
                writer.WriteNumber(name, number);
                return;
            case bool flag:
                writer.WriteBoolean(name, flag);
                return;
            case long number:
                Annotated(writer, name, "Edm.Int64").WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                return;
            case double number when double.IsFinite(number):
                Annotated(writer, name, "Edm.Double").WriteNumber(name, number);
                return;
            case double number:
                Annotated(writer, name, "Edm.Double").WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                return;
            case DateTimeOffset moment:
                Annotated(writer, name, "Edm.DateTime").WriteString(name, FormatDate(moment));
                return;
            case DateTime moment:
                Annotated(writer, name, "Edm.DateTime").WriteString(name, FormatDate(AsUtc(moment)));
                return;
            case Guid guid:
                Annotated(writer, name, "Edm.Guid").WriteString(name, guid.ToString());
                return;
            case byte[] bytes:
                Annotated(writer, name, "Edm.Binary").WriteBase64String(name, bytes);
                return;
            case BinaryData data:
                Annotated(writer, name, "Edm.Binary").WriteBase64String(name, data.ToMemory().Span);
                return;
            case Enum enumValue:
                writer.WriteString(name, enumValue.ToString());
                return;
            default:
                throw new NotSupportedException($"Property '{name}' has type {value.GetType().Name}, which table entities cannot store.");
        }
    }

    private static Utf8JsonWriter Annotated(Utf8JsonWriter writer, string name, string edmType)
    {
        writer.WriteString(name + TypeAnnotation, edmType);
        return writer;
    }

    internal static string FormatDate(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset AsUtc(DateTime moment) => moment.Kind == DateTimeKind.Local
        ? new DateTimeOffset(moment.ToUniversalTime())
        : new DateTimeOffset(DateTime.SpecifyKind(moment, DateTimeKind.Utc));

    private static Dictionary<string, object> ReadValues(JsonElement json)
    {
        var values = new Dictionary<string, object>();
        foreach (var property in json.EnumerateObject())
        {
            if (property.Name.Contains(TypeAnnotation) || (property.Name.StartsWith("odata.") && property.Name != TableConstants.ETagProperty))
            {
                continue;
            }

            var edmType = json.TryGetProperty(property.Name + TypeAnnotation, out var annotation) ? annotation.GetString() : null;
            if (property.Name == nameof(ITableEntity.Timestamp))
            {
                edmType = "Edm.DateTime";
            }

            if (ReadValue(property.Value, edmType) is { } value)
            {
                values[property.Name] = value;
            }
        }

        return values;
    }

    private static object? ReadValue(JsonElement value, string? edmType) => (edmType, value.ValueKind) switch
    {
        (_, JsonValueKind.Null) => null,
        ("Edm.Int64", _) => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        ("Edm.Double", JsonValueKind.String) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        ("Edm.Double", _) => value.GetDouble(),
        ("Edm.DateTime", _) => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        ("Edm.Guid", _) => Guid.Parse(value.GetString()!),
        ("Edm.Binary", _) => value.GetBytesFromBase64(),
        (_, JsonValueKind.String) => value.GetString(),
        (_, JsonValueKind.True or JsonValueKind.False) => value.GetBoolean(),
        (_, JsonValueKind.Number) => IsWholeNumber(value) && value.TryGetInt32(out var number) ? (object)number : value.GetDouble(),
        _ => throw new NotSupportedException($"Unexpected table property value {value}."),
    };

    private static bool IsWholeNumber(JsonElement value) => value.GetRawText().All(c => char.IsAsciiDigit(c) || c == '-');

    private static object ConvertTo(object value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            _ when target.IsEnum => value is string name ? Enum.Parse(target, name) : Enum.ToObject(target, value),
            DateTimeOffset moment when target == typeof(DateTime) => moment.UtcDateTime,
            byte[] bytes when target == typeof(BinaryData) => new BinaryData(bytes),
            _ when target.IsInstanceOfType(value) => value,
            _ => System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
        };
    }
}
