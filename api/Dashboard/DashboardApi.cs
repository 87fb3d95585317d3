namespace ClientReminders.Dashboard;

public static class DashboardApi
{
    public static IServiceCollection AddDashboard(this IServiceCollection services) => services.AddSingleton<DashboardService>().AddSingleton<TestMessages>();

    public static RouteGroupBuilder MapDashboard(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        var dashboard = api.MapGroup("/dashboard").RequireAuthorization();
        dashboard.MapGet("/", async Task<IResult> (HttpContext context, DashboardService service, CancellationToken ct) =>
            (await service.GetJsonAsync(context.SignedInAccount(), ct)).Ok()
        );
        dashboard.MapPost(
            "/test-message",
            async Task<Ok<TestMessageResponse>> (TestMessageRequest request, HttpContext context, TestMessages messages, CancellationToken ct) =>
                TypedResults.Ok(await messages.SendAsync(context.SignedInAccount(), request, ct))
        );
        dashboard.MapPost("/checklist/dismiss", async Task<NoContent> (HttpContext context, DashboardService service, CancellationToken ct) =>
        {
            await service.DismissChecklistAsync(context.SignedInAccount(), ct);
            return TypedResults.NoContent();
        });
        return api;
    }
}
