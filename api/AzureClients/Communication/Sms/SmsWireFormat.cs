namespace ClientReminders.AzureClients.Communication.Sms;

internal sealed record SmsSendRequest(string From, IReadOnlyList<SmsRecipient> SmsRecipients, string Message, SmsSendRequestOptions? SmsSendOptions);

internal sealed record SmsRecipient(string To, string RepeatabilityRequestId, string RepeatabilityFirstSent);

internal sealed record SmsSendRequestOptions(bool EnableDeliveryReport, string? Tag);

internal sealed record SmsSendResponse(IReadOnlyList<SmsSendResponseItem> Value);

internal sealed record SmsSendResponseItem(
    string To,
    string? MessageId,
    int HttpStatusCode,
    string? RepeatabilityResult,
    bool Successful,
    string? ErrorMessage
);
