namespace ClientReminders.Audit;

public sealed record AuditEntry(DateTimeOffset At, string Event, string? Ip, string? UserAgent, string? Detail);
