namespace ClientReminders.Calendars;

/// <summary>Calendar sync settings (section <c>Calendars</c>), for every kind of calendar source.</summary>
public sealed class CalendarOptions
{
    [Range(1, 90)]
    public int DefaultLookAheadDays { get; set; } = 30;

    /// <summary>A tag in an event's subject that keeps it out of reminders.</summary>
    [Required]
    public string NoRemindTag { get; set; } = "#noremind";

    /// <summary>Calendars synced at once across all accounts, so one slow mailbox does not hold up the others.</summary>
    [Range(1, 64)]
    public int MaxConcurrentCalendars { get; set; } = 8;

    /// <summary>Events of one page applied at once, so a big calendar's first sync is not one storage round trip after another.</summary>
    [Range(1, 32)]
    public int MaxConcurrentEventsPerCalendar { get; set; } = 8;

    /// <summary>Ask Graph to tell us of Outlook changes as they happen (a subscription per calendar), so they arrive in seconds.</summary>
    public bool ChangeNotifications { get; set; } = true;

    /// <summary>How often a calendar Graph tells us about is scanned anyway (the safety net for a lost notification).</summary>
    public TimeSpan PollWhileSubscribed { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often a calendar without a working subscription is scanned.</summary>
    public TimeSpan PollWithoutSubscription { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Notifications for one calendar within this time become one delta request.</summary>
    public TimeSpan NotificationCoalescing { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// The Microsoft identity platform and Graph (section <c>Graph</c>). Without a client id and secret (the local default)
/// Outlook calendars are off and the connect button says so; tests and staging point the two URLs at fakes.
/// </summary>
public sealed class GraphOptions
{
    [Required]
    public Uri BaseUrl { get; set; } = new("https://graph.microsoft.com/v1.0");

    /// <summary>The multi-tenant authority; MSAL insists on https.</summary>
    [Required]
    public Uri Authority { get; set; } = new("https://login.microsoftonline.com/common");

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Where Microsoft sends the owner back; defaults to <c>{App:PublicBaseUrl}/api/calendars/microsoft/callback</c>.</summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>Graph allows 4 concurrent requests per mailbox.</summary>
    [Range(1, 4)]
    public int MaxConcurrentRequestsPerMailbox { get; set; } = 4;

    /// <summary>
    /// Development only: the SHA-256 thumbprint of a self-signed certificate to trust for the authority and Graph,
    /// so the browser tests can run the app against a local fake of Microsoft's cloud. Ignored in any other environment.
    /// </summary>
    public string? DevelopmentCertificateThumbprint { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public static readonly string[] Scopes = ["Calendars.Read", "User.Read"];
}
