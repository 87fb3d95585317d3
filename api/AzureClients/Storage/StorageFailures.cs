namespace ClientReminders.AzureClients.Storage;

/// <summary>
/// The ways the storage SDK says it could not reach storage or was refused: a <see cref="RequestFailedException"/>, a
/// transport <see cref="HttpRequestException"/> or <see cref="IOException"/>, a per-try timeout (a cancellation the caller did
/// not ask for), and, once its retries are spent on transport errors, an <see cref="AggregateException"/> of those.
/// Loops that must outlive a storage outage (the local trigger driver, the sweeper) catch exactly these.
/// </summary>
public static class StorageFailures
{
    public static bool IsStorageFailure(Exception exception, CancellationToken stopping) =>
        exception switch
        {
            RequestFailedException or HttpRequestException or IOException or TimeoutException => true,
            OperationCanceledException => !stopping.IsCancellationRequested,
            AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(inner => IsStorageFailure(inner, stopping)),
            _ => false,
        };
}
