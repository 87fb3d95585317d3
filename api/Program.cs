using ClientReminders.AzureClients;
using ClientReminders.Health;
using ClientReminders.Hosting;
using ClientReminders.Retention;
using ClientReminders.Triggers;

public static partial class Program
{
    public static void Main(string[] args) => Build(args).Run();

    /// <summary>The whole app; tests build it through here too, adding their own services and trigger endpoints.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? mapExtra = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.ListenOnCustomHandlerPort();                             // the Functions host tells us our port
        builder.Services.AddProblemDetails();                            // errors as RFC 7807 problem details
        builder.Services.AddStorageClients(builder.Configuration);       // our Table and Queue adapters over AzureWebJobsStorage
        builder.AddTriggers();                                           // function.json catalog; local trigger driver when no host runs us
        builder.Services.AddRetention();                                 // every table's retention policy and the purge that enforces it
        configure?.Invoke(builder);

        var app = builder.Build();

        app.UseExceptionHandler();
        app.UseWebApp();                                                 // built SPA with Static Web Apps' headers and fallback, locally
        app.MapHealth();                                                 // GET /api/health
        app.MapRetentionPurge();                                         // timer: RetentionPurge
        mapExtra?.Invoke(app);

        return app;
    }
}
