using System.Text.Json;
using Microsoft.AspNetCore.Routing;
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
        var headers = LoadGlobalHeaders(app.Configuration["WebApp:ConfigFile"] ?? FindUpwards("staticwebapp.config.json", app.Environment.ContentRootPath));
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                return next(context);
            }
            context.Response.OnStarting(() =>
            {
                foreach (var (name, value) in headers)
                {
                    context.Response.Headers[name] = value;
                }
                return Task.CompletedTask;
            });
            return next(context);
        });

        // Any method on an unknown /api path is a 404 problem, whether or not the web app is served here. Both fallbacks take
        // a RequestDelegate: the request delegate generator maps MapFallback(pattern, Delegate) to its default pattern.
        app.MapFallback("/api/{**rest}", context => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such API endpoint.").ExecuteAsync(context));

        var root = app.Configuration["WebApp:Root"] ?? FindUpwards(Path.Combine("web", "dist"), app.Environment.ContentRootPath);
        if (root is null || !Directory.Exists(root))
        {
            app.Logger.LogInformation("No built web app found; serving the API only");
            return app;
        }
        var files = new PhysicalFileProvider(Path.GetFullPath(root));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache",
        });
        app.MapFallback("{*path:nonfile}", context =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return Results.File(files.GetFileInfo("index.html").CreateReadStream(), "text/html; charset=utf-8").ExecuteAsync(context);
            })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        return app;
    }

    private static IReadOnlyList<(string Name, string Value)> LoadGlobalHeaders(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return [];
        }
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("globalHeaders", out var headers)
            ? headers.EnumerateObject().Select(h => (h.Name, h.Value.GetString() ?? "")).ToList()
            : [];
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
