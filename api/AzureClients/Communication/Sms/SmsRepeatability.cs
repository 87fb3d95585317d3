namespace ClientReminders.AzureClients.Communication.Sms;

/// <summary>The repeatability id and first-sent time of each recipient, fixed once per logical send so every retry repeats them.</summary>
internal static class SmsRepeatability
{
    public static IReadOnlyList<SmsRecipient> Recipients(IReadOnlyList<string> to, SmsSendOptions? options, TimeProvider timeProvider)
    {
        var firstSent = (options?.RepeatabilityFirstSent ?? timeProvider.GetUtcNow()).ToString("R", CultureInfo.InvariantCulture);
        return to.Select(recipient => new SmsRecipient(recipient, RequestId(options?.RepeatabilityRequestId, recipient, to.Count).ToString(), firstSent))
            .ToList();
    }

    private static Guid RequestId(Guid? callerId, string recipient, int recipientCount) =>
        callerId switch
        {
            null => Guid.NewGuid(),
            { } id when recipientCount == 1 => id,
            { } id => Derived(id, recipient),
        };

    // A name-based (version 5 style) GUID, so each recipient of a caller-identified send keeps its own stable id.
    private static Guid Derived(Guid id, string recipient)
    {
        var hash = SHA1.HashData([.. id.ToByteArray(bigEndian: true), .. Encoding.UTF8.GetBytes(recipient)]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
