namespace ClientReminders.Messaging;

public static class MessageHistoryApi
{
    public static IServiceCollection AddMessageHistory(this IServiceCollection services) => services.AddSingleton<MessageHistory>();

    public static RouteGroupBuilder MapMessageHistory(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        var history = api.MapGroup("/history").RequireAuthorization();
        history.MapGet(
            "/",
            async Task<IResult> (
                string? clientId,
                string? status,
                string? from,
                string? to,
                string? before,
                int? limit,
                HttpContext context,
                MessageHistory service,
                CancellationToken ct
            ) => (await service.ListJsonAsync(context.SignedInAccount(), clientId, status, from, to, before, limit, ct)).Ok()
        );
        history.MapGet("/daily", async Task<Ok<HistoryDays>> (int? days, HttpContext context, MessageHistory service, CancellationToken ct) =>
            TypedResults.Ok(await service.DailyAsync(context.SignedInAccount(), days ?? 30, ct))
        );
        return api;
    }
}
