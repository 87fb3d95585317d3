using Microsoft.Extensions.Caching.Memory;

namespace ClientReminders.Tests.Clients;

/// <summary>The app's memory cache, counting the entries written under each key.</summary>
public sealed class CountingMemoryCache(IMemoryCache inner) : IMemoryCache
{
    private readonly List<object> _written = [];

    public int WritesOf(object key)
    {
        lock (_written)
        {
            return _written.Count(k => k.Equals(key));
        }
    }

    public ICacheEntry CreateEntry(object key)
    {
        lock (_written)
        {
            _written.Add(key);
        }
        return inner.CreateEntry(key);
    }

    public bool TryGetValue(object key, out object? value) => inner.TryGetValue(key, out value);

    public void Remove(object key) => inner.Remove(key);

    public void Dispose() => inner.Dispose();
}

/// <summary>The app with its memory cache counted; each test signs up owners of its own.</summary>
public sealed class CountingCacheApp : IAsyncLifetime
{
    public CountingMemoryCache Cache { get; } = new(new MemoryCache(new MemoryCacheOptions { SizeLimit = 1_000_000 }));

    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await Owners.StartAppAsync(new Dictionary<string, string> { ["RateLimits:Auth:PerIpPermits"] = "10000" }, configure: builder =>
            builder.Services.AddSingleton<IMemoryCache>(Cache)
        );

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public class ClientDirectoryTests(CountingCacheApp fixture) : IClassFixture<CountingCacheApp>
{
    [Fact]
    public async Task RequestsThatMissTheCacheTogetherReadTheClientsOnce()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        for (var i = 0; i < 30; i++)
        {
            await owner.AddClientAsync($"Client {i:D2}", email: $"client{i}@example.org");
        }
        var account = await owner.AccountAsync();
        var directory = fixture.App.Services.GetRequiredService<ClientDirectory>();

        var snapshots = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => directory.GetAsync(account, CancellationToken.None)));

        Assert.Equal(1, fixture.Cache.WritesOf((nameof(ClientDirectory), account.Id, account.ClientsVersion)));
        Assert.All(snapshots, snapshot => Assert.Same(snapshots[0], snapshot));
        Assert.Equal(30, snapshots[0].Clients.Count);
    }

    [Fact]
    public async Task ARequestThatGivesUpDoesNotSpoilTheLoadTheOthersWaitFor()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddClientAsync("Ada Lovelace", email: "ada@example.org");
        var account = await owner.AccountAsync();
        var directory = fixture.App.Services.GetRequiredService<ClientDirectory>();
        using var givesUp = new CancellationTokenSource();

        var abandoned = directory.GetAsync(account, givesUp.Token);
        var waiting = directory.GetAsync(account, CancellationToken.None);
        await givesUp.CancelAsync();

        // The abandoned call may finish first on a fast machine; either way the other caller gets the clients.
        try
        {
            await abandoned;
        }
        catch (OperationCanceledException) { }
        Assert.Equal("Ada Lovelace", Assert.Single((await waiting).Clients).Name);
    }
}
