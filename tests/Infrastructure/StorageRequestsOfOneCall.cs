using System.Diagnostics;

namespace ClientReminders.Tests.Infrastructure;

/// <summary>
/// Counts the outgoing HTTP requests (to storage) the app makes while serving one call of this test: the call runs in a trace
/// of its own, which the app's request and everything it sends inherit, so other tests and background work are not counted.
/// </summary>
public static class StorageRequestsOfOneCall
{
    public static async Task<(T Result, int Requests)> CountAsync<T>(Func<Task<T>> call)
    {
        var calling = new Activity("StorageRequestsOfOneCall");
        calling.SetIdFormat(ActivityIdFormat.W3C);
        var requests = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "System.Net.Http" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // The test's own call to the app is the one HTTP request directly under the calling activity.
                if (activity.Source.Name == "System.Net.Http" && activity.TraceId == calling.TraceId && activity.Parent != calling)
                {
                    Interlocked.Increment(ref requests);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        calling.Start();
        try
        {
            var result = await call();
            return (result, Volatile.Read(ref requests));
        }
        finally
        {
            calling.Stop();
        }
    }
}
