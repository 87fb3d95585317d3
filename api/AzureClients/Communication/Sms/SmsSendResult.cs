namespace ClientReminders.AzureClients.Communication.Sms;

/// <summary>The outcome for one recipient; a recipient the service refused has <see cref="Successful"/> false, not an exception.</summary>
public sealed record SmsSendResult
{
    public required string To { get; init; }

    public string? MessageId { get; init; }

    public int HttpStatusCode { get; init; }

    public bool Successful { get; init; }

    public string? ErrorMessage { get; init; }
}
