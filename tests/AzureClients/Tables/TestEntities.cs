using Azure;
using ClientReminders.AzureClients.Tables;

namespace ClientReminders.Tests.AzureClients.Tables;

public sealed class ClientEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Name { get; set; }

    public int? Visits { get; set; }
}

public enum Channel
{
    Sms,
    Email,
}

public sealed class AllTypesEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Text { get; set; }

    public int Int32 { get; set; }

    public long Int64 { get; set; }

    public bool Flag { get; set; }

    public double Double { get; set; }

    public double WholeDouble { get; set; }

    public DateTimeOffset Moment { get; set; }

    public DateTime UtcDateTime { get; set; }

    public Guid Id { get; set; }

    public byte[]? Bytes { get; set; }

    public Channel Channel { get; set; }

    public int? MissingNumber { get; set; }

    public long? NullableInt64 { get; set; }

    public Guid? NullableGuid { get; set; }
}
