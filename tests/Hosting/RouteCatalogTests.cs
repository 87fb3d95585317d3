using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace ClientReminders.Tests.Hosting;

/// <summary>
/// Every API route with whether it needs a session and which rate limit guards it, held against routes.txt beside this
/// file: a route added, removed, opened up or unthrottled shows in review. And Program.cs's comments name only routes
/// that exist, so they cannot drift from what is mapped.
/// </summary>
public partial class RouteCatalogTests
{
    private static readonly string CatalogFile = Path.Combine(Repository.Root, "tests", "Hosting", "routes.txt");

    private static string Describe(ApiRoute route)
    {
        var metadata = route.Endpoint.Metadata;
        var signIn = metadata.GetMetadata<IAuthorizeData>() is not null && metadata.GetMetadata<IAllowAnonymous>() is null ? "session" : "public";
        var limit = metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? "none";
        return $"{route.Method} {route.Path} | {signIn} | rate limit: {limit}";
    }

    [Fact]
    public async Task EveryApiRouteIsInTheCatalogWithItsSignInAndRateLimit()
    {
        await using var app = await Owners.StartAppAsync();

        var mapped = ApiRoutes.All(app).Select(Describe).Distinct().Order(StringComparer.Ordinal).ToList();
        var listed = File.ReadAllLines(CatalogFile).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

        Assert.Equal(listed, mapped);
    }

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"(?:(?<methods>(?:GET|POST|PUT|DELETE|PATCH)(?:/(?:GET|POST|PUT|DELETE|PATCH))*) )?(?<path>/api/[A-Za-z0-9/{}_*.-]*[A-Za-z0-9}*])")]
    private static partial Regex NamedRoute();

    [Fact]
    public async Task ProgramsCommentsNameOnlyRoutesThatAreMapped()
    {
        await using var app = await Owners.StartAppAsync();
        var routes = ApiRoutes.All(app);
        var program = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "api", "Program.cs"));

        var named = Comment().Matches(program).SelectMany(comment => NamedRoute().Matches(comment.Value)).ToList();

        Assert.True(named.Count > 20, $"only {named.Count} routes named in Program.cs's comments");
        Assert.All(named, name =>
        {
            var path = Regex.Replace(name.Groups["path"].Value, @"\{[^}]*\}", "x");
            var methods = name.Groups["methods"].Success ? name.Groups["methods"].Value.Split('/') : null;
            bool Matches(ApiRoute route) =>
                (
                    path.EndsWith("/*", StringComparison.Ordinal)
                        ? route.Path.StartsWith(path[..^1], StringComparison.Ordinal) || route.Path == path[..^2]
                        : route.Path == path
                ) && (methods is null || methods.Contains(route.Method));
            Assert.True(routes.Any(Matches), $"Program.cs names \"{name.Value}\", which is not mapped");
            if (methods is not null)
            {
                Assert.All(methods, method =>
                    Assert.True(routes.Any(r => r.Method == method && Matches(r)), $"Program.cs names {method} {path}, which is not mapped")
                );
            }
        });
    }
}
