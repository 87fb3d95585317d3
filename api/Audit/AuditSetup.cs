namespace ClientReminders.Audit;

public static class AuditSetup
{
    /// <summary>The per-account audit log; needs the storage clients registered.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services)
    {
        return services.AddSingleton<AuditLog>();
    }
}
