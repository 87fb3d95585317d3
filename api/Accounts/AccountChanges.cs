namespace ClientReminders.Accounts;

/// <summary>
/// A counter per account, bumped by every change this instance makes to the account, its rules or its templates,
/// so short-lived caches of them see this instance's own changes at once.
/// </summary>
public sealed class AccountChanges
{
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private long _all;

    public long Of(string accountId) => _versions.GetValueOrDefault(accountId);

    /// <summary>Bumped by a change to any account: for what is keyed before its account is known.</summary>
    public long OfAny => Interlocked.Read(ref _all);

    public void Changed(string accountId)
    {
        _versions.AddOrUpdate(accountId, 1, (_, version) => version + 1);
        Interlocked.Increment(ref _all);
    }
}
