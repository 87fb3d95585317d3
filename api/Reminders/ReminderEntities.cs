using System.Runtime.Serialization;

namespace ClientReminders.Reminders;

/// <summary>How a rule reaches clients; a reminder's own channel is only ever <see cref="Sms"/> or <see cref="Email"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReminderChannel>))]
public enum ReminderChannel
{
    [JsonStringEnumMemberName("sms")]
    Sms,

    [JsonStringEnumMemberName("email")]
    Email,

    [JsonStringEnumMemberName("sms-or-email")]
    SmsOrEmail,
}

/// <summary>A reminder of an (appointment, rule) pair, or a one-off direct message, which has neither.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReminderKind>))]
public enum ReminderKind
{
    [JsonStringEnumMemberName("reminder")]
    Reminder,

    [JsonStringEnumMemberName("direct")]
    Direct,

    /// <summary>"Send me a test" from the dashboard: the owner's own template sent to the owner.</summary>
    [JsonStringEnumMemberName("test")]
    Test,

    /// <summary>A change notice: the client was told of an appointment that has since moved or been cancelled.</summary>
    [JsonStringEnumMemberName("notice")]
    Notice,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReminderStatus>))]
public enum ReminderStatus
{
    [JsonStringEnumMemberName("scheduled")]
    Scheduled,

    [JsonStringEnumMemberName("sending")]
    Sending,

    [JsonStringEnumMemberName("sent")]
    Sent,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("skipped")]
    Skipped,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}

/// <summary>A reminder rule of an account (PartitionKey = account id, RowKey = rule id).</summary>
public sealed class ReminderRuleEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public ReminderChannel Channel
    {
        get => WireNames.Parse<ReminderChannel>(ChannelName);
        set => ChannelName = value.Name();
    }

    [DataMember(Name = nameof(Channel))]
    public string ChannelName { get; set; } = ReminderChannel.Sms.Name();

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

    [IgnoreDataMember]
    public ReminderKind Kind
    {
        get => WireNames.Parse<ReminderKind>(KindName);
        set => KindName = value.Name();
    }

    [DataMember(Name = nameof(Kind))]
    public string KindName { get; set; } = ReminderKind.Reminder.Name();

    public string AppointmentId { get; set; } = "";
    public int AppointmentVersion { get; set; }
    public string RuleId { get; set; } = "";
    public string ClientId { get; set; } = "";

    [IgnoreDataMember]
    public ReminderChannel RuleChannel
    {
        get => WireNames.Parse<ReminderChannel>(RuleChannelName);
        set => RuleChannelName = value.Name();
    }

    [DataMember(Name = nameof(RuleChannel))]
    public string RuleChannelName { get; set; } = ReminderChannel.Sms.Name();

    /// <summary>The channel the reminder goes (or went) by: sms or email; unknown while its client cannot be reached.</summary>
    [IgnoreDataMember]
    public ReminderChannel? Channel
    {
        get => WireNames.ParseOrNull<ReminderChannel>(ChannelName);
        set => ChannelName = value?.Name();
    }

    [DataMember(Name = nameof(Channel))]
    public string? ChannelName { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset AppointmentStartUtc { get; set; }

    [IgnoreDataMember]
    public ReminderStatus Status
    {
        get => WireNames.Parse<ReminderStatus>(StatusName);
        set => StatusName = value.Name();
    }

    [DataMember(Name = nameof(Status))]
    public string StatusName { get; set; } = ReminderStatus.Scheduled.Name();
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

    /// <summary>What this row adds to its partition's kept counts (<see cref="ReminderContribution"/>), written in the same transaction as them.</summary>
    public string? CountedAs { get; set; }

    public string Id => RowKey;

    public string AccountId => ReminderKeys.AccountOf(PartitionKey);

    /// <summary>
    /// The reminder of a rule for one start of an appointment: a move makes a new one, and the one that went out for the old
    /// start stays as it was. Rows planned before starts were part of the id have no stamp (<see cref="LegacyIdFor"/>).
    /// </summary>
    public static string IdFor(DateTimeOffset dueAt, string appointmentId, string ruleId, DateTimeOffset announcedStart) =>
        $"{LegacyIdFor(dueAt, appointmentId, ruleId)}-{announcedStart.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}";

    public static string LegacyIdFor(DateTimeOffset dueAt, string appointmentId, string ruleId) => $"{ReminderKeys.Day(dueAt)}-{appointmentId}-{ruleId}";

    /// <summary>A change notice, one per appointment version that started one; later changes within its wait update it.</summary>
    public static string NoticeIdFor(DateTimeOffset dueAt, string appointmentId, int appointmentVersion) =>
        $"{ReminderKeys.Day(dueAt)}-{appointmentId}-notice-{appointmentVersion.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>For a change notice: whether it tells of a move or a cancellation.</summary>
    [IgnoreDataMember]
    public NoticeKind? Notice
    {
        get => WireNames.ParseOrNull<NoticeKind>(NoticeName);
        set => NoticeName = value?.Name();
    }

    [DataMember(Name = nameof(Notice))]
    public string? NoticeName { get; set; }

    /// <summary>Once sent: a keyed hash of the location the message showed, if it showed one; a later change of location alone is then told.</summary>
    public string? ToldLocation { get; set; }

    /// <summary>Sent, being sent, or tried and failed: the client may have been told, so it is never replaced or sent again.</summary>
    [IgnoreDataMember]
    public bool WentOut => Status is ReminderStatus.Sent or ReminderStatus.Sending or ReminderStatus.Failed;

    public static string DirectIdFor(DateTimeOffset dueAt, string batchId, string clientId) => $"{ReminderKeys.Day(dueAt)}-dm-{batchId}-{clientId}";
}

/// <summary>The send queue's message: ids and the version it was planned for, never content.</summary>
/// <remarks>Round counts how often the message was queued again because a claim outlived the queue's retries.</remarks>
public sealed record SendReminderMessage(string AccountId, string ReminderId, int Version, int Round = 0);
