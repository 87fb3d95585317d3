namespace ClientReminders.Tests.Common;

public class SharedLoadsTests
{
    [Fact]
    public async Task IdenticalLoadsInFlightShareOneAndALaterCallLoadsAfresh()
    {
        var loads = new SharedLoads<string, int>();
        var started = 0;
        var release = new TaskCompletionSource();
        async Task<int> LoadAsync()
        {
            var n = Interlocked.Increment(ref started);
            await release.Task;
            return n;
        }

        var together = Enumerable.Range(0, 20).Select(_ => loads.GetAsync("same", LoadAsync, CancellationToken.None)).ToList();
        var other = loads.GetAsync("other", LoadAsync, CancellationToken.None);
        release.SetResult();

        var results = await Task.WhenAll(together);
        // Each load starts on the thread pool: "other" may not have begun when the shared one ends, so wait for both first.
        var otherResult = await other;
        Assert.All(results, n => Assert.Equal(results[0], n));
        Assert.Equal(2, started);
        Assert.NotEqual(results[0], otherResult);
        Assert.Equal(3, await loads.GetAsync("same", LoadAsync, CancellationToken.None));
    }

    [Fact]
    public async Task AWaiterThatGivesUpLeavesTheLoadToTheOthers()
    {
        var loads = new SharedLoads<string, string>();
        var release = new TaskCompletionSource();
        using var impatient = new CancellationTokenSource();
        var first = loads.GetAsync(
            "key",
            async () =>
            {
                await release.Task;
                return "loaded";
            },
            impatient.Token
        );
        var second = loads.GetAsync("key", () => Task.FromResult("a second load"), CancellationToken.None);

        await impatient.CancelAsync();
        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("loaded", await second);
    }

    [Fact]
    public async Task AFailedLoadFailsItsWaitersAndIsNotKept()
    {
        var loads = new SharedLoads<string, int>();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            loads.GetAsync("key", () => throw new InvalidOperationException("storage down"), CancellationToken.None)
        );

        Assert.Equal(7, await loads.GetAsync("key", () => Task.FromResult(7), CancellationToken.None));
    }
}
