using Microsoft.Identity.Client;

namespace ClientReminders.Calendars.Microsoft;

/// <summary>Why a sign-in with Microsoft could not finish, in words for the owner.</summary>
public sealed class ConnectFailedException(string message) : Exception(message);

/// <summary>A connection opened for a while: its Graph mailbox, and its token cache saved back (encrypted) if MSAL refreshed it.</summary>
public sealed class OpenConnection(CalendarConnectionEntity connection, TokenCacheSlot tokens, GraphMailbox mailbox)
{
    public CalendarConnectionEntity Connection { get; } = connection;

    public TokenCacheSlot Tokens { get; } = tokens;

    public GraphMailbox Mailbox { get; } = mailbox;
}

/// <summary>
/// Connecting Microsoft accounts (authorization code with PKCE, the state bound to the browser session), their tokens
/// encrypted at rest with the account's key, "needs reconnecting" with one email to the owner, and disconnecting.
/// </summary>
public sealed class MicrosoftConnections(
    TableClients tables,
    FieldCipher cipher,
    MicrosoftIdentity identity,
    MicrosoftCloudHttp http,
    IOptions<GraphOptions> graph,
    IOptions<CalendarOptions> calendars,
    IOptions<AppOptions> app,
    IEmailSender email,
    TimeProvider time,
    ILogger<MicrosoftConnections> logger
)
{
    private static readonly TimeSpan SignInLifetime = TimeSpan.FromMinutes(15);

    public bool IsConfigured => identity.IsConfigured;

    /// <summary>Starts a sign-in: returns the Microsoft URL to send the browser to.</summary>
    public async Task<Uri> BeginAsync(AccountEntity account, string sessionHash, string? reconnectId, CancellationToken cancellationToken)
    {
        var state = Base64Url(RandomNumberGenerator.GetBytes(32));
        var application = identity.Application(new TokenCacheSlot(null));
        var url = await application
            .GetAuthorizationRequestUrl(GraphOptions.Scopes)
            .WithPkce(out var verifier)
            .WithPrompt(Prompt.SelectAccount)
            .WithExtraQueryParameters(new Dictionary<string, (string, bool)> { ["state"] = (state, false) })
            .ExecuteAsync(cancellationToken);
        var request = new CalendarConnectRequestEntity
        {
            PartitionKey = account.Id,
            RowKey = StateHash(state),
            SessionHash = sessionHash,
            ConnectionId = reconnectId,
            ExpiresAt = time.GetUtcNow() + SignInLifetime,
        };
        request.CodeVerifier = await cipher.EncryptAsync(
            account.Id,
            new CipherContext(StorageTables.CalendarConnectRequests.Name, request.RowKey, nameof(CalendarConnectRequestEntity.CodeVerifier)),
            verifier,
            cancellationToken
        );
        var table = await tables.GetAsync(StorageTables.CalendarConnectRequests, cancellationToken);
        await table.AddEntityAsync(request, cancellationToken);
        return url;
    }

    /// <summary>Microsoft sent the browser back: checks the state against this session, redeems the code with the PKCE verifier, stores the tokens.</summary>
    public async Task<CalendarConnectionEntity> CompleteAsync(
        AccountEntity account,
        string sessionHash,
        string? code,
        string? state,
        CancellationToken cancellationToken
    )
    {
        if (string.IsNullOrEmpty(state) || string.IsNullOrEmpty(code))
        {
            throw new ConnectFailedException("Microsoft did not send the sign-in back complete. Try connecting again.");
        }
        var requests = await tables.GetAsync(StorageTables.CalendarConnectRequests, cancellationToken);
        var found = await requests.GetEntityIfExistsAsync<CalendarConnectRequestEntity>(account.Id, StateHash(state), cancellationToken: cancellationToken);
        if (!found.HasValue || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(found.Value!.SessionHash), Encoding.UTF8.GetBytes(sessionHash)))
        {
            throw new ConnectFailedException("This sign-in was not started from this browser session. Try connecting again.");
        }
        var request = found.Value;
        // Used once, whatever happens next.
        await requests.DeleteEntityAsync(request.PartitionKey, request.RowKey, ETag.All, cancellationToken);
        if (request.ExpiresAt < time.GetUtcNow())
        {
            throw new ConnectFailedException("The sign-in took too long. Try connecting again.");
        }
        var verifier = await cipher.DecryptAsync(
            account.Id,
            new CipherContext(StorageTables.CalendarConnectRequests.Name, request.RowKey, nameof(CalendarConnectRequestEntity.CodeVerifier)),
            request.CodeVerifier,
            cancellationToken
        );
        var tokens = new TokenCacheSlot(null);
        AuthenticationResult result;
        try
        {
            result = await identity
                .Application(tokens)
                .AcquireTokenByAuthorizationCode(GraphOptions.Scopes, code)
                .WithPkceCodeVerifier(verifier)
                .ExecuteAsync(cancellationToken);
        }
        catch (MsalServiceException exception)
        {
            logger.LogWarning("Microsoft refused the authorization code: {ErrorCode}", exception.ErrorCode);
            throw new ConnectFailedException("Microsoft did not accept the sign-in. Try connecting again.");
        }
        var connections = await tables.GetAsync(StorageTables.CalendarConnections, cancellationToken);
        CalendarConnectionEntity connection;
        if (request.ConnectionId is { } reconnect && await GetAsync(account.Id, reconnect, cancellationToken) is { } existing)
        {
            connection = existing;
        }
        else
        {
            connection = new CalendarConnectionEntity
            {
                PartitionKey = account.Id,
                RowKey = Guid.NewGuid().ToString("N"),
                ConnectedAt = time.GetUtcNow(),
                LookAheadDays = calendars.Value.DefaultLookAheadDays,
            };
        }
        connection.Status = ConnectionStatus.Connected;
        connection.NeedsReconnectingEmailedAt = null;
        connection.Mailbox = await cipher.EncryptAsync(
            account.Id,
            Context(connection, nameof(CalendarConnectionEntity.Mailbox)),
            result.Account.Username ?? "",
            cancellationToken
        );
        connection.HomeAccountId = await cipher.EncryptAsync(
            account.Id,
            Context(connection, nameof(CalendarConnectionEntity.HomeAccountId)),
            result.Account.HomeAccountId.Identifier,
            cancellationToken
        );
        connection.TokenCache = await EncryptTokensAsync(account.Id, connection, tokens, cancellationToken);
        await connections.UpsertEntityAsync(connection, TableUpdateMode.Replace, cancellationToken);
        return connection;
    }

    public async Task<CalendarConnectionEntity?> GetAsync(string accountId, string connectionId, CancellationToken cancellationToken)
    {
        if (connectionId.Length != 32 || !connectionId.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var table = await tables.GetAsync(StorageTables.CalendarConnections, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<CalendarConnectionEntity>(accountId, connectionId, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<List<CalendarConnectionEntity>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarConnections, cancellationToken);
        var list = await table.ListPartitionAsync<CalendarConnectionEntity>(accountId, cancellationToken);
        return list;
    }

    public async Task<string> MailboxAsync(string accountId, CalendarConnectionEntity connection, CancellationToken cancellationToken) =>
        await cipher.DecryptAsync(accountId, Context(connection, nameof(CalendarConnectionEntity.Mailbox)), connection.Mailbox, cancellationToken) ?? "";

    public async Task<OpenConnection> OpenAsync(string accountId, CalendarConnectionEntity connection, CancellationToken cancellationToken)
    {
        var cache = await cipher.DecryptAsync(
            accountId,
            Context(connection, nameof(CalendarConnectionEntity.TokenCache)),
            connection.TokenCache,
            cancellationToken
        );
        var home = await cipher.DecryptAsync(
            accountId,
            Context(connection, nameof(CalendarConnectionEntity.HomeAccountId)),
            connection.HomeAccountId,
            cancellationToken
        ) ?? "";
        var tokens = new TokenCacheSlot(cache is null ? null : Convert.FromBase64String(cache));
        return new OpenConnection(connection, tokens, new GraphMailbox(http, identity, graph, tokens, home));
    }

    /// <summary>Saves refreshed tokens; a concurrent save by another instance wins, its tokens being as good.</summary>
    public async Task SaveTokensAsync(string accountId, OpenConnection open, CancellationToken cancellationToken)
    {
        if (!open.Tokens.Changed)
        {
            return;
        }
        var connection = open.Connection;
        connection.TokenCache = await EncryptTokensAsync(accountId, connection, open.Tokens, cancellationToken);
        var table = await tables.GetAsync(StorageTables.CalendarConnections, cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(connection, connection.ETag, TableUpdateMode.Merge, cancellationToken);
            connection.ETag = response.Headers.ETag ?? connection.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412) { }
    }

    /// <summary>Consent revoked or tokens dead: marks the connection and emails the owner, once until they reconnect.</summary>
    public async Task MarkNeedsReconnectingAsync(AccountEntity account, string connectionId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarConnections, cancellationToken);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (await GetAsync(account.Id, connectionId, cancellationToken) is not { } connection || connection.NeedsReconnectingEmailedAt is not null)
            {
                return;
            }
            connection.Status = ConnectionStatus.NeedsReconnecting;
            connection.NeedsReconnectingEmailedAt = time.GetUtcNow();
            if (!await table.TryReplaceAsync(connection, cancellationToken))
            {
                continue;
            }
            logger.LogInformation("Calendar connection {ConnectionId} of account {AccountId} needs reconnecting", connectionId, account.Id);
            var mailbox = await MailboxAsync(account.Id, connection, cancellationToken);
            await email.SendAsync(
                EmailTemplates.CalendarNeedsReconnecting(account.Email, account.OwnerName, mailbox, app.Value.Link("/calendars")),
                cancellationToken
            );
            return;
        }
    }

    public async Task SetLookAheadAsync(CalendarConnectionEntity connection, int days, CancellationToken cancellationToken)
    {
        connection.LookAheadDays = days;
        var table = await tables.GetAsync(StorageTables.CalendarConnections, cancellationToken);
        await table.UpdateEntityAsync(connection, ETag.All, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Deletes the connection and its tokens at once.</summary>
    public async Task DeleteAsync(CalendarConnectionEntity connection, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarConnections, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(connection.PartitionKey, connection.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
    }

    public static CipherContext Context(CalendarConnectionEntity connection, string field) =>
        new(StorageTables.CalendarConnections.Name, connection.RowKey, field);

    private async Task<string?> EncryptTokensAsync(
        string accountId,
        CalendarConnectionEntity connection,
        TokenCacheSlot tokens,
        CancellationToken cancellationToken
    ) =>
        tokens.Data is { } data
            ? await cipher.EncryptAsync(
                accountId,
                Context(connection, nameof(CalendarConnectionEntity.TokenCache)),
                Convert.ToBase64String(data),
                cancellationToken
            )
            : connection.TokenCache;

    private static string StateHash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
