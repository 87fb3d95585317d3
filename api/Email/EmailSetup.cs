namespace ClientReminders.Email;

public static class EmailSetup
{
    /// <summary>
    /// The in-memory dev outbox, always registered as itself (tests and the dev page read it); it is the email sender unless
    /// Azure Communication Services is configured (<see cref="AzureClients.Communication.AcsSetup.AddCommunication"/> decides).
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services) => services.AddSingleton<DevOutbox>();
}
