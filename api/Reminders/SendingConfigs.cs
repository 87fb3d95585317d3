namespace ClientReminders.Reminders;

/// <summary>What the sender needs of an account besides the reminder and its client.</summary>
public sealed record SendingConfig(
    AccountEntity Account,
    IReadOnlyList<ReminderRuleEntity> Rules,
    TemplateResponse Sms,
    TemplateResponse Email,
    TemplateSettings Settings,
    ReplyKeywords Keywords,
    NoticeSettings Notices
);

/// <summary>
/// Keeps each account's <see cref="SendingConfig"/> for a short while, so at a busy moment three reads serve every
/// reminder the account sends. A change made through this instance is seen at once (<see cref="AccountChanges"/>);
/// one made through another instance within <see cref="MaxAge"/>.
/// </summary>
public sealed class SendingConfigs(AccountStore accounts, ReminderStore store, TemplateService templates, AccountChanges changes, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private const int MaxAccounts = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(long Version, DateTimeOffset FetchedAt, Task<SendingConfig?> Config);

    /// <summary>Null when the account no longer exists.</summary>
    public async Task<SendingConfig?> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var version = changes.Of(accountId);
        var now = time.GetUtcNow();
        if (
            _entries.TryGetValue(accountId, out var entry)
            && entry.Version == version
            && now - entry.FetchedAt < MaxAge
            && !entry.Config.IsFaulted
            && !entry.Config.IsCanceled
        )
        {
            return await entry.Config.WaitAsync(cancellationToken);
        }
        if (_entries.Count >= MaxAccounts)
        {
            _entries.Clear();
        }
        // Loaded without the caller's token: other callers may be waiting on the same load.
        var fresh = new Entry(version, now, LoadAsync(accountId));
        _entries[accountId] = fresh;
        return await fresh.Config.WaitAsync(cancellationToken);
    }

    private async Task<SendingConfig?> LoadAsync(string accountId)
    {
        var account = accounts.GetAsync(accountId, CancellationToken.None);
        var rules = store.RulesAsync(accountId, CancellationToken.None);
        var all = templates.AllAsync(accountId, CancellationToken.None);
        await Task.WhenAll(account, rules, all);
        if (account.Result is not { } found)
        {
            return null;
        }
        var (sms, email, settings, noticeSettings) = all.Result;
        return new SendingConfig(found, rules.Result, sms, email, TemplateService.SettingsFor(found, settings), settings.Keywords, noticeSettings);
    }
}
