using System.Net;

namespace ClientReminders.AzureClients.Communication;

// Every storage operation we use is safe to resend; a resent insert may therefore report 409 for its own first attempt.
public sealed class RetryHandler(CommunicationRetryOptions options, TimeProvider timeProvider) : DelegatingHandler
{
    private static readonly HashSet<HttpStatusCode> RetriableStatuses =
    [
        HttpStatusCode.RequestTimeout,
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attemptTimeout.CancelAfter(options.NetworkTimeout);
                response = await base.SendAsync(request, attemptTimeout.Token);
            }
            catch (Exception exception) when (attempt < options.MaxRetries && IsTransient(exception, cancellationToken))
            {
                await options.DelayAsync(Backoff(attempt), cancellationToken);
                continue;
            }

            if (attempt >= options.MaxRetries || !RetriableStatuses.Contains(response.StatusCode))
            {
                return response;
            }

            var delay = ServerRequestedDelay(response) ?? Backoff(attempt);
            if (delay > options.MaxDelay)
            {
                // Waiting that long would hold the function (and its claim) past sense: the caller fails now and its queue retries later.
                return response;
            }
            response.Dispose();
            await options.DelayAsync(delay, cancellationToken);
        }
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        exception switch
        {
            HttpRequestException or IOException => true,
            OperationCanceledException => !cancellationToken.IsCancellationRequested,
            _ => false,
        };

    private TimeSpan Backoff(int attempt)
    {
        var jitter = 0.8 + Random.Shared.NextDouble() * 0.4;
        var milliseconds = options.Delay.TotalMilliseconds * Math.Pow(2, attempt) * jitter;
        return TimeSpan.FromMilliseconds(Math.Min(milliseconds, options.MaxDelay.TotalMilliseconds));
    }

    private TimeSpan? ServerRequestedDelay(HttpResponseMessage response)
    {
        foreach (var header in new[] { "x-ms-retry-after-ms", "retry-after-ms" })
        {
            if (response.Headers.TryGetValues(header, out var values) && double.TryParse(values.First(), out var milliseconds))
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
    }
}
