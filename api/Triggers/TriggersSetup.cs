namespace ClientReminders.Triggers;

public static class TriggersSetup
{
    /// <summary>Set by the Functions host when it starts us as its custom handler.</summary>
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static WebApplicationBuilder ListenOnCustomHandlerPort(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[CustomHandlerPortVariable] is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        return builder;
    }

    public static WebApplicationBuilder AddTriggers(this WebApplicationBuilder builder)
    {
        var functionRoots = new[] { Path.Combine(AppContext.BaseDirectory, "functions") }.Concat(
            builder.Configuration.GetSection("Triggers:FunctionDirectories").Get<string[]>() ?? []
        );
        var host = HostSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"), builder.Configuration);
        builder.Services.AddSingleton(FunctionCatalog.Load(functionRoots, name => builder.Configuration[name]));
        builder.Services.AddSingleton(host);

        var hostIsPresent = builder.Configuration[CustomHandlerPortVariable] is { Length: > 0 };
        if (!hostIsPresent && builder.Configuration.GetValue("Triggers:LocalDriver", true))
        {
            builder.Services.AddHttpClient<TriggerInvoker>(http => http.Timeout = host.FunctionTimeout);
            builder.Services.AddHostedService<LocalTriggerDriver>();
        }
        return builder;
    }
}
