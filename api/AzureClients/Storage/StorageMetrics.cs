using Azure.Core;
using Azure.Core.Pipeline;

namespace ClientReminders.AzureClients.Storage;

/// <summary>Storage requests sent by this process, counted once per HTTP attempt (a table batch is one); it feeds the benchmark (bench/).</summary>
public static class StorageMetrics
{
    private static long _requests;

    public static long Requests => Interlocked.Read(ref _requests);

    /// <summary>Added to every storage client's pipeline per retry, so each attempt is counted as the service counts it.</summary>
    public static HttpPipelinePolicy Policy { get; } = new AttemptCounter();

    private sealed class AttemptCounter : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _requests);
    }
}
