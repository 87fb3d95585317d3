using Microsoft.AspNetCore.Mvc;

namespace ClientReminders.Calendars.Ics;

public static class IcsFeedsApi
{
    /// <summary>/api/calendars/ics: the owner's iCalendar feeds. They are listed in GET /api/calendars too, and synced by SyncCalendars.</summary>
    public static RouteGroupBuilder MapIcsFeeds(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        var feeds = api.MapGroup("/calendars/ics").RequireAuthorization();

        feeds.MapGet("/", async Task<Ok<IcsFeedList>> (HttpContext context, IcsSubscriptions subscriptions, CancellationToken ct) =>
            TypedResults.Ok(new IcsFeedList(await subscriptions.ListAsync(context.SignedInAccount().Id, ct)))
        );

        feeds.MapPost(
            "/",
            async Task<Results<Created<IcsFeedResponse>, ProblemHttpResult>> (
                IcsFeedInput input,
                HttpContext context,
                IcsSubscriptions subscriptions,
                CancellationToken ct
            ) =>
            {
                try
                {
                    var feed = await subscriptions.AddAsync(context.SignedInAccount(), input, ct);
                    return TypedResults.Created($"/api/calendars/ics/{feed.Id}", feed);
                }
                catch (IcsFeedLimitException limit)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many calendar feeds.", detail: limit.Message);
                }
            }
        );

        feeds.MapPut(
            "/{id}",
            async Task<Results<Ok<IcsFeedResponse>, NotFound>> (
                string id,
                IcsFeedChange input,
                HttpContext context,
                IcsSubscriptions subscriptions,
                CancellationToken ct
            ) => await subscriptions.ChangeAsync(context.SignedInAccount(), id, input, ct) is { } changed ? TypedResults.Ok(changed) : TypedResults.NotFound()
        );

        // The owner's answer to "cancel its future appointments?" comes in the body, as for disconnecting Outlook.
        feeds.MapDelete(
            "/{id}",
            async Task<Results<Ok<DisconnectResult>, NotFound>> (
                string id,
                [FromBody] IcsFeedRemoval input,
                HttpContext context,
                IcsSubscriptions subscriptions,
                CancellationToken ct
            ) =>
                await subscriptions.RemoveAsync(context.SignedInAccount(), id, input.CancelFutureAppointments, ct) is { } removed
                    ? TypedResults.Ok(removed)
                    : TypedResults.NotFound()
        );
        return api;
    }
}
