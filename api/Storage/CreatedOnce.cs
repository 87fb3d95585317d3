namespace ClientReminders.Storage;

/// <summary>
/// A storage client per name, created (with its table or queue) on first use once per process. A failed creation is not
/// kept, so the next call tries again; <see cref="Forget"/> drops one whose resource was deleted underneath.
/// </summary>
public sealed class CreatedOnce<TClient>(Func<string, Task<TClient>> create)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TClient>>> _ready = new(StringComparer.Ordinal);

    public async Task<TClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        var ready = _ready.GetOrAdd(name, n => new Lazy<Task<TClient>>(() => create(n)));
        try
        {
            return await ready.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _ready.TryRemove(new KeyValuePair<string, Lazy<Task<TClient>>>(name, ready));
            throw;
        }
    }

    public void Forget(string name) => _ready.TryRemove(name, out _);
}
