namespace ClientReminders.Dashboard;

/// <param name="DeliveryStatus">From the latest SMS delivery report: delivered, failed or blocked.</param>
public sealed record AgendaReminder(string Id, ReminderChannel Channel, DateTimeOffset DueAt, ReminderStatus Status, string? DeliveryStatus, string? Reason);

/// <param name="Start">Local date-time in the appointment's own zone.</param>
/// <param name="Response">The client's answer: confirmed or cancellation-requested.</param>
public sealed record AgendaAppointment(
    string Id,
    string ClientId,
    string ClientName,
    string Start,
    string End,
    string TimeZone,
    string Title,
    string Status,
    string? Response,
    IReadOnlyList<AgendaReminder> Reminders
);

/// <param name="Date">The day in the owner's time zone, YYYY-MM-DD.</param>
public sealed record AgendaDay(string Date, IReadOnlyList<AgendaAppointment> Appointments);

public sealed record FailedMessage(string Id, string ClientId, string ClientName, ReminderChannel Channel, DateTimeOffset At, string Reason);

public sealed record BouncedClient(string ClientId, string ClientName, DateTimeOffset At, string Reason);

public sealed record CalendarToReconnect(string Id, string Mailbox);

public sealed record NeedsAttention(
    IReadOnlyList<FailedMessage> Failed,
    int FailedCount,
    int UnmatchedEvents,
    IReadOnlyList<CalendarToReconnect> Calendars,
    IReadOnlyList<BouncedClient> Bounced,
    int UnreadReplies
);

/// <summary>Appointments whose client got a reminder in the last 30 days, and how many of them answered.</summary>
public sealed record ConfirmationRate(int Reminded, int Confirmed, int CancellationRequested);

/// <summary>The first steps; <c>Show</c> until the owner dismisses it (or the account is 90 days old), <c>AllDone</c> once every step is.</summary>
public sealed record Checklist(bool ClientsAdded, bool CalendarOrAppointment, bool TemplatesChecked, bool TestSent, bool Show, bool AllDone);

public sealed record DashboardResponse(
    string Today,
    IReadOnlyList<AgendaDay> Days,
    NeedsAttention Attention,
    IReadOnlyList<HistoryDay> Daily,
    ConfirmationRate Confirmation,
    PlanResponse Plan,
    Checklist Checklist
);

/// <param name="Mobile">For a test SMS: the number to text (the owner's own); a test email goes to the account's address.</param>
public sealed record TestMessageRequest(string? Channel, string? Mobile);

public sealed record TestMessageResponse(ReminderChannel Channel, string To, string Message);
