using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClientReminders.Audit;

public static class AuditSetup
{
    /// <summary>The per-account audit log; needs the storage clients registered.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services.AddSingleton<AuditLog>();
    }
}
