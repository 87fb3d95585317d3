using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace ClientReminders.Tests.Infrastructure;

public sealed record ApiRoute(string Method, string Path, Endpoint Endpoint)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Every route the app maps under /api, read from its EndpointDataSource, so new routes are covered without listing them.</summary>
public static partial class ApiRoutes
{
    public static IReadOnlyList<ApiRoute> All(TestApp app) =>
        app
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e =>
                (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new ApiRoute(
                    method,
                    Concrete(e.RoutePattern.RawText!),
                    e
                ))
            )
            .ToList();

    public static IReadOnlyList<ApiRoute> StateChanging(TestApp app) => All(app).Where(r => r.Method is not ("GET" or "HEAD" or "OPTIONS")).ToList();

    // "/api/clients/{id}" becomes "/api/clients/x"; a trailing slash from a group's "/" is dropped.
    private static string Concrete(string pattern)
    {
        var path = Parameter().Replace("/" + pattern.TrimStart('/'), "x");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
