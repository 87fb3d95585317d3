namespace ClientReminders.Support;

public static class SupportApi
{
    public static RouteGroupBuilder MapSupport(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/support", async Task<Accepted<SupportAnswer>> (SupportRequest request, SupportService support, CancellationToken cancellationToken) =>
            {
                await support.SendAsync(request, cancellationToken);
                return TypedResults.Accepted(
                    (string?)null,
                    new SupportAnswer("Thank you. Your message has been emailed to our support team; it is not stored on our systems.")
                );
            })
            .RequireRateLimiting(AccountsApi.AuthRateLimit);
        return api;
    }
}

public sealed record SupportAnswer(string Message);
