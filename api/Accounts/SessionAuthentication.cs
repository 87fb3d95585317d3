using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;

namespace ClientReminders.Accounts;

/// <summary>Signs a request in from the <c>__Host-session</c> cookie, if it names a live session of an open account.</summary>
public sealed class SessionAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionStore sessions,
    AccountStore accounts,
    AccountChanges changes,
    SessionMemo memo,
    IProblemDetailsService problems
) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "Session";
    public const string CookieName = "__Host-session";
    public const string AccountIdClaim = "account";
    public const string SessionClaim = "session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Cookies[CookieName] is not { Length: > 0 and <= 100 } token)
        {
            return AuthenticateResult.NoResult();
        }
        var hash = Tokens.Hash(token);
        AccountEntity account;
        if (memo.Find(hash) is { } remembered)
        {
            account = remembered.Account;
        }
        else
        {
            var check = await memo.CheckAsync(
                hash,
                async () =>
                {
                    var found = await sessions.FindAsync(token, CancellationToken.None);
                    var version = found is null ? 0 : changes.Of(found.AccountId);
                    return new SessionMemo.Checked(found, found is null ? null : await accounts.GetAsync(found.AccountId, CancellationToken.None), version);
                },
                Context.RequestAborted
            );
            if (check is not { Session: { } found, Account: { Status: AccountStatus.Active } active } || active.SessionEpoch != found.Epoch)
            {
                return AuthenticateResult.Fail("The session has ended.");
            }
            memo.Remember(hash, found, active, check.Version);
            account = active.Copy();
        }
        Context.Items[typeof(AccountEntity)] = account;
        var identity = new ClaimsIdentity(
            [new Claim(AccountIdClaim, account.Id), new Claim(SessionClaim, hash), new Claim(ClaimTypes.NameIdentifier, hash)],
            SchemeName
        );
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = Context,
                ProblemDetails =
                {
                    Status = 401,
                    Title = "Sign in to continue.",
                    Detail = "You are not signed in, or your session has ended.",
                },
            }
        );
    }
}

public static class SessionPrincipal
{
    /// <summary>The signed-in account: the only source of the account id that store methods may use.</summary>
    public static string AccountId(this ClaimsPrincipal user) =>
        user.FindFirstValue(SessionAuthentication.AccountIdClaim) ?? throw new InvalidOperationException("The request is not signed in.");

    public static string SessionHash(this ClaimsPrincipal user) =>
        user.FindFirstValue(SessionAuthentication.SessionClaim) ?? throw new InvalidOperationException("The request is not signed in.");

    public static string? SessionHashOrNull(this ClaimsPrincipal user) => user.FindFirstValue(SessionAuthentication.SessionClaim);

    /// <summary>The signed-in account as loaded when the session was checked on this request.</summary>
    public static AccountEntity SignedInAccount(this HttpContext context) =>
        context.Items[typeof(AccountEntity)] as AccountEntity ?? throw new InvalidOperationException("The request is not signed in.");
}
