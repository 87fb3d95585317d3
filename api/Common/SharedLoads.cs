namespace ClientReminders.Common;

/// <summary>
/// Identical loads in flight at once share one: the first caller starts it (not bound to its own cancellation, since the
/// others wait on it too), the rest wait for its result, and it is forgotten as soon as it ends: nothing is cached, so a
/// request that arrives after a load finished gets a fresh one. Callers put into the key whatever the result depends on,
/// including a version that a change bumps (<see cref="Accounts.AccountActivity"/>), so no request waits on a load that
/// began before a change it saw.
/// </summary>
public sealed class SharedLoads<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _loading = new();

    public Task<TValue> GetAsync(TKey key, Func<Task<TValue>> load, CancellationToken cancellationToken)
    {
        Lazy<Task<TValue>>? mine = null;
        mine = new Lazy<Task<TValue>>(() => RunAsync(key, mine!, load));
        return _loading.GetOrAdd(key, mine).Value.WaitAsync(cancellationToken);
    }

    private async Task<TValue> RunAsync(TKey key, Lazy<Task<TValue>> entry, Func<Task<TValue>> load)
    {
        try
        {
            await Task.Yield();
            return await load();
        }
        finally
        {
            _loading.TryRemove(new KeyValuePair<TKey, Lazy<Task<TValue>>>(key, entry));
        }
    }
}
