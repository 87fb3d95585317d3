namespace ClientReminders.Accounts;

/// <summary>
/// A counter per account, bumped by every change this instance makes to the account, its rules or its templates,
/// so short-lived caches of them see this instance's own changes at once.
/// </summary>
public sealed class AccountChanges
{
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

    public long Of(string accountId) => _versions.GetValueOrDefault(accountId);

    public void Changed(string accountId) => _versions.AddOrUpdate(accountId, 1, (_, version) => version + 1);
}
