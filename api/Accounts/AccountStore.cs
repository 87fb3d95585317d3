namespace ClientReminders.Accounts;

public sealed class EmailTakenException() : Exception("The email address belongs to another account.");

/// <summary>Accounts and their email index. Every method takes the account id it works on; callers take it from the session.</summary>
public sealed class AccountStore(TableClients tables, KeyRing keys, AccountChanges changes)
{
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public string EmailIndex(string email) => keys.BlindIndex("account-email", NormalizeEmail(email));

    public async Task<AccountEntity?> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var accounts = await tables.GetAsync(StorageTables.Accounts, cancellationToken);
        var found = await accounts.GetEntityIfExistsAsync<AccountEntity>(accountId, AccountEntity.Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<AccountEntity?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(StorageTables.AccountEmails, cancellationToken);
        var entry = await index.GetEntityIfExistsAsync<AccountEmailEntity>(EmailIndex(email), AccountEmailEntity.Row, cancellationToken: cancellationToken);
        return entry.HasValue && await GetAsync(entry.Value!.AccountId, cancellationToken) is { Status: AccountStatus.Active } account ? account : null;
    }

    /// <summary>Claims the email first, so two sign-ups racing for one address cannot both win.</summary>
    public async Task CreateAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        await ClaimEmailAsync(account.Email, account.Id, cancellationToken);
        try
        {
            var accounts = await tables.GetAsync(StorageTables.Accounts, cancellationToken);
            await accounts.AddEntityAsync(account, cancellationToken);
            changes.Changed(account.Id);
        }
        catch
        {
            await ReleaseEmailAsync(account.Email, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Saves the account if nobody changed it since it was read (ETag), else throws a 412 RequestFailedException.</summary>
    public async Task UpdateAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var accounts = await tables.GetAsync(StorageTables.Accounts, cancellationToken);
        var response = await accounts.UpdateEntityAsync(account, account.ETag, TableUpdateMode.Replace, cancellationToken);
        account.ETag = response.Headers.ETag ?? account.ETag;
        changes.Changed(account.Id);
    }

    /// <summary>Saves the account if nobody changed it since it was read; false when someone did (their change stands).</summary>
    public async Task<bool> TryUpdateAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var accounts = await tables.GetAsync(StorageTables.Accounts, cancellationToken);
        if (!await accounts.TryReplaceAsync(account, cancellationToken))
        {
            return false;
        }
        changes.Changed(account.Id);
        return true;
    }

    /// <summary>Marks the account's clients as changed; retried on conflict so no change is ever missed.</summary>
    public async Task BumpClientsVersionAsync(string accountId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await GetAsync(accountId, cancellationToken) is not { } account)
            {
                return;
            }
            account.ClientsVersion++;
            try
            {
                await UpdateAsync(account, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 10) { }
        }
    }

    public async Task ChangeEmailAsync(AccountEntity account, string newEmail, CancellationToken cancellationToken)
    {
        var oldEmail = account.Email;
        await ClaimEmailAsync(newEmail, account.Id, cancellationToken);
        account.Email = NormalizeEmail(newEmail);
        account.PendingEmail = null;
        try
        {
            await UpdateAsync(account, cancellationToken);
        }
        catch
        {
            await ReleaseEmailAsync(newEmail, CancellationToken.None);
            throw;
        }
        await ReleaseEmailAsync(oldEmail, cancellationToken);
    }

    public async Task ReleaseEmailAsync(string email, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(StorageTables.AccountEmails, cancellationToken);
        await index.DeleteEntityAsync(EmailIndex(email), AccountEmailEntity.Row, cancellationToken: cancellationToken);
    }

    private async Task ClaimEmailAsync(string email, string accountId, CancellationToken cancellationToken)
    {
        var index = await tables.GetAsync(StorageTables.AccountEmails, cancellationToken);
        try
        {
            await index.AddEntityAsync(new AccountEmailEntity { PartitionKey = EmailIndex(email), AccountId = accountId }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            throw new EmailTakenException();
        }
    }
}
