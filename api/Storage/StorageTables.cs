namespace ClientReminders.Storage;

/// <param name="DayPartitions">PartitionKey is "{accountId}_{yyyyMMdd}" rather than the account id alone.</param>
/// <param name="AccountColumn">For tables partitioned by something else: the column holding the account id.</param>
public sealed record StorageTable(string Name, RetentionPolicy Retention, string Holds, bool DayPartitions = false, string? AccountColumn = null)
{
    /// <summary>Every row of one account: its partition, or for day-partitioned tables its range of partitions ('`' sorts right after '_').</summary>
    public string AccountFilter(string accountId) =>
        (DayPartitions, AccountColumn) switch
        {
            (true, _) => Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey gt {accountId + "_"} and PartitionKey lt {accountId + "`"}"),
            (_, { } column) => $"{column} eq " + Azure.Data.Tables.TableClient.CreateQueryFilter($"{accountId}"),
            _ => Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"),
        };

    public string AccountOf(string partitionKey) =>
        AccountColumn is null
            ? DayPartitions
                ? partitionKey[..partitionKey.LastIndexOf('_')]
                : partitionKey
            : throw new InvalidOperationException($"{Name} is not partitioned by account; read its {AccountColumn} column.");
}

/// <summary>Every table the app keeps, with what it holds and how long: the retention purge enforces exactly this list.</summary>
public static class StorageTables
{
    public static readonly StorageTable Accounts = new(
        "Accounts",
        RetentionPolicy.WhileAccountExists(),
        "One row per business owner: business and owner name, email, country, time zone, password hash, plan. Deleted by the purge after the account closes."
    );

    public static readonly StorageTable AccountEmails = new(
        "AccountEmails",
        RetentionPolicy.ManagedBy("closing an account or confirming a new email deletes its row at once"),
        "Keyed hash of each owner's email pointing at the account id, for sign-in. No address in the clear."
    );

