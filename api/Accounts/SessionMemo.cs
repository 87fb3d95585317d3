using System.Diagnostics;

namespace ClientReminders.Accounts;

/// <summary>
/// Remembers for a few seconds that a session is live and what its account holds, so a page's burst of requests (and a
/// busy account's many screens) do not read the session and the account from storage on every call. A change this
/// instance makes to the account (<see cref="AccountChanges"/>) or a sign-out here is seen at once; one made by another
/// instance within <see cref="For"/>. ASP.NET Core Identity, for comparison, checks its security stamp every 30 minutes.
/// </summary>
public sealed class SessionMemo(AccountChanges changes, TimeProvider time)
{
    public static readonly TimeSpan For = TimeSpan.FromSeconds(5);
    private const int MaxEntries = 50_000;

    private sealed record Entry(SessionEntity Session, AccountEntity Account, long Version, DateTimeOffset At, long Started);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The session and a copy of its account, when remembered, recent by both the app's clock and the machine's, and unchanged here since.</summary>
    public (SessionEntity Session, AccountEntity Account)? Find(string sessionHash)
    {
        if (!_entries.TryGetValue(sessionHash, out var entry))
        {
            return null;
        }
        if (time.GetUtcNow() - entry.At >= For || Stopwatch.GetElapsedTime(entry.Started) >= For || changes.Of(entry.Account.Id) != entry.Version)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(sessionHash, entry));
            return null;
        }
        return (entry.Session, entry.Account.Copy());
    }

    /// <param name="version">The account's <see cref="AccountChanges"/> version read before the account was.</param>
    public void Remember(string sessionHash, SessionEntity session, AccountEntity account, long version)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
        _entries[sessionHash] = new Entry(session, account.Copy(), version, time.GetUtcNow(), Stopwatch.GetTimestamp());
    }

    public void Forget(string sessionHash)
    {
        _entries.TryRemove(sessionHash, out _);
        Interlocked.Increment(ref _forgotten);
    }

    /// <summary>What checking a session in storage found: the session, its account, and the account's version read before it.</summary>
    public sealed record Checked(SessionEntity? Session, AccountEntity? Account, long Version);

    private readonly SharedLoads<(string, long, long), Checked> _checks = new();
    private long _forgotten;

    /// <summary>
    /// One storage check of a session at a time: the memo lapses for all of a busy screen's requests at once, and they share
    /// the check instead of each reading the session and the account. None waits on a check begun before a sign-out or an
    /// account change made here. The account found is shared: callers copy it.
    /// </summary>
    public Task<Checked> CheckAsync(string sessionHash, Func<Task<Checked>> check, CancellationToken cancellationToken) =>
        _checks.GetAsync((sessionHash, changes.OfAny, Interlocked.Read(ref _forgotten)), check, cancellationToken);
}
