namespace ClientReminders.Alerts;

public static class AlertsApi
{
    public static IServiceCollection AddAlerts(this IServiceCollection services) => services.AddSingleton<AlertSettingsStore>().AddSingleton<OwnerAlerts>();

    public static RouteGroupBuilder MapAlerts(this WebApplication app)
    {
        var settings = app.MapGroup("/api/settings/alerts").RequireAuthorization();
        settings.MapGet("/", GetSettings);
        settings.MapPut("/", SaveSettings);

        app.MapQueueTrigger<OwnerAlerts>("SendOwnerAlerts", (alerts, message, ct) => alerts.RunAsync(message, ct));
        return settings;
    }

    private static async Task<Ok<AlertSettings>> GetSettings(HttpContext context, AlertSettingsStore settings, CancellationToken ct) =>
        TypedResults.Ok(await settings.GetAsync(context.SignedInAccount().Id, ct));

    private static async Task<Ok<AlertSettings>> SaveSettings(
        AlertSettingsInput input,
        HttpContext context,
        AlertSettingsStore settings,
        CancellationToken ct
    ) => TypedResults.Ok(await settings.SaveAsync(context.SignedInAccount().Id, input, ct));
}
