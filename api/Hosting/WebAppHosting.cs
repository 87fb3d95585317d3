using Microsoft.Extensions.FileProviders;

namespace ClientReminders.Hosting;

/// <summary>
/// Locally the API also serves the built single-page app, with the same fallback and security headers that
/// Azure Static Web Apps applies from staticwebapp.config.json, so what we test is what ships.
/// </summary>
public static class WebAppHosting
{
    public static WebApplication UseWebApp(this WebApplication app)
    {
        var config = LoadHeaders(app.Configuration["WebApp:ConfigFile"] ?? FindUpwards("staticwebapp.config.json", app.Environment.ContentRootPath));
        app.Use(
            (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    return next(context);
                }
                var path = context.Request.Path.Value ?? "/";
                context.Response.OnStarting(() =>
                {
                    foreach (var (name, value) in config.For(path))
                    {
                        context.Response.Headers[name] = value;
                    }
                    return Task.CompletedTask;
                });
                return next(context);
            }
        );

        // Any method on an unknown /api path is a 404 problem, whether or not the web app is served here. Both fallbacks take
        // a RequestDelegate: the request delegate generator maps MapFallback(pattern, Delegate) to its default pattern.
        app.MapFallback("/api/{**rest}", context =>
            Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API endpoint.").ExecuteAsync(context)
        );

        var root = app.Configuration["WebApp:Root"] ?? FindUpwards(Path.Combine("web", "dist"), app.Environment.ContentRootPath);
        if (root is null || !Directory.Exists(root))
        {
            app.Logger.LogInformation("No built web app found; serving the API only");
            return app;
        }
        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        app.UseStaticFiles(
            new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = context =>
                    context.Context.Response.Headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets")
                        ? "public, max-age=31536000, immutable"
                        : "no-cache",
            }
        );
        app.MapFallback("{*path:nonfile}", context =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return Results.File(files.GetFileInfo("index.html").CreateReadStream(), "text/html; charset=utf-8").ExecuteAsync(context);
            })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        return app;
    }

    /// <summary>The global headers, and the routes that set their own: the first route matching a path overrides those it names.</summary>
    private sealed record HeaderConfig(Dictionary<string, string> Global, IReadOnlyList<(string Route, Dictionary<string, string> Headers)> Routes)
    {
        public IEnumerable<KeyValuePair<string, string>> For(string path)
        {
            var match = Routes.FirstOrDefault(r =>
                r.Route.EndsWith('*')
                    ? path.StartsWith(r.Route[..^1], StringComparison.OrdinalIgnoreCase)
                    : string.Equals(path, r.Route, StringComparison.OrdinalIgnoreCase)
            );
            if (match.Headers is null)
            {
                return Global;
            }
            var merged = new Dictionary<string, string>(Global, StringComparer.OrdinalIgnoreCase);
            foreach (var (name, value) in match.Headers)
            {
                merged[name] = value;
            }
            return merged;
        }
    }

    private static HeaderConfig LoadHeaders(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return new([], []);
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        static Dictionary<string, string> Read(JsonElement headers) =>
            headers.EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString() ?? "", StringComparer.OrdinalIgnoreCase);
        var global = document.RootElement.TryGetProperty("globalHeaders", out var headers) ? Read(headers) : [];
        var routes = document.RootElement.TryGetProperty("routes", out var list)
            ? list.EnumerateArray()
                .Where(r => r.TryGetProperty("route", out _) && r.TryGetProperty("headers", out _))
                .Select(r => (r.GetProperty("route").GetString() ?? "", Read(r.GetProperty("headers"))))
                .ToList()
            : [];
        return new(global, routes);
    }

    private static string? FindUpwards(string relativePath, string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relativePath);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
