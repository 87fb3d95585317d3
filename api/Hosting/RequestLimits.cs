namespace ClientReminders.Hosting;

public static class RequestLimits
{
    /// <summary>The default for every request; endpoints that take files raise it for themselves.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    public static WebApplicationBuilder LimitRequestSizes(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxBodyBytes);
        return builder;
    }
}
