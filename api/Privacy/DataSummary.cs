namespace ClientReminders.Privacy;

public sealed record DataCategory(string Key, string Name, string Description, int? Count, string Retention);

public sealed record DataSummaryResponse(IReadOnlyList<DataCategory> Categories, DateTimeOffset GeneratedAt);

/// <summary>Every category of data held for an account and its clients, with counts and how long each is kept.</summary>
public sealed class DataSummary(TableClients tables, ClientDirectory directory, CalendarData calendarData, TimeProvider time)
{
    public async Task<DataSummaryResponse> ForAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var clients = (await directory.GetAsync(account, cancellationToken)).Clients;
        var calendars = await calendarData.CountAsync(account.Id, cancellationToken);
        var categories = new List<DataCategory>
        {
            new(
                "account",
                "Your account",
                "Business name, your name, email, country, time zone, plan, and your password as a PBKDF2 hash (never the password itself).",
                1,
                "Until you close the account; then deleted within 7 days."
            ),
            new(
                "clients",
                "Clients",
                "Each client's name, mobile number and email, encrypted with your account's own key, and their status.",
                clients.Count,
                "Until you delete or anonymise the client, or close the account."
            ),
            new(
                "client-lookups",
                "Client lookup codes",
                "Keyed one-way codes of clients' numbers and emails, used to spot duplicates and match replies. They cannot be turned back into numbers or addresses.",
                clients.Count(c => c.Mobile is not null) + clients.Count(c => c.Email is not null),
                "Deleted with the client."
            ),
            new(
                "imports",
                "CSV imports",
                "When you imported, the file name, counts, rejected line numbers and reasons, and your consent confirmation. The file itself is deleted once imported.",
                await CountAsync(StorageTables.Imports, TableClient.CreateQueryFilter($"PartitionKey eq {account.Id}"), cancellationToken),
                "30 days."
            ),
            new(
                "sessions",
                "Signed-in sessions",
                "A one-way code of each session's cookie, with its start and expiry times.",
                await CountAsync(StorageTables.Sessions, TableClient.CreateQueryFilter($"AccountId eq {account.Id}"), cancellationToken),
                "Until you sign out or the session expires (12 hours, or 30 days with \"remember me\"), then a day."
            ),
            new(
                "appointments",
                "Appointments",
                "Each appointment's client, time and time zone, with its title, location and notes encrypted with your account's key.",
                await CountAsync(StorageTables.Appointments, TableClient.CreateQueryFilter($"PartitionKey eq {account.Id}"), cancellationToken),
                "A year after the appointment, or until the account is closed."
            ),
            new(
                "reminders",
                "Reminders and messages",
                "Each reminder and direct message: when it was due, its status, and once sent the recipient and text encrypted with your account's key.",
                await CountAsync(StorageTables.Reminders, ReminderKeys.AccountFilter(account.Id), cancellationToken),
                "12 months after it was due to be sent."
            ),
            new(
                "replies",
                "Replies from clients",
                "Texts clients sent back (STOP, confirmations and messages), encrypted with your account's key.",
                await CountAsync(StorageTables.Replies, TableClient.CreateQueryFilter($"PartitionKey eq {account.Id}"), cancellationToken),
                "12 months."
            ),
            new(
                "conversations",
                "Conversations",
                "Each client's messages both ways in order (pointers to the reminders and replies above; our automatic answers to STOP, START and HELP with their text, encrypted), and per client when they last wrote and when you read and answered.",
                await CountAsync(StorageTables.Conversations, TableClient.CreateQueryFilter($"PartitionKey eq {account.Id}"), cancellationToken),
                "12 months after each message."
            ),
            new(
                "alerts",
                "Alerts waiting to be emailed to you",
                "What came in since your last alert email (kind, client and appointment ids, when), and your alert settings. No names or texts.",
                await CountAsync(
                    StorageTables.OwnerAlerts,
                    TableClient.CreateQueryFilter($"PartitionKey eq {account.Id} and RowKey ge {OwnerAlertEntity.Prefix} and RowKey lt {"e."}"),
                    cancellationToken
                ),
                "Until the email goes, 30 days at most."
            ),
            new(
                "settings",
                "Reminder rules and templates",
                "When reminders go out, your message templates and what they may include. No personal data.",
                await CountAsync(StorageTables.ReminderRules, TableClient.CreateQueryFilter($"PartitionKey eq {account.Id}"), cancellationToken)
                    + await CountAsync(StorageTables.MessageTemplates, TableClient.CreateQueryFilter($"PartitionKey eq {account.Id}"), cancellationToken),
                "Until the account is closed."
            ),
            new(
                "calendar-connections",
                "Connected Microsoft accounts",
                "Each connected Outlook / Microsoft 365 mailbox's address and its sign-in tokens, encrypted with your account's key, and whether it needs reconnecting; and a Microsoft sign-in while it is in progress. Tokens are never shown or exported.",
                calendars.Connections + calendars.SignInsInProgress,
                "Until you disconnect the mailbox or close the account; an unfinished sign-in a day after it expired."
            ),
            new(
                "calendars",
                "Calendars and iCalendar feeds",
                "The calendars you chose and the feeds you added: their names and, for feeds, the private address (both encrypted), matching options and when they last synced. Feed addresses are shown and exported only as their web site, since anyone with the full address can read the calendar.",
                calendars.Calendars,
                "Until you deselect or remove the calendar, disconnect its mailbox, or close the account."
            ),
            new(
                "calendar-subscriptions",
                "Outlook change subscriptions",
                "One per chosen Outlook calendar, so Microsoft tells us of its changes in seconds: the calendar, when it expires, and a hash of its secret (never the secret itself).",
                await CountAsync(StorageTables.GraphSubscriptions, StorageTables.GraphSubscriptions.AccountFilter(account.Id), cancellationToken),
                "While the calendar is chosen; a day after it lapses unrenewed."
            ),
            new(
                "calendar-events",
                "Calendar events",
                "Events read from your calendars: their times, subject and location (encrypted), a link to the event, and the appointment each became or why it waits in the review list.",
                calendars.Events,
                "A year after the event, or until its calendar is removed or the account is closed."
            ),
            new(
                "calendar-assignments",
                "Review-list answers",
                "For an event or a whole series from your calendars: the client you said it is with, or that you ignore it.",
                calendars.Assignments,
                "Until its calendar is removed or the account is closed."
            ),
            new(
                "audit",
                "Security log",
                "Sign-ins, password and email changes, exports and deletions: when, your network (shortened IP address) and browser.",
                await CountAsync(StorageTables.AuditLog, TableClient.CreateQueryFilter($"PartitionKey eq {account.Id}"), cancellationToken),
                "12 months."
            ),
            new(
                "keys",
                "Encryption keys",
                "Your account's data keys, themselves encrypted with our master key, which is kept outside this data store.",
                await CountAsync(StorageTables.DataKeys, TableClient.CreateQueryFilter($"PartitionKey eq {account.Id}"), cancellationToken),
                "Until the account is closed; deleting them makes any leftover copy of your data unreadable."
            ),
        };
        return new DataSummaryResponse(categories, time.GetUtcNow());
    }

    private async Task<int> CountAsync(StorageTable table, string filter, CancellationToken cancellationToken)
    {
        var client = await tables.GetAsync(table, cancellationToken);
        var count = 0;
        await foreach (var _ in client.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }
        return count;
    }
}
