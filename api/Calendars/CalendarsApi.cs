using ClientReminders.Calendars.Microsoft;

namespace ClientReminders.Calendars;

public static class CalendarsApi
{
    public static RouteGroupBuilder MapCalendars(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        if (!app.ServiceProvider.GetRequiredService<IOptions<GraphOptions>>().Value.IsConfigured)
        {
            // Owners are only told Outlook is not available here; what to set is for whoever runs the server.
            app.ServiceProvider.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(CalendarsApi))
                .LogWarning("Outlook calendars are off: set Graph:ClientId and Graph:ClientSecret to an Entra application (README, Outlook calendars)");
        }
        var calendars = api.MapGroup("/calendars").RequireAuthorization();
        calendars.MapGet("/", async Task<Ok<CalendarsOverview>> (HttpContext context, CalendarSources sources, CancellationToken ct) =>
            TypedResults.Ok(await sources.OverviewAsync(context.SignedInAccount(), ct))
        );

        calendars.MapPost(
            "/microsoft/connect",
            async Task<Results<Ok<ConnectStarted>, ProblemHttpResult>> (
                string? reconnect,
                HttpContext context,
                MicrosoftConnections connections,
                CancellationToken ct
            ) =>
            {
                if (!connections.IsConfigured)
                {
                    return NotConfigured();
                }
                var url = await connections.BeginAsync(context.SignedInAccount(), context.User.SessionHash(), reconnect, ct);
                return TypedResults.Ok(new ConnectStarted(url.ToString()));
            }
        );

        // Microsoft sends the browser here (a top-level GET, so the Lax session cookie comes along); the state ties it to this session.
        calendars.MapGet(
            "/microsoft/callback",
            async Task<RedirectHttpResult> (
                string? code,
                string? state,
                string? error,
                HttpContext context,
                MicrosoftConnections connections,
                CalendarSync sync,
                ILoggerFactory logs,
                CancellationToken ct
            ) =>
            {
                if (!connections.IsConfigured)
                {
                    return TypedResults.Redirect("/calendars?error=not-configured");
                }
                if (error is { Length: > 0 })
                {
                    return TypedResults.Redirect(error == "access_denied" ? "/calendars?error=declined" : "/calendars?error=failed");
                }
                try
                {
                    var connection = await connections.CompleteAsync(context.SignedInAccount(), context.User.SessionHash(), code, state, ct);
                    return TypedResults.Redirect($"/calendars?connected={connection.Id}");
                }
                catch (ConnectFailedException exception)
                {
                    logs.CreateLogger(typeof(CalendarsApi)).LogWarning("A Microsoft sign-in did not complete: {Reason}", exception.Message);
                    return TypedResults.Redirect("/calendars?error=failed");
                }
            }
        );

