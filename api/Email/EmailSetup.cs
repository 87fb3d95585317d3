using ClientReminders.Reminders;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClientReminders.Email;

public static class EmailSetup
{
    /// <summary>
    /// The in-memory dev outbox, always registered as itself (tests and the dev page read it); it is the email sender unless
    /// Azure Communication Services is configured (<c>Acs:*</c>), when emails go through the ACS email client AddReminders registers.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration? configuration = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DevOutbox>();
        var acs = configuration?.GetSection("Acs").Get<AcsOptions>() ?? new AcsOptions();
        return acs.IsConfigured
            ? services.AddSingleton<IEmailSender, AcsEmailSender>()
            : services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<DevOutbox>());
    }
}
