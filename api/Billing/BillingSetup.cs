namespace ClientReminders.Billing;

public static class BillingSetup
{
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services
            .AddOptions<OperatorOptions>()
            .BindConfiguration("Operator")
            .Validate(
                o => o.Key is null or "" || o.Key.Length >= OperatorKey.MinLength,
                $"Operator:Key must be at least {OperatorKey.MinLength} characters when set."
            )
            .ValidateOnStart();
        return services
            .AddSingleton<PlanCatalog>()
            .AddSingleton<PlanNotices>()
            .AddSingleton<PlanAllowances>()
            .AddSingleton<PlanChanges>()
            .AddSingleton<OperatorKey>();
    }
}
