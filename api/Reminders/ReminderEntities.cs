namespace ClientReminders.Reminders;

public static class ReminderChannel
{
    public const string Sms = "sms";
    public const string Email = "email";
    public const string SmsOrEmail = "sms-or-email";

    public static bool IsValid(string? channel) => channel is Sms or Email or SmsOrEmail;
}

public static class ReminderKind
{
    public const string Reminder = "reminder";
    public const string Direct = "direct";
}

public static class ReminderStatus
{
    public const string Scheduled = "scheduled";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";
}

/// <summary>A reminder rule of an account (PartitionKey = account id, RowKey = rule id).</summary>
public sealed class ReminderRuleEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Channel { get; set; } = ReminderChannel.Sms;
    public int OffsetMinutes { get; set; }
    public string? WindowStart { get; set; }
    public string? WindowEnd { get; set; }
    public string? Keyword { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public string Id => RowKey;
}

/// <summary>
/// The one reminder of an (appointment, rule) pair: PartitionKey = account id + "_" + the UTC day it is due, RowKey =
/// that day + "-" + appointment id + "-" + rule id, so planning twice can never make two (see <see cref="ReminderKeys"/>).
/// Version is bumped by every change; a queue message for another version does nothing.
/// </summary>
public sealed class ReminderEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>"reminder" for an (appointment, rule) pair; "direct" for a one-off message, which has neither.</summary>
    public string Kind { get; set; } = ReminderKind.Reminder;

    public string AppointmentId { get; set; } = "";
    public int AppointmentVersion { get; set; }
    public string RuleId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string RuleChannel { get; set; } = ReminderChannel.Sms;
    public string? Channel { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset AppointmentStartUtc { get; set; }
    public string Status { get; set; } = ReminderStatus.Scheduled;
    public string? Reason { get; set; }
    public int Version { get; set; }

    /// <summary>The version a queue message was sent for; the planner timer queues the rest as they come within a week.</summary>
    public int QueuedVersion { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>When the sweep last queued this reminder again (<see cref="StuckReminderSweeper"/>).</summary>
    public DateTimeOffset? SweptAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
    public string? ProviderMessageId { get; set; }
    public int? Segments { get; set; }
    public string? To { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }

    /// <summary>
    /// While scheduled, what the message needs of its appointment (local start, and title, location and notes as FieldCipher
    /// values), copied by the planner with every change so the sender need not read the appointment; cleared once finished.
    /// </summary>
    public string? AppointmentStart { get; set; }
    public string? AppointmentTitle { get; set; }
    public string? AppointmentLocation { get; set; }
    public string? AppointmentNotes { get; set; }

    /// <summary>A reminder no longer scheduled keeps nothing of its appointment.</summary>
    public void ForgetAppointment() => (AppointmentStart, AppointmentTitle, AppointmentLocation, AppointmentNotes) = (null, null, null, null);

    /// <summary>A direct message's text and email subject as the owner wrote them (placeholders unfilled), FieldCipher values.</summary>
    public string? DirectText { get; set; }
    public string? DirectSubject { get; set; }

    /// <summary>From the latest SMS delivery report (delivered, failed, blocked); DeliveredAt is that report's time.</summary>
    public string? DeliveryStatus { get; set; }
    public string? DeliveryDetails { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    public string Id => RowKey;

    public string AccountId => ReminderKeys.AccountOf(PartitionKey);

    public static string IdFor(DateTimeOffset dueAt, string appointmentId, string ruleId) => $"{ReminderKeys.Day(dueAt)}-{appointmentId}-{ruleId}";

    public static string DirectIdFor(DateTimeOffset dueAt, string batchId, string clientId) => $"{ReminderKeys.Day(dueAt)}-dm-{batchId}-{clientId}";
}

/// <summary>The send queue's message: ids and the version it was planned for, never content.</summary>
/// <remarks>Round counts how often the message was queued again because a claim outlived the queue's retries.</remarks>
public sealed record SendReminderMessage(string AccountId, string ReminderId, int Version, int Round = 0);
