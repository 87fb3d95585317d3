namespace ClientReminders.AzureClients.Storage;

/// <summary>Storage requests sent by this process, counted once per HTTP attempt (a table batch is one); it feeds the benchmark (bench/).</summary>
public static class StorageMetrics
{
    internal static readonly HttpRequestOptionsKey<bool> CountedKey = new("storage-metrics-counted");

    private static long _requests;

    public static long Requests => Interlocked.Read(ref _requests);

    internal static void CountAttempt(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(CountedKey, out var counted) && counted)
        {
            Interlocked.Increment(ref _requests);
        }
    }
}
