namespace ClientReminders.Clients;

public static class ClientStatus
{
    public const string Active = "active";
    public const string Restricted = "restricted";
    public const string OptedOut = "opted-out";
    public const string Anonymised = "anonymised";
}

/// <summary>
/// A client of an account (PartitionKey = account id, RowKey = "c:" + client id). Name, Mobile and Email hold
/// FieldCipher values; MobileHash and EmailHash are the blind indexes of the lookup rows beside it.
/// </summary>
public sealed class ClientEntity : ITableEntity
{
    public const string RowPrefix = "c:";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Name { get; set; }
    public string? Mobile { get; set; }
    public string? Email { get; set; }
    public string? MobileHash { get; set; }

    /// <summary>The number's keyed hash under no account: the key of its reply route.</summary>
    public string? ReplyRouteKey { get; set; }
    public string? EmailHash { get; set; }
    public string Status { get; set; } = ClientStatus.Active;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? ImportId { get; set; }

    /// <summary>Unsubscribed from this account's email by its link; SMS still goes.</summary>
    public bool EmailOptedOut { get; set; }

    public string Id => RowKey[RowPrefix.Length..];

    public static string RowKeyFor(string clientId) => RowPrefix + clientId;
}

/// <summary>Points a blind index of a mobile ("m:") or email ("e:") at a client: RowKey = kind + hash + ":" + client id.</summary>
public sealed class ClientLookupEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ClientId { get; set; } = "";

    public static string MobilePrefix(string hash) => $"m:{hash}:";

    public static string EmailPrefix(string hash) => $"e:{hash}:";
}
