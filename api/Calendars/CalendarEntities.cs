namespace ClientReminders.Calendars;

public static class ConnectionStatus
{
    public const string Connected = "connected";
    public const string NeedsReconnecting = "needs-reconnecting";
}

public static class SourceKind
{
    public const string Microsoft = "microsoft";
    public const string Ics = "ics";
}

/// <summary>A connected Microsoft account (PartitionKey = account id, RowKey = connection id). Mailbox and TokenCache are FieldCipher values.</summary>
public sealed class CalendarConnectionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = SourceKind.Microsoft;
    public string? Mailbox { get; set; }

    /// <summary>MSAL's serialized token cache (access and refresh tokens), encrypted.</summary>
    public string? TokenCache { get; set; }

    /// <summary>MSAL's home account id (object id and tenant id), which finds the tokens in the cache; encrypted.</summary>
    public string? HomeAccountId { get; set; }

    public string Status { get; set; } = ConnectionStatus.Connected;
    public DateTimeOffset? NeedsReconnectingEmailedAt { get; set; }
    public int LookAheadDays { get; set; }
    public DateTimeOffset ConnectedAt { get; set; }

    public string Id => RowKey;
}

/// <summary>An OAuth sign-in in progress (PartitionKey = account id, RowKey = hash of the state), bound to the browser session that started it.</summary>
public sealed class CalendarConnectRequestEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SessionHash { get; set; } = "";

    /// <summary>The PKCE code verifier, encrypted; only its S256 challenge left our side.</summary>
    public string? CodeVerifier { get; set; }

    /// <summary>The connection to reconnect, when this sign-in renews one.</summary>
    public string? ConnectionId { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// A calendar chosen for reminders (PartitionKey = account id, RowKey = source id), from any kind of source: Name,
/// DeltaLink (Graph's sync state, an opaque URL carrying a token) and FeedAddress are FieldCipher values.
/// </summary>
public sealed class CalendarSourceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Kind { get; set; } = SourceKind.Microsoft;
    public string ConnectionId { get; set; } = "";

    /// <summary>The calendar's id at its source (Graph calendar id).</summary>
    public string ExternalId { get; set; } = "";
    public string? Name { get; set; }

    public bool MatchAttendeeEmail { get; set; } = true;
    public bool MatchNameInSubject { get; set; } = true;
    public bool MatchContactInText { get; set; } = true;
    public bool CreateClients { get; set; }
    public bool IncludeAllDay { get; set; }
    public bool IncludeFree { get; set; }

    public string? DeltaLink { get; set; }

    /// <summary>
    /// A sync round cut short (function timeout, failure) resumes here: the encrypted @odata.nextLink of the next page,
    /// the round's id (on every event row it wrote), whether it is a full sync, and the window it was started for.
    /// </summary>
    public string? ResumeLink { get; set; }
    public string? ResumeRound { get; set; }
    public bool ResumeFull { get; set; }
    public DateTimeOffset? ResumeWindowStart { get; set; }
    public DateTimeOffset? ResumeWindowEnd { get; set; }

    /// <summary>An iCalendar feed's address (a secret: its path holds the private token), encrypted.</summary>
    public string? FeedAddress { get; set; }

    /// <summary>The feed's validators from the last fetch that was read in full, for a conditional GET.</summary>
    public string? FeedETag { get; set; }
    public DateTimeOffset? FeedLastModified { get; set; }

    /// <summary>A keyed hash of the feed's occurrences as last applied: an unchanged feed that answers 200 is not re-applied.</summary>
    public string? FeedFingerprint { get; set; }

    public DateTimeOffset? WindowStart { get; set; }
    public DateTimeOffset? WindowEnd { get; set; }

    /// <summary>The last sync attempt, whether or not it worked.</summary>
    public DateTimeOffset? LastSyncAt { get; set; }

    /// <summary>The last sync that read the calendar; older than <see cref="LastSyncAt"/> after a failure.</summary>
    public DateTimeOffset? LastSuccessAt { get; set; }

    /// <summary>True when the last attempt failed; <see cref="LastError"/> then says why (otherwise it is at most a note, e.g. skipped events).</summary>
    public bool LastSyncFailed { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// The Graph change-notification subscription on this Outlook calendar's events and when it expires; null while there is
    /// none (not yet made, or Graph refused it: <see cref="SubscriptionError"/> says why, and the calendar is polled often).
    /// </summary>
    public string? SubscriptionId { get; set; }
    public DateTimeOffset? SubscriptionExpiresAt { get; set; }
    public string? SubscriptionError { get; set; }

    /// <summary>While a scan runs, until when it holds the calendar (ETag-guarded), so a notification's scan and the timer's never overlap.</summary>
    public DateTimeOffset? SyncLeaseUntil { get; set; }

    public string Id => RowKey;

    /// <summary>Graph tells us of changes: the calendar needs only the slow safety-net poll.</summary>
    public bool IsSubscribed(DateTimeOffset now) => SubscriptionId is { Length: > 0 } && SubscriptionExpiresAt > now;
}

/// <summary>
/// A Graph subscription we made (PartitionKey = its id, RowKey = ""), so a notification finds its calendar: the account and
/// calendar ids, a SHA-256 of the random clientState Graph echoes (never the secret), when it expires, and when a sync was
/// last asked for (an ETag-guarded mark that folds a burst of notifications into one delta request).
/// </summary>
public sealed class GraphSubscriptionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string AccountId { get; set; } = "";
    public string SourceId { get; set; } = "";
    public string ClientStateHash { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? SyncRequestedAt { get; set; }
    public DateTimeOffset? LastNotificationAt { get; set; }

    public string Id => PartitionKey;
}

public static class EventState
{
    public const string Appointment = "appointment";
    public const string Review = "review";
    public const string Ignored = "ignored";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// An event seen in a calendar (PartitionKey = account id, RowKey = source id + ":" + hash of the event id): the normalized
/// event (Subject and Location encrypted), what became of it, and its appointment when it has one.
/// </summary>
public sealed class CalendarEventEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SourceId { get; set; } = "";

    /// <summary>The Outlook sync round that last wrote the row: a resumed full sync counts the rows of its round as seen.</summary>
    public string? SyncRound { get; set; }

    /// <summary>Keyed hashes of the occurrence (series and original start, or the event id) and of its series.</summary>
    public string EventKeyHash { get; set; } = "";
    public string? SeriesHash { get; set; }

    public string AppointmentId { get; set; } = "";
    public string State { get; set; } = EventState.Review;
    public string? Reason { get; set; }
    public string? CandidateClientIds { get; set; }

    public DateTimeOffset StartUtc { get; set; }
    public DateTimeOffset EndUtc { get; set; }
    public string TimeZone { get; set; } = "";
    public string? Subject { get; set; }
    public string? Location { get; set; }
    public string? WebLink { get; set; }
}

/// <summary>
/// The owner's answer for an event or a whole series (PartitionKey = account id, RowKey = source id + ":e:" or ":s:" + keyed hash):
/// the client it is with, or ignore.
/// </summary>
public sealed class CalendarAssignmentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SourceId { get; set; } = "";
    public string? ClientId { get; set; }
    public bool Ignore { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
