namespace ClientReminders.AzureClients.Communication.Sms;

public sealed class SmsClientOptions(SmsClientOptions.ServiceVersion version = SmsClientOptions.LatestVersion) : CommunicationClientOptions
{
    internal const ServiceVersion LatestVersion = ServiceVersion.V1;

    public enum ServiceVersion
    {
        V1 = 1,
    }

    internal string ApiVersion { get; } =
        version switch
        {
            ServiceVersion.V1 => "2021-03-07",
            _ => throw new ArgumentOutOfRangeException(nameof(version)),
        };
}