    public static readonly StorageTable Sessions = new(
        "Sessions",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(1), "ExpiresAt"),
        "Signed-in browsers: hash of the session id, account id, times. Revoked ones stop working at once; rows go a day after they expire."
    );

    public static readonly StorageTable AuthTokens = new(
        "AuthTokens",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(1), "ExpiresAt"),
        "Pending sign-ups, password resets and email changes: the hash of the emailed link and what it confirms. Gone a day after the link expires."
    );

    public static readonly StorageTable DataKeys = new(
        "DataKeys",
        RetentionPolicy.WhileAccountExists(),
        "Each account's data keys (one row per version), wrapped by the master key. Deleting them at closure makes any copy of the account's encrypted data unreadable."
    );

    public static readonly StorageTable Clients = new(
        "Clients",
        RetentionPolicy.WhileAccountExists(),
        "The owner's clients (rows c:<id>): name, mobile number and email, each encrypted with the account's data key; status and timestamps. Beside each, lookup rows (m:/e:<keyed hash>:<id>) to find a client by number or spot duplicates without storing either; written and deleted in the same transaction as the client."
    );

    public static readonly StorageTable Imports = new(
        "Imports",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(30), "CreatedAt").AndWhileAccountExists(),
        "CSV imports: progress, counts and the owner's consent confirmation (who, when, which import). Kept 30 days."
    );

    public static readonly StorageTable ImportRows = new(
        "ImportRows",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(30), "CreatedAt").AndWhileAccountExists(),
        "An uploaded CSV file, encrypted in chunks, until its import has run (then deleted); and, for the import's report, the line, client name (encrypted) and reason of each row rejected, skipped or imported without its mobile, without the rest of their content, for 30 days; a skipped or email-only row loses the name at once when its client is deleted or anonymised."
    );

    public static readonly StorageTable Appointments = new(
        "Appointments",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(365), "StartUtc").AndWhileAccountExists(),
        "Appointments entered by the owner: client id, local start and end with their time zone, and title, location and notes encrypted with the account's key. Kept a year after they happen."
    );

    public static readonly StorageTable ReminderRules = new(
        "ReminderRules",
        RetentionPolicy.WhileAccountExists(),
        "The owner's reminder rules: channel, how long before, quiet hours, keyword. No personal data."
    );

    public static readonly StorageTable MessageTemplates = new(
        "MessageTemplates",
        RetentionPolicy.WhileAccountExists(),
        "The owner's SMS and email templates and what reminders may include (title, location, description)."
    );

    public static readonly StorageTable Reminders = new(
        "Reminders",
        RetentionPolicy.DeleteDaysAfter(months: 12).AndWhileAccountExists(),
        "One row per appointment, rule and announced start, one per change notice, and one per client of a direct message (its text encrypted with the account's key): when it is due, its state, and once sent the provider's id, the segments, the recipient and text encrypted with the account's key, and a keyed hash of the location it showed, if any. Beside them in each partition, the day's kept counts of what its messages became (numbers by day and channel, and the ids of the appointments reminded; no names, numbers or text). One partition per account and day due; a day's partition is deleted whole 12 months after that day.",
        DayPartitions: true
    );

    public static readonly StorageTable RetentionRuns = new(
        "RetentionRuns",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(400), "RanAt"),
        "One row per retention purge: when it ran and how many rows it deleted from each table. No personal data."
    );

    public static readonly StorageTable AuditLog = new(
        "AuditLog",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(365), "At").AndWhileAccountExists(deleteOnlyWhere: "Event ne 'AccountClosed'"),
        "One row per security event on an account (sign-in, password or email change, export, closure): when, what, the client's network (IPv4 /24, IPv6 /48) and user agent. Never passwords or tokens. A closed account keeps only its closure record, for 12 months."
    );

    public static readonly StorageTable ReplyRoutes = new(
        "ReplyRoutes",
        RetentionPolicy.WhileAccountExists(),
        "Per mobile number (a keyed hash, no number in the clear), the accounts and clients that have it, so an SMS reply finds its account. Ids only; written and removed with the client's number, gone with a closed account.",
        AccountColumn: "AccountId"
    );

    public static readonly StorageTable Replies = new(
        "Replies",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(365), "ReceivedAt").AndWhileAccountExists(),
        "SMS replies from clients (STOP, HELP, confirmations, free text): client and reminder ids, the kind, the text encrypted with the account's key, whether read. Kept 12 months."
    );

    public static readonly StorageTable Conversations = new(
        "Conversations",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(365), "At").AndWhileAccountExists(),
        "Each client's conversation in order: one row per message sent to them or received from them, pointing at the reminder or reply row that holds it (ids, kind, channel, time); only our automatic answers to STOP, START and HELP keep their text here, encrypted with the account's key. Kept 12 months after the message; deleted at once when the client is deleted or anonymised."
    );

    public static readonly StorageTable ConversationThreads = new(
        "ConversationThreads",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(365), "LastAt").AndWhileAccountExists(),
        "One row per client who wrote back or was answered from the app: when they last wrote, when the owner last read and answered, and a preview of the latest message encrypted with the account's key. Deleted 12 months after its latest message, and at once with the client's data."
    );

    public static readonly StorageTable OwnerAlerts = new(
        "OwnerAlerts",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(30), "At").AndWhileAccountExists(),
        "Which alerts an owner wants and how often (one settings row), when the last alert email went (one row), and the events waiting for the next email: kind, client and appointment ids, the appointment's time and when it happened. No names or texts. An event row goes once its email is sent, or after 30 days."
    );

    public static readonly StorageTable CalendarConnections = new(
        "CalendarConnections",
        RetentionPolicy.WhileAccountExists(),
        "Connected Microsoft 365 / Outlook accounts: the mailbox name and MSAL's token cache (access and refresh tokens), both encrypted with the account's key, and whether the connection needs reconnecting. Disconnecting deletes the row at once."
    );

    public static readonly StorageTable CalendarConnectRequests = new(
        "CalendarConnectRequests",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(1), "ExpiresAt").AndWhileAccountExists(),
        "Microsoft sign-ins in progress: a hash of the OAuth state, the browser session that started it and the PKCE verifier (encrypted). Used once; gone a day after it expires."
    );

    public static readonly StorageTable CalendarSources = new(
        "CalendarSources",
        RetentionPolicy.WhileAccountExists(),
        "Calendars chosen for reminders: the calendar's id and name (encrypted), matching options, the sync window, Graph's delta link (encrypted), and for iCalendar feeds the private address (encrypted), the feed's ETag and a keyed hash of its last contents. Deleted when the calendar is deselected, disconnected or removed."
    );

    public static readonly StorageTable GraphSubscriptions = new(
        "GraphSubscriptions",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(1), "ExpiresAt").AndWhileAccountExists(),
        "Per Microsoft Graph change-notification subscription: the account and calendar it watches, a SHA-256 of its clientState secret (never the secret), when it expires and when a sync was last asked for. Ids and times only; deleted with its calendar, and a day after it expires unrenewed.",
        AccountColumn: "AccountId"
    );

    public static readonly StorageTable CalendarEvents = new(
        "CalendarEvents",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(365), "StartUtc").AndWhileAccountExists(),
        "Calendar events seen in chosen calendars: keyed hashes of the event and series ids, times, subject and location (encrypted), a link to the event, and the appointment it became or why it waits for review. Deleted with their calendar, and a year after they happen."
    );

    public static readonly StorageTable CalendarAssignments = new(
        "CalendarAssignments",
        RetentionPolicy.WhileAccountExists(),
        "The owner's answers in the calendar review list: for an event or a series (keyed hashes), the client it is with or \"ignore\". Deleted with their calendar."
    );

    public static readonly StorageTable AccountNotices = new(
        "AccountNotices",
        RetentionPolicy.DeleteAfter(TimeSpan.FromDays(400), "SentAt").AndWhileAccountExists(),
        "Which plan emails an owner was sent (80% of an allowance, allowance used up, trial ended), one row per kind and month so each goes once, whether the owner sent themselves a test message, and whether they put the first-run checklist away. Ids and dates only; kept 13 months."
    );

    public static IReadOnlyList<StorageTable> All { get; } =
    [
        Accounts,
        AccountEmails,
        Sessions,
        AuthTokens,
        AuditLog,
        DataKeys,
        Clients,
        Imports,
        ImportRows,
        Appointments,
        ReminderRules,
        MessageTemplates,
        Reminders,
        RetentionRuns,
        ReplyRoutes,
        Replies,
        Conversations,
        ConversationThreads,
        OwnerAlerts,
        CalendarConnections,
        CalendarConnectRequests,
        CalendarSources,
        GraphSubscriptions,
        CalendarEvents,
        CalendarAssignments,
        AccountNotices,
    ];
}
