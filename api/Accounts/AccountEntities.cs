namespace ClientReminders.Accounts;

public static class AccountStatus
{
    public const string Active = "Active";
    public const string Closed = "Closed";
}

/// <summary>One business owner's account: PartitionKey is the account id, so everything of an account lives under it.</summary>
public sealed class AccountEntity : ITableEntity
{
    public const string Row = "account";

    /// <summary>A copy to hand to one request: requests change the entity they were given before saving it.</summary>
    public AccountEntity Copy() => (AccountEntity)MemberwiseClone();

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string BusinessName { get; set; } = "";

    /// <summary>Shown to clients in reminders (placeholders and the email footer); optional.</summary>
    public string? BusinessAddress { get; set; }
    public string? BusinessPhone { get; set; }

    public string OwnerName { get; set; } = "";
    public string Email { get; set; } = "";
    public string? PendingEmail { get; set; }
    public string Country { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string Status { get; set; } = AccountStatus.Active;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Bumped to revoke every session of the account at once.</summary>
    public int SessionEpoch { get; set; }

    public string PlanCode { get; set; } = "";
    public DateTimeOffset? PlanEndsAt { get; set; }
    public int SmsAllowance { get; set; }

    /// <summary>Emails a month; null for accounts made before email had an allowance, which get their plan's.</summary>
    public int? EmailAllowance { get; set; }

    /// <summary>Bumped whenever the account's clients change, so cached client lists know they are stale.</summary>
    public long ClientsVersion { get; set; }

    public string Id => PartitionKey;
}

/// <summary>Finds an account by email through a keyed hash of the address: PartitionKey is that hash.</summary>
public sealed class AccountEmailEntity : ITableEntity
{
    public const string Row = "email";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string AccountId { get; set; } = "";
}

/// <summary>A signed-in browser: PartitionKey is the hash of the session id in the cookie.</summary>
public sealed class SessionEntity : ITableEntity
{
    public const string Row = "session";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string AccountId { get; set; } = "";
    public int Epoch { get; set; }
    public bool RememberMe { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int IdleMinutes { get; set; }
}

public static class AuthTokenKind
{
    public const string SignUp = "SignUp";
    public const string PasswordReset = "PasswordReset";
    public const string EmailChange = "EmailChange";
}

/// <summary>An emailed single-use link: PartitionKey is the hash of the token; the token itself is only in the email.</summary>
public sealed class AuthTokenEntity : ITableEntity
{
    public const string Row = "token";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public string? AccountId { get; set; }

    /// <summary>The new address for an email change, or the sign-up's address.</summary>
    public string? Email { get; set; }

    public string? BusinessName { get; set; }
    public string? OwnerName { get; set; }
    public string? Country { get; set; }
    public string? TimeZone { get; set; }
    public string? PasswordHash { get; set; }
}
