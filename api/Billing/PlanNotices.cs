namespace ClientReminders.Billing;

/// <summary>An email an owner was sent about their plan (PartitionKey = account id, RowKey = what and when, e.g. "2026-03-sms-80").</summary>
public sealed class AccountNoticeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset SentAt { get; set; }
}

/// <summary>
/// Emails an owner once per notice: the row is inserted before the email goes, so of two instances racing only the one
/// whose insert succeeds sends; a failed email removes the row so a later send tries again.
/// </summary>
public sealed class PlanNotices(TableClients tables, IEmailSender email, TimeProvider time, ILogger<PlanNotices> logger)
{
    private readonly ConcurrentDictionary<string, bool> _sent = new(StringComparer.Ordinal);

    public static string MonthKey(DateTimeOffset now, string kind) => $"{now.UtcDateTime:yyyy-MM}-{kind}";

    /// <summary>True when this call sent the email; false when it had been sent before (or could not be sent now).</summary>
    public async Task<bool> SendOnceAsync(AccountEntity account, string key, EmailMessage message, CancellationToken cancellationToken)
    {
        var remembered = $"{account.Id}/{key}";
        if (_sent.ContainsKey(remembered))
        {
            return false;
        }
        var table = await tables.GetAsync(StorageTables.AccountNotices, cancellationToken);
        try
        {
            await table.AddEntityAsync(
                new AccountNoticeEntity
                {
                    PartitionKey = account.Id,
                    RowKey = key,
                    SentAt = time.GetUtcNow(),
                },
                cancellationToken
            );
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            Remember(remembered);
            return false;
        }
        catch (RequestFailedException ex)
        {
            // A notice must never stop a reminder: it is tried again with the next send.
            logger.LogWarning(ex, "Plan notice {Notice} for account {AccountId} could not be recorded", key, account.Id);
            return false;
        }
        try
        {
            await email.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Plan notice {Notice} for account {AccountId} could not be emailed; it is tried again next time", key, account.Id);
            await table.DeleteEntityAsync(account.Id, key, ETag.All, CancellationToken.None);
            return false;
        }
        Remember(remembered);
        logger.LogInformation("Plan notice {Notice} emailed for account {AccountId}", key, account.Id);
        return true;
    }

    private void Remember(string key)
    {
        if (_sent.Count > 50_000)
        {
            _sent.Clear();
        }
        _sent[key] = true;
    }
}
