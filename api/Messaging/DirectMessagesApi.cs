namespace ClientReminders.Messaging;

public static class DirectMessagesApi
{
    public static IServiceCollection AddDirectMessages(this IServiceCollection services) => services.AddSingleton<DirectMessages>();

    public static RouteGroupBuilder MapDirectMessages(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        var direct = api.MapGroup("/messages/direct").RequireAuthorization();
        direct.MapPost(
            "/preview",
            async Task<Ok<DirectMessagePreview>> (DirectMessageInput input, HttpContext context, DirectMessages messages, CancellationToken ct) =>
                TypedResults.Ok(await messages.PreviewAsync(context.SignedInAccount(), input, ct))
        );
        direct.MapPost(
            "/",
            async Task<Accepted<DirectMessageQueued>> (DirectMessageInput input, HttpContext context, DirectMessages messages, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await messages.SendAsync(context.SignedInAccount(), input, ct))
        );
        return api;
    }
}
