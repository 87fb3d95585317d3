using Microsoft.Net.Http.Headers;

namespace ClientReminders.Conversations;

public static class ConversationsApi
{
    public static IServiceCollection AddConversations(this IServiceCollection services) =>
        services
            .AddSingleton<ConversationStore>()
            .AddSingleton<ConversationService>()
            .AddSingleton<ConversationErasure>()
            .AddSingleton(new EncryptedTable(StorageTables.Conversations, [nameof(ConversationEntryEntity.Text)]))
            .AddSingleton(new EncryptedTable(StorageTables.ConversationThreads, [nameof(ConversationThreadEntity.LastText)]));

    public static RouteGroupBuilder MapConversations(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();

        var inbox = api.MapGroup("/conversations");
        inbox.MapGet("/", List);
        inbox.MapGet("/unread", Unread);

        var thread = api.MapGroup("/clients/{id}/conversation");
        thread.MapGet("/", Get);
        thread.MapPost("/", Reply);
        thread.MapPost("/read", MarkRead);
        thread.MapPost("/done", MarkHandled);
        return api;
    }

    private static async Task<Ok<ConversationList>> List(
        string? filter,
        string? cursor,
        HttpContext context,
        ConversationService conversations,
        CancellationToken ct
    ) => TypedResults.Ok(await conversations.ListAsync(context.SignedInAccount(), filter, cursor, ct));

    /// <summary>Polled by every open tab: an unchanged answer is a 304 with no body.</summary>
    private static async Task<Results<Ok<UnreadConversations>, StatusCodeHttpResult>> Unread(
        HttpContext context,
        ConversationService conversations,
        CancellationToken ct
    )
    {
        var counts = await conversations.UnreadAsync(context.SignedInAccount(), ct);
        var etag = new EntityTagHeaderValue($"\"u{counts.Unread}-a{counts.NeedsAction}\"");
        context.Response.Headers.ETag = etag.ToString();
        context.Response.Headers.CacheControl = "private, no-cache";
        return context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false))
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(counts);
    }

    private static async Task<Results<Ok<ConversationThread>, NotFound>> Get(
        string id,
        string? cursor,
        HttpContext context,
        ConversationService conversations,
        CancellationToken ct
    ) => await conversations.GetAsync(context.SignedInAccount(), id, cursor, ct) is { } thread ? TypedResults.Ok(thread) : TypedResults.NotFound();

    private static async Task<Results<Accepted<ConversationReplyQueued>, NotFound>> Reply(
        string id,
        ConversationReplyInput input,
        HttpContext context,
        ConversationService conversations,
        CancellationToken ct
    ) =>
        await conversations.ReplyAsync(context.SignedInAccount(), id, input, ct) is { } queued
            ? TypedResults.Accepted((string?)null, queued)
            : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> MarkRead(string id, HttpContext context, ConversationService conversations, CancellationToken ct) =>
        await conversations.MarkReadAsync(context.SignedInAccount(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> MarkHandled(
        string id,
        HttpContext context,
        ConversationService conversations,
        CancellationToken ct
    ) => await conversations.MarkHandledAsync(context.SignedInAccount(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();
}
