namespace ClientReminders.Tests.AzureClients.Storage;

public class StorageFailuresTests
{
    [Fact]
    public void RetriesSpentOnTransportErrorsAreAStorageFailure()
    {
        // What Azure.Core's retry policy throws when every try failed to connect (Azurite restarting, say).
        var spent = new AggregateException(
            "Retry failed after 4 tries.",
            new HttpRequestException("Connection refused"),
            new RequestFailedException("Connection refused")
        );

        Assert.True(StorageFailures.IsStorageFailure(spent, CancellationToken.None));
    }

    [Fact]
    public void APerTryTimeoutIsAStorageFailureButStoppingIsNot()
    {
        using var stopping = new CancellationTokenSource();
        Assert.True(
            StorageFailures.IsStorageFailure(
                new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout"),
                stopping.Token
            )
        );

        stopping.Cancel();
        Assert.False(StorageFailures.IsStorageFailure(new OperationCanceledException(stopping.Token), stopping.Token));
    }

    [Fact]
    public void AProgrammingErrorIsNotAStorageFailure()
    {
        Assert.False(StorageFailures.IsStorageFailure(new InvalidOperationException("bug"), CancellationToken.None));
        Assert.False(
            StorageFailures.IsStorageFailure(new AggregateException(new RequestFailedException("x"), new NullReferenceException()), CancellationToken.None)
        );
        Assert.False(StorageFailures.IsStorageFailure(new AggregateException(), CancellationToken.None));
    }
}
