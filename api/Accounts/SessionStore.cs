namespace ClientReminders.Accounts;

public sealed record NewSession(string Token, SessionEntity Session);

/// <summary>Server-side sessions. The cookie carries a 256-bit random id; only its hash is stored.</summary>
public sealed class SessionStore(TableClients tables, SessionMemo memo, TimeProvider time, IOptions<AccountOptions> options)
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public async Task<NewSession> CreateAsync(AccountEntity account, bool rememberMe, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var token = Tokens.NewToken();
        var session = new SessionEntity
        {
            PartitionKey = Tokens.Hash(token),
            AccountId = account.Id,
            Epoch = account.SessionEpoch,
            RememberMe = rememberMe,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + (rememberMe ? settings.RememberMeLifetime : settings.SessionLifetime),
            IdleMinutes = (int)Math.Ceiling((rememberMe ? settings.RememberMeLifetime : settings.SessionIdleTimeout).TotalMinutes),
        };
        var sessions = await tables.GetAsync(StorageTables.Sessions, cancellationToken);
        await sessions.AddEntityAsync(session, cancellationToken);
        return new NewSession(token, session);
    }

    /// <summary>The live session for a cookie value, or null when unknown, expired or idle too long.</summary>
    public async Task<SessionEntity?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var sessions = await tables.GetAsync(StorageTables.Sessions, cancellationToken);
        var found = await sessions.GetEntityIfExistsAsync<SessionEntity>(Tokens.Hash(token), SessionEntity.Row, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }
        var session = found.Value!;
        var now = time.GetUtcNow();
        if (now >= session.ExpiresAt || now >= session.LastSeenAt.AddMinutes(session.IdleMinutes))
        {
            await sessions.DeleteEntityAsync(session.PartitionKey, SessionEntity.Row, cancellationToken: cancellationToken);
            memo.Forget(session.PartitionKey);
            return null;
        }
        if (now - session.LastSeenAt >= TouchEvery)
        {
            session.LastSeenAt = now;
            await sessions.UpsertEntityAsync(session, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
        }
        return session;
    }

    public async Task DeleteAsync(string sessionHash, CancellationToken cancellationToken)
    {
        memo.Forget(sessionHash);
        var sessions = await tables.GetAsync(StorageTables.Sessions, cancellationToken);
        await sessions.DeleteEntityAsync(sessionHash, SessionEntity.Row, cancellationToken: cancellationToken);
    }
}
