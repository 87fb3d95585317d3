namespace ClientReminders.AzureClients.Communication.Email;

/// <summary>Retry.DelayAsync also paces status polling, so tests can record every wait instead of sleeping.</summary>
public sealed class EmailClientOptions(EmailClientOptions.ServiceVersion version = EmailClientOptions.LatestVersion) : CommunicationClientOptions
{
    internal const ServiceVersion LatestVersion = ServiceVersion.V2023_03_31;

    public enum ServiceVersion
    {
        V2023_03_31 = 1,
    }

    internal string ApiVersion { get; } =
        version switch
        {
            ServiceVersion.V2023_03_31 => "2023-03-31",
            _ => throw new ArgumentOutOfRangeException(nameof(version)),
        };
}
