namespace ClientReminders.Calendars;

public sealed record MatchingSettings(
    bool MatchAttendeeEmail,
    bool MatchNameInSubject,
    bool MatchContactInText,
    bool CreateClients,
    bool IncludeAllDay,
    bool IncludeFree
)
{
    public static MatchingSettings Of(CalendarSourceEntity source) =>
        new(source.MatchAttendeeEmail, source.MatchNameInSubject, source.MatchContactInText, source.CreateClients, source.IncludeAllDay, source.IncludeFree);
}

/// <param name="LiveUpdates">Outlook tells us of this calendar's changes as they happen (a working subscription); otherwise it is checked every few minutes.</param>
public sealed record CalendarSourceResponse(
    string Id,
    string Kind,
    string Name,
    MatchingSettings Matching,
    DateTimeOffset? LastSyncAt,
    string? LastError,
    bool LiveUpdates = false
);

public sealed record ConnectionResponse(
    string Id,
    string Kind,
    string Mailbox,
    string Status,
    int LookAheadDays,
    DateTimeOffset ConnectedAt,
    IReadOnlyList<CalendarSourceResponse> Calendars
);

/// <summary>Configured says whether Outlook calendars can be connected; iCalendar feeds need no configuration.</summary>
public sealed record CalendarsOverview(bool Configured, IReadOnlyList<ConnectionResponse> Connections, int ReviewCount, IReadOnlyList<IcsFeedResponse> Feeds);

public sealed record ConnectStarted(string AuthorizeUrl);

public sealed record AvailableCalendar(string ExternalId, string Name, bool Selected, string? SourceId);

public sealed record AvailableCalendars(IReadOnlyList<AvailableCalendar> Calendars);

public sealed record CalendarChoice(string? ExternalId, bool Selected, MatchingSettings? Matching);

public sealed record CalendarChoices(IReadOnlyList<CalendarChoice>? Calendars, bool CancelFutureAppointments = false);

public sealed record ConnectionSettings(int? LookAheadDays);

public sealed record DisconnectInput(bool CancelFutureAppointments);

public sealed record DisconnectResult(int CancelledAppointments);

public sealed record SyncResult(int Calendars, int Failed);

public sealed record ReviewCandidate(string Id, string Name);

public sealed record ReviewItem(
    string Id,
    string SourceId,
    string CalendarName,
    string Subject,
    string Start,
    string End,
    string TimeZone,
    string Location,
    string? WebLink,
    string Reason,
    bool Recurring,
    IReadOnlyList<ReviewCandidate> Candidates
);

public sealed record ReviewList(IReadOnlyList<ReviewItem> Items);

public sealed record ReviewAnswer(string? ClientId, string? Scope);

public sealed record ReviewOutcome(int Appointments);
