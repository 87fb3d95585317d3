namespace ClientReminders.Accounts;

/// <summary>Single-use emailed links. Consuming one deletes it under its ETag, so two clicks racing cannot both succeed.</summary>
public sealed class AuthTokenStore(TableClients tables, TimeProvider time)
{
    public async Task<string> IssueAsync(AuthTokenEntity details, TimeSpan validFor, CancellationToken cancellationToken)
    {
        var token = Tokens.NewToken();
        details.PartitionKey = Tokens.Hash(token);
        details.ExpiresAt = time.GetUtcNow() + validFor;
        var store = await tables.GetAsync(StorageTables.AuthTokens, cancellationToken);
        await store.AddEntityAsync(details, cancellationToken);
        return token;
    }

    /// <summary>What a still-valid link confirms, without using it up.</summary>
    public async Task<AuthTokenEntity?> PeekAsync(string? token, string kind, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }
        var store = await tables.GetAsync(StorageTables.AuthTokens, cancellationToken);
        var found = await store.GetEntityIfExistsAsync<AuthTokenEntity>(Tokens.Hash(token), AuthTokenEntity.Row, cancellationToken: cancellationToken);
        return found.HasValue && found.Value!.Kind == kind && time.GetUtcNow() < found.Value.ExpiresAt ? found.Value : null;
    }

    public async Task<AuthTokenEntity?> ConsumeAsync(string? token, string kind, CancellationToken cancellationToken)
    {
        if (await PeekAsync(token, kind, cancellationToken) is not { } details)
        {
            return null;
        }
        var store = await tables.GetAsync(StorageTables.AuthTokens, cancellationToken);
        try
        {
            await store.DeleteEntityAsync(details.PartitionKey, AuthTokenEntity.Row, details.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
        return details;
    }

    public async Task RevokeAllAsync(string accountId, string kind, CancellationToken cancellationToken)
    {
        var store = await tables.GetAsync(StorageTables.AuthTokens, cancellationToken);
        var filter = Azure.Data.Tables.TableClient.CreateQueryFilter($"AccountId eq {accountId} and Kind eq {kind}");
        await foreach (var token in store.QueryAsync<AuthTokenEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            await store.DeleteEntityAsync(token.PartitionKey, AuthTokenEntity.Row, cancellationToken: cancellationToken);
        }
    }
}
