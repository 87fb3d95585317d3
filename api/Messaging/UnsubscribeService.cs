namespace ClientReminders.Messaging;

public sealed record UnsubscribePage(string BusinessName, bool AlreadyUnsubscribed);

public sealed record UnsubscribeAnswer(string Message, string BusinessName);

/// <summary>Opts a client out of an account's email by a signed token; SMS reminders and everything else about the client stay.</summary>
public sealed class UnsubscribeService(
    UnsubscribeTokens tokens,
    AccountStore accounts,
    ClientStore clients,
    ClientDirectory directory,
    ReminderPlanner planner,
    TimeProvider time
)
{
    public const string InvalidLink = "This unsubscribe link is not valid or has expired.";

    public async Task<UnsubscribePage?> DescribeAsync(string? token, CancellationToken cancellationToken) =>
        await FindAsync(token, cancellationToken) is ({ } account, { } client) ? new UnsubscribePage(account.BusinessName, client.EmailOptedOut) : null;

    public async Task<UnsubscribeAnswer?> UnsubscribeAsync(string? token, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (await FindAsync(token, cancellationToken) is not ({ } account, { } client))
            {
                return null;
            }
            if (!client.EmailOptedOut)
            {
                client.EmailOptedOut = true;
                client.UpdatedAt = time.GetUtcNow();
                try
                {
                    // Only the client row changes: its lookup rows stay as they are.
                    await clients.ReplaceAsync(client, client, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 3)
                {
                    continue;
                }
                await accounts.BumpClientsVersionAsync(account.Id, cancellationToken);
            }
            // Their email reminders are listed as not going out from now on, not only when each falls due; planned on every
            // unsubscribe, so a mail app's retry after a failure here still does it.
            await planner.ReplanClientAsync(account, await directory.DecryptAsync(account.Id, client, cancellationToken), cancellationToken);
            return new UnsubscribeAnswer($"You will no longer receive emails from {account.BusinessName}.", account.BusinessName);
        }
    }

    private async Task<(AccountEntity Account, ClientEntity Client)?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (
            !tokens.TryRead(token, out var accountId, out var clientId)
            || await accounts.GetAsync(accountId, cancellationToken) is not { Status: AccountStatus.Active } account
            || await clients.GetAsync(accountId, clientId, cancellationToken) is not { Status: not ClientStatus.Anonymised } client
        )
        {
            return null;
        }
        return (account, client);
    }
}
