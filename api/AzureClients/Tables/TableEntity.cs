using System.Collections;
using Azure;

namespace ClientReminders.AzureClients.Tables;

public sealed class TableEntity : ITableEntity, IDictionary<string, object>
{
    private readonly Dictionary<string, object> properties;

    public TableEntity() => properties = [];

    public TableEntity(string partitionKey, string rowKey) : this()
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public TableEntity(IDictionary<string, object> values) => properties = new(values);

    public string PartitionKey
    {
        get => GetString(nameof(PartitionKey)) ?? "";
        set => properties[nameof(PartitionKey)] = value;
    }

    public string RowKey
    {
        get => GetString(nameof(RowKey)) ?? "";
        set => properties[nameof(RowKey)] = value;
    }

    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(nameof(Timestamp));
        set => Set(nameof(Timestamp), value);
    }

    public ETag ETag
    {
        get => GetString(TableConstants.ETagProperty) is { } etag ? new ETag(etag) : default;
        set => Set(TableConstants.ETagProperty, value == default ? null : value.ToString());
    }

    public object this[string key]
    {
        get => properties[key];
        set => Set(key, value);
    }

    public string? GetString(string key) => Get<string>(key);

    public int? GetInt32(string key) => GetValue<int>(key);

    public long? GetInt64(string key) => GetValue<long>(key);

    public bool? GetBoolean(string key) => GetValue<bool>(key);

    public double? GetDouble(string key) => GetValue<double>(key);

    public Guid? GetGuid(string key) => GetValue<Guid>(key);

    public byte[]? GetBinary(string key) => Get<byte[]>(key);

    public BinaryData? GetBinaryData(string key) => GetBinary(key) is { } bytes ? new BinaryData(bytes) : null;

    public DateTimeOffset? GetDateTimeOffset(string key) => properties.GetValueOrDefault(key) switch
    {
        null => null,
        DateTimeOffset value => value,
        DateTime value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)),
        var other => throw WrongType(key, other, typeof(DateTimeOffset)),
    };

    private T? Get<T>(string key) where T : class => properties.GetValueOrDefault(key) switch
    {
        null => null,
        T value => value,
        var other => throw WrongType(key, other, typeof(T)),
    };

    private T? GetValue<T>(string key) where T : struct => properties.GetValueOrDefault(key) switch
    {
        null => null,
        T value => value,
        int value when typeof(T) == typeof(long) => (T)(object)(long)value,
        int value when typeof(T) == typeof(double) => (T)(object)(double)value,
        var other => throw WrongType(key, other, typeof(T)),
    };

    private static InvalidOperationException WrongType(string key, object value, Type requested) =>
        new($"Property '{key}' holds a {value.GetType().Name}, not a {requested.Name}.");

    private void Set(string key, object? value)
    {
        if (value is null)
        {
            properties.Remove(key);
        }
        else
        {
            properties[key] = value;
        }
    }

    public ICollection<string> Keys => properties.Keys;

    public ICollection<object> Values => properties.Values;

    public int Count => properties.Count;

    public bool IsReadOnly => false;

    public void Add(string key, object value) => properties.Add(key, value);

    public bool ContainsKey(string key) => properties.ContainsKey(key);

    public bool Remove(string key) => properties.Remove(key);

    public bool TryGetValue(string key, out object value) => properties.TryGetValue(key, out value!);

    public void Add(KeyValuePair<string, object> item) => properties.Add(item.Key, item.Value);

    public void Clear() => properties.Clear();

    public bool Contains(KeyValuePair<string, object> item) => ((ICollection<KeyValuePair<string, object>>)properties).Contains(item);

    public void CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object>>)properties).CopyTo(array, arrayIndex);

    public bool Remove(KeyValuePair<string, object> item) => ((ICollection<KeyValuePair<string, object>>)properties).Remove(item);

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
