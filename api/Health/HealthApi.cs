using System.Diagnostics;
using System.Reflection;
using Azure.Storage.Queues;

namespace ClientReminders.Health;

public sealed record HealthCheck(string Name, string Status, long DurationMs, string? Error);

public sealed record HealthReport(string Status, string Version, IReadOnlyList<HealthCheck> Checks);

public static class HealthApi
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static string Version { get; } =
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/health", async (TableServiceClient tables, QueueServiceClient queues, CancellationToken cancellationToken) =>
        {
            var checks = await Task.WhenAll(
                CheckAsync(
                    "tables",
                    "Table service",
                    async token =>
                    {
                        try
                        {
                            await tables
                                .GetTableClient(StorageTables.RetentionRuns.Name)
                                .GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: token);
                        }
                        catch (RequestFailedException ex) when (ex.Status == 404)
                        {
                            // A missing table still proves the service answered and accepted our credentials.
                        }
                    },
                    cancellationToken
                ),
                CheckAsync("queues", "Queue service", token => queues.GetQueueClient("health-probe").ExistsAsync(token), cancellationToken)
            );
            var healthy = checks.All(c => c.Status == "Healthy");
            var report = new HealthReport(healthy ? "Healthy" : "Unhealthy", Version, checks);
            return Results.Json(report, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return api;
    }

    private static async Task<HealthCheck> CheckAsync(string name, string service, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await probe(timeout.Token);
            return new HealthCheck(name, "Healthy", stopwatch.ElapsedMilliseconds, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheck(name, "Unhealthy", stopwatch.ElapsedMilliseconds, $"{service} did not answer within {CheckTimeout.TotalSeconds:0} seconds.");
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, cancellationToken))
        {
            return new HealthCheck(name, "Unhealthy", stopwatch.ElapsedMilliseconds, $"{service} unreachable: {ex.Message}");
        }
    }
}
