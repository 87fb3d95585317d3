namespace ClientReminders.Hosting;

/// <summary>Headers for every API response, whoever serves it: nothing cached, sniffed, framed or run.</summary>
public static class ApiSecurityHeaders
{
    public static IApplicationBuilder UseApiSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(
            (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.OnStarting(() =>
                    {
                        var headers = context.Response.Headers;
                        headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                        headers.XContentTypeOptions = "nosniff";
                        headers.XFrameOptions = "DENY";
                        headers["Referrer-Policy"] = "no-referrer";
                        headers.CacheControl = "no-store";
                        return Task.CompletedTask;
                    });
                }
                return next(context);
            }
        );
}
