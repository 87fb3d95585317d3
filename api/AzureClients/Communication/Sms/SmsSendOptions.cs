namespace ClientReminders.AzureClients.Communication.Sms;

public class SmsSendOptions(bool enableDeliveryReport)
{
    public bool EnableDeliveryReport { get; set; } = enableDeliveryReport;

    public string? Tag { get; set; }

    /// <summary>Not in the SDK: a caller-chosen repeatability id (e.g. from reminder id and version) so a send repeated after a crash is not delivered twice.</summary>
    public Guid? RepeatabilityRequestId { get; set; }

    /// <summary>Not in the SDK: when the logical send was first attempted; keep it with <see cref="RepeatabilityRequestId"/> (default: now).</summary>
    public DateTimeOffset? RepeatabilityFirstSent { get; set; }
}
