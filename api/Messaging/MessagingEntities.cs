namespace ClientReminders.Messaging;

/// <summary>
/// A client that has a mobile number (PartitionKey = keyed hash of the E.164 number under a global purpose, RowKey =
/// "{accountId}_{clientId}"), so an inbound SMS finds the accounts that could be its sender. Ids only.
/// </summary>
public sealed class ReplyRouteEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string AccountId { get; set; } = "";
    public string ClientId { get; set; } = "";
}

public static class ReplyKind
{
    public const string Stop = "stop";
    public const string Start = "start";
    public const string Help = "help";
    public const string Confirm = "confirm";
    public const string Cancel = "cancel";

    /// <summary>"I need to rearrange" from the answer page; texts cannot say it by keyword.</summary>
    public const string Rearrange = "rearrange";
    public const string Other = "other";
}

/// <summary>
/// An SMS a client sent back (PartitionKey = account id, RowKey = inverted ticks of its arrival + the provider's message
/// id, so the newest come first and a replayed event finds its row). Text holds a FieldCipher value.
/// </summary>
public sealed class ReplyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? ClientId { get; set; }
    public string? ReminderId { get; set; }
    public string Kind { get; set; } = ReplyKind.Other;
    public string? Text { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public bool Read { get; set; }

    /// <summary>Set once the reply has been acted on; a replay of a handled message does nothing.</summary>
    public bool Handled { get; set; }

    public string Id => RowKey;

    public static string RowKeyFor(DateTimeOffset receivedAt, string providerMessageId) =>
        $"{DateTimeOffset.MaxValue.UtcTicks - receivedAt.UtcTicks:D19}-{providerMessageId}";
}

/// <summary>What the latest delivery report said about an SMS reminder.</summary>
public static class DeliveryStatus
{
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Blocked = "blocked";

    /// <summary>Maps ACS deliveryStatus values (Delivered, Failed, Expired, Blocked, …) to ours.</summary>
    public static string FromAcs(string? status) =>
        status?.Trim().ToLowerInvariant() switch
        {
            "delivered" => Delivered,
            "blocked" or "optedout" or "opted out" => Blocked,
            _ => Failed,
        };
}
