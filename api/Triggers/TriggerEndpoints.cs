namespace ClientReminders.Triggers;

/// <summary>Maps the custom-handler endpoints <c>POST /{FunctionName}</c>: parse the host's payload, run the function, answer in the host's format.</summary>
public static class TriggerEndpoints
{
    public static RouteHandlerBuilder MapTimerTrigger<TFunction>(
        this IEndpointRouteBuilder app,
        string functionName,
        Func<TFunction, TimerInfo, CancellationToken, Task<string>> run
    )
        where TFunction : notnull
    {
        var trigger = RequireTrigger<TimerTrigger>(app, functionName);
        return MapInvocation(app, functionName, (request, services, cancellationToken) =>
        {
            var timer = request.Data.TryGetValue(trigger.BindingName, out var data)
                ? data.Deserialize<TimerInfo>(CustomHandlerJson.Options) ?? new TimerInfo()
                : new TimerInfo();
            return run(services.GetRequiredService<TFunction>(), timer, cancellationToken);
        });
    }

    public static RouteHandlerBuilder MapQueueTrigger<TFunction>(
        this IEndpointRouteBuilder app,
        string functionName,
        Func<TFunction, QueueInvocation, CancellationToken, Task<string>> run
    )
        where TFunction : notnull
    {
        var trigger = RequireTrigger<QueueTrigger>(app, functionName);
        return MapInvocation(app, functionName, (request, services, cancellationToken) =>
        {
            var text =
                request.Data.TryGetValue(trigger.BindingName, out var data) && data.ValueKind == JsonValueKind.String
                    ? data.GetString()!
                    : throw new InvalidInvocationException($"The payload has no string '{trigger.BindingName}' in Data.");
            var message = new QueueInvocation(
                text,
                MetadataString(request, "Id") ?? "",
                MetadataString(request, "DequeueCount") is { } count ? long.Parse(count, CultureInfo.InvariantCulture) : 1,
                MetadataString(request, "InsertionTime") is { } inserted ? DateTimeOffset.Parse(inserted, CultureInfo.InvariantCulture) : null
            );
            return run(services.GetRequiredService<TFunction>(), message, cancellationToken);
        });
    }

    private static RouteHandlerBuilder MapInvocation(
        IEndpointRouteBuilder app,
        string functionName,
        Func<InvocationRequest, IServiceProvider, CancellationToken, Task<string>> invoke
    ) =>
        app.MapPost($"/{functionName}", async (HttpContext context, ILoggerFactory loggers, CancellationToken cancellationToken) =>
            {
                var logger = loggers.CreateLogger($"Function.{functionName}");
                InvocationRequest? request;
                try
                {
                    request = await JsonSerializer.DeserializeAsync<InvocationRequest>(context.Request.Body, CustomHandlerJson.Options, cancellationToken);
                }
                catch (JsonException)
                {
                    request = null;
                }
                if (request is null)
                {
                    return Answer(StatusCodes.Status400BadRequest, $"{functionName}: the request body is not a custom-handler invocation.");
                }
                try
                {
                    var summary = await invoke(request, context.RequestServices, cancellationToken);
                    logger.LogInformation("{Function} succeeded: {Summary}", functionName, summary);
                    return Answer(StatusCodes.Status200OK, summary);
                }
                catch (InvalidInvocationException ex)
                {
                    logger.LogWarning("{Function} refused its payload: {Reason}", functionName, ex.Message);
                    return Answer(StatusCodes.Status400BadRequest, ex.Message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The exception type and message only: messages here never carry personal data, bodies might.
                    logger.LogError(ex, "{Function} failed", functionName);
                    return Answer(StatusCodes.Status500InternalServerError, $"{functionName} failed: {ex.GetType().Name}: {ex.Message}");
                }
            })
            .ExcludeFromDescription();

    private static IResult Answer(int status, string log) =>
        Results.Json(new InvocationResponse { Logs = [log] }, CustomHandlerJson.Options, statusCode: status);

    private static T RequireTrigger<T>(IEndpointRouteBuilder app, string functionName)
        where T : FunctionTrigger
    {
        var catalog = app.ServiceProvider.GetRequiredService<FunctionCatalog>();
        var function = catalog.Functions.FirstOrDefault(f => f.Name == functionName)
            ?? throw new InvalidOperationException($"No function.json declares '{functionName}'.");
        return function.Trigger as T
            ?? throw new InvalidOperationException(
                $"'{functionName}' is declared as {function.Trigger.GetType().Name} in {function.Source}, not {typeof(T).Name}."
            );
    }

    private static string? MetadataString(InvocationRequest request, string key) =>
        request.Metadata.FirstOrDefault(m => m.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value switch
        {
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
            _ => null,
        };
}

public sealed class InvalidInvocationException(string message) : Exception(message);
