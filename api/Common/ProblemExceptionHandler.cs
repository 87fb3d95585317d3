using Microsoft.AspNetCore.Diagnostics;

namespace ClientReminders.Common;

/// <summary>
/// Turns the few exceptions that mean "your request" into problem details, and a dependency that failed (storage, most often)
/// into a 503 the browser may retry; anything else stays a bare 500.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case ValidationFailedException invalid:
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return await problems.TryWriteAsync(
                    new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails = new HttpValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
                        {
                            Status = StatusCodes.Status400BadRequest,
                            Title = "Some fields need attention.",
                        },
                    }
                );
            case TooManyAttemptsException tooMany:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = Math.Ceiling(tooMany.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return await problems.TryWriteAsync(
                    new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Title = "Too many attempts.",
                            Detail = "Too many attempts. Please wait before trying again.",
                        },
                    }
                );
            case BadHttpRequestException bad:
                context.Response.StatusCode = bad.StatusCode;
                return await problems.TryWriteAsync(
                    new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails =
                        {
                            Status = bad.StatusCode,
                            Title = bad.StatusCode == 413 ? "The request is too large." : "The request could not be read.",
                        },
                    }
                );
            case var failure when StorageFailures.IsStorageFailure(failure, context.RequestAborted):
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "5";
                return await problems.TryWriteAsync(
                    new ProblemDetailsContext
                    {
                        HttpContext = context,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status503ServiceUnavailable,
                            Title = "The service is briefly unavailable.",
                            Detail = "Nothing was changed. Please try again in a moment.",
                        },
                    }
                );
            default:
                return false;
        }
    }
}
