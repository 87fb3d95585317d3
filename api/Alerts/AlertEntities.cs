using System.Runtime.Serialization;

namespace ClientReminders.Alerts;

/// <summary>What came in that an owner may want to hear about at once.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertKind>))]
public enum AlertKind
{
    [JsonStringEnumMemberName("rearrange")]
    Rearrange,

    [JsonStringEnumMemberName("cancellation")]
    Cancellation,

    /// <summary>A message in the client's own words, which needs an answer.</summary>
    [JsonStringEnumMemberName("free-text")]
    FreeText,

    [JsonStringEnumMemberName("stop")]
    Stop,

    [JsonStringEnumMemberName("confirmation")]
    Confirmation,
}

/// <summary>
/// One event waiting for the account's next alert email (PartitionKey = account id, RowKey = "e-" + event key, fixed by
/// the event so a replay adds nothing). Ids and times only; names are read when the email is written.
/// </summary>
public sealed class OwnerAlertEntity : ITableEntity
{
    public const string Prefix = "e-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public AlertKind Kind
    {
        get => WireNames.Parse<AlertKind>(KindName);
        set => KindName = value.Name();
    }

    [DataMember(Name = nameof(Kind))]
    public string KindName { get; set; } = AlertKind.FreeText.Name();

    public string ClientId { get; set; } = "";
    public string? AppointmentId { get; set; }

    /// <summary>The appointment's local start ("yyyy-MM-ddTHH:mm"), as the owner sees it.</summary>
    public string? AppointmentStart { get; set; }

    /// <summary>"text" or "link": how the client answered.</summary>
    public string? Via { get; set; }

    /// <summary>Set when the appointment came from a calendar, which is where it is changed ("Outlook", "the calendar feed").</summary>
    public string? Calendar { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>When the account's last alert email went, and when the next one is due while one is on its way (RowKey "state").</summary>
public sealed class OwnerAlertStateEntity : ITableEntity
{
    public const string Row = "state";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset? LastSentAt { get; set; }
    public DateTimeOffset? PendingFor { get; set; }

    /// <summary>When a message for the pending batch was last put on the queue.</summary>
    public DateTimeOffset? LastQueuedAt { get; set; }
}
