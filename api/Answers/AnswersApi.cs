namespace ClientReminders.Answers;

/// <summary>No sign-in: the signed token in the link is the key. GET only reads; POST answers (with the usual anti-forgery check).</summary>
public static class AnswersApi
{
    public static RouteGroupBuilder MapAnswers(this IEndpointRouteBuilder app)
    {
        var answers = app.MapGroup("/api/answers").RequireRateLimiting(AccountsApi.AuthRateLimit);
        answers.MapGet("/{token}", Read);
        answers.MapPost("/{token}", Answer);
        return answers;
    }

    private static async Task<Results<Ok<AnswerPage>, ProblemHttpResult>> Read(string token, AnswerService answers, CancellationToken cancellationToken) =>
        await answers.PageAsync(token, cancellationToken) is { } page ? TypedResults.Ok(page) : Invalid();

    private static async Task<Results<Ok<AnswerPage>, ProblemHttpResult>> Answer(
        string token,
        AnswerInput input,
        AnswerService answers,
        CancellationToken cancellationToken
    ) =>
        await answers.AnswerAsync(token, input.Answer, cancellationToken) switch
        {
            AnswerOutcome.Answered answered => TypedResults.Ok(answered.Page),
            AnswerOutcome.Closed => TypedResults.Problem(statusCode: 409, title: "This appointment can no longer be answered.", detail: AnswerService.NotOpen),
            _ => Invalid(),
        };

    private static ProblemHttpResult Invalid() => TypedResults.Problem(statusCode: 404, title: "This link cannot be used.", detail: AnswerService.InvalidLink);
}
