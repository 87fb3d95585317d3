using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClientReminders.Email;

public static class EmailSetup
{
    /// <summary>The in-memory dev outbox, registered as itself (for tests and a dev page) and as the email sender.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services
            .AddSingleton<DevOutbox>()
            .AddSingleton<IEmailSender>(provider => provider.GetRequiredService<DevOutbox>());
    }
}
