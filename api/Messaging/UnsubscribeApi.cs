namespace ClientReminders.Messaging;

/// <summary>
/// No sign-in: the signed token is the authority. GET only describes, since mail scanners prefetch links; POST is the
/// one-click target of List-Unsubscribe-Post (a form body, which we need not read) and the confirmation page's button.
/// </summary>
public static class UnsubscribeApi
{
    public const string Path = "/api/unsubscribe";

    public static RouteGroupBuilder MapUnsubscribe(this IEndpointRouteBuilder app)
    {
        var unsubscribe = app.MapGroup(Path).RequireRateLimiting(AccountsApi.AuthRateLimit);
        unsubscribe.MapGet("", Describe);
        unsubscribe.MapPost("", Unsubscribe);
        return unsubscribe;
    }

    private static async Task<Results<Ok<UnsubscribePage>, ProblemHttpResult>> Describe(
        string? token,
        UnsubscribeService unsubscribe,
        CancellationToken cancellationToken
    ) => await unsubscribe.DescribeAsync(token, cancellationToken) is { } page ? TypedResults.Ok(page) : Invalid();

    private static async Task<Results<Ok<UnsubscribeAnswer>, ProblemHttpResult>> Unsubscribe(
        HttpRequest request,
        string? token,
        UnsubscribeService unsubscribe,
        CancellationToken cancellationToken
    )
    {
        token ??= request.HasJsonContentType() ? (await ReadJsonAsync(request, cancellationToken))?.Token : null;
        return await unsubscribe.UnsubscribeAsync(token, cancellationToken) is { } answer ? TypedResults.Ok(answer) : Invalid();
    }

    private static async Task<UnsubscribeRequest?> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFromJsonAsync<UnsubscribeRequest>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProblemHttpResult Invalid() =>
        TypedResults.Problem(statusCode: 400, title: "This link cannot be used.", detail: UnsubscribeService.InvalidLink);

    private sealed record UnsubscribeRequest(string? Token);
}