        calendars.MapGet(
            "/connections/{id}/calendars",
            async Task<Results<Ok<AvailableCalendars>, NotFound, ProblemHttpResult>> (
                string id,
                HttpContext context,
                CalendarSources sources,
                MicrosoftConnections connections,
                CancellationToken ct
            ) =>
                await Reconnecting<AvailableCalendars>(
                    context,
                    connections,
                    id,
                    async () => await sources.AvailableAsync(context.SignedInAccount(), id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound(),
                    ct
                )
        );

        calendars.MapPut(
            "/connections/{id}/calendars",
            async Task<Results<Ok<AvailableCalendars>, NotFound, ProblemHttpResult>> (
                string id,
                CalendarChoices input,
                HttpContext context,
                CalendarSources sources,
                MicrosoftConnections connections,
                CancellationToken ct
            ) =>
                await Reconnecting<AvailableCalendars>(
                    context,
                    connections,
                    id,
                    async () =>
                        await sources.ChooseAsync(context.SignedInAccount(), id, input, ct) is { } chosen ? TypedResults.Ok(chosen) : TypedResults.NotFound(),
                    ct
                )
        );

        calendars.MapPut(
            "/connections/{id}",
            async Task<Results<Ok<ConnectionResponse>, NotFound>> (
                string id,
                ConnectionSettings input,
                HttpContext context,
                CalendarSources sources,
                CancellationToken ct
            ) => await sources.SetLookAheadAsync(context.SignedInAccount(), id, input, ct) is { } updated ? TypedResults.Ok(updated) : TypedResults.NotFound()
        );

        calendars.MapPost(
            "/connections/{id}/disconnect",
            async Task<Results<Ok<DisconnectResult>, NotFound>> (
                string id,
                DisconnectInput input,
                HttpContext context,
                CalendarSources sources,
                CancellationToken ct
            ) =>
                await sources.DisconnectAsync(context.SignedInAccount(), id, input.CancelFutureAppointments, ct) is { } result
                    ? TypedResults.Ok(result)
                    : TypedResults.NotFound()
        );

        calendars.MapPost("/sync", async Task<Ok<SyncResult>> (HttpContext context, CalendarSync sync, CancellationToken ct) =>
        {
            var outcome = await sync.SyncAccountAsync(context.SignedInAccount().Id, ct);
            return TypedResults.Ok(new SyncResult(outcome.Calendars, outcome.Failed));
        });

        calendars.MapGet("/review", async Task<Ok<ReviewList>> (HttpContext context, CalendarSources sources, CancellationToken ct) =>
            TypedResults.Ok(await sources.ReviewAsync(context.SignedInAccount(), ct))
        );
        calendars.MapPost(
            "/review/{id}/assign",
            async Task<Results<Ok<ReviewOutcome>, NotFound>> (
                string id,
                ReviewAnswer answer,
                HttpContext context,
                CalendarSources sources,
                CancellationToken ct
            ) =>
                await sources.AnswerAsync(context.SignedInAccount(), id, answer, ignore: false, ct) is { } outcome
                    ? TypedResults.Ok(outcome)
                    : TypedResults.NotFound()
        );
        calendars.MapPost(
            "/review/{id}/ignore",
            async Task<Results<Ok<ReviewOutcome>, NotFound>> (
                string id,
                ReviewAnswer answer,
                HttpContext context,
                CalendarSources sources,
                CancellationToken ct
            ) =>
                await sources.AnswerAsync(context.SignedInAccount(), id, answer, ignore: true, ct) is { } outcome
                    ? TypedResults.Ok(outcome)
                    : TypedResults.NotFound()
        );

        // Graph's change and lifecycle notifications: no session, the subscription's secret decides (GraphNotifications).
        var graphHooks = app.MapGroup(GraphSubscriptions.NotificationPath).RequireRateLimiting(AccountsApi.WebhookRateLimit);
        graphHooks.MapPost("/", (HttpContext context, GraphNotifications notifications, CancellationToken ct) => notifications.ReceiveAsync(context, ct));
        graphHooks.MapPost("/lifecycle", (HttpContext context, GraphNotifications notifications, CancellationToken ct) =>
            notifications.ReceiveAsync(context, ct)
        );
        app.MapQueueTrigger<GraphNotifications>("SyncCalendarChanges", (notifications, message, ct) => notifications.RunAsync(message, ct));

        app.MapTimerTrigger<CalendarSync>("SyncCalendars", async (sync, _, ct) =>
        {
            var outcome = await sync.SyncAllAsync(ct);
            return $"synced {outcome.Calendars} calendar(s), {outcome.Failed} failed";
        });
        return api;
    }

    private static ProblemHttpResult NotConfigured() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Outlook connection is not available on this server yet.",
            detail: "Outlook calendars cannot be connected here yet. You can add appointments by hand or add a calendar by its private address meanwhile."
        );

    private static async Task<Results<Ok<T>, NotFound, ProblemHttpResult>> Reconnecting<T>(
        HttpContext context,
        MicrosoftConnections connections,
        string id,
        Func<Task<Results<Ok<T>, NotFound, ProblemHttpResult>>> action,
        CancellationToken ct
    )
    {
        try
        {
            return await action();
        }
        catch (ReconnectRequiredException)
        {
            await connections.MarkNeedsReconnectingAsync(context.SignedInAccount(), id, ct);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "This calendar connection needs reconnecting.",
                detail: "Microsoft no longer lets us read this account's calendars. Reconnect it to carry on."
            );
        }
    }
}
