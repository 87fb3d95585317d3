using System.Diagnostics;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace ClientReminders.Accounts;

public static class AccountsApi
{
    public const string AuthRateLimit = "auth";

    /// <summary>Services that call us (Graph's notifications): generous per sender, but a flood from one address is cut off.</summary>
    public const string WebhookRateLimit = "webhook";

    // Answers that must not reveal whether an address is registered all take at least this long.
    private static readonly TimeSpan UniformAnswerTime = TimeSpan.FromMilliseconds(400);

    public static RouteGroupBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        var auth = api.MapGroup("/auth");
        auth.MapGet("/csrf", (HttpContext context, CsrfProtection csrf) => TypedResults.Ok(new CsrfTokenResponse(csrf.IssueToken(context))));
        auth.MapPost("/signup", SignUp).RequireRateLimiting(AuthRateLimit);
        auth.MapPost("/confirm", ConfirmSignUp).RequireRateLimiting(AuthRateLimit);
        auth.MapPost("/login", Login).RequireRateLimiting(AuthRateLimit);
        auth.MapPost("/logout", Logout).RequireAuthorization();
        auth.MapPost("/forgot", Forgot).RequireRateLimiting(AuthRateLimit);
        auth.MapPost("/reset", Reset).RequireRateLimiting(AuthRateLimit);

        var me = api.MapGroup("/me").RequireAuthorization();
        me.MapGet("/", GetMe);
        me.MapPut("/", UpdateMe);
        me.MapPost("/password", ChangePassword);
        me.MapPost("/email", RequestEmailChange);
        me.MapDelete("/", Close);
        me.MapGet("/audit", Activity);
        api.MapPost("/me/email/confirm", ConfirmEmailChange).RequireRateLimiting(AuthRateLimit);
        return api;
    }

    private static async Task<Accepted<MessageResponse>> SignUp(SignUpRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await accounts.SignUpAsync(request, cancellationToken);
        await PadAsync(started, cancellationToken);
        return TypedResults.Accepted((string?)null, new MessageResponse(AccountService.SignUpAnswer));
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> ConfirmSignUp(
        TokenRequest request,
        HttpContext context,
        AccountService accounts,
        CancellationToken cancellationToken
    )
    {
        var (outcome, session) = await accounts.ConfirmSignUpAsync(request.Token, From(context), cancellationToken);
        if (session is not null)
        {
            SetSessionCookie(context, session);
        }
        return Answer(outcome);
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> Login(
        LoginRequest request,
        HttpContext context,
        AccountService accounts,
        PlanAllowances plans,
        CancellationToken cancellationToken
    )
    {
        var started = Stopwatch.GetTimestamp();
        if (await accounts.SignInAsync(request, From(context), cancellationToken) is not { } signedIn)
        {
            // A known address costs an account read and an audit entry more than an unknown one: both answer at the same time.
            await PadAsync(started, cancellationToken);
            return TypedResults.Problem(statusCode: 401, title: "Sign-in failed.", detail: "Email or password is incorrect.");
        }
        SetSessionCookie(context, signedIn.Session);
        return TypedResults.Ok(MeResponse.From(signedIn.Account, await plans.StatusAsync(signedIn.Account, cancellationToken)));
    }

    private static async Task<NoContent> Logout(HttpContext context, ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken)
    {
        await accounts.SignOutAsync(user.AccountId(), user.SessionHash(), From(context), cancellationToken);
        ClearSessionCookie(context);
        return TypedResults.NoContent();
    }

    private static async Task<Accepted<MessageResponse>> Forgot(
        EmailRequest request,
        HttpContext context,
        AccountService accounts,
        CancellationToken cancellationToken
    )
    {
        var started = Stopwatch.GetTimestamp();
        await accounts.ForgotPasswordAsync(request.Email, From(context), cancellationToken);
        await PadAsync(started, cancellationToken);
        return TypedResults.Accepted((string?)null, new MessageResponse(AccountService.ForgotAnswer));
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> Reset(
        ResetRequest request,
        HttpContext context,
        AccountService accounts,
        CancellationToken cancellationToken
    ) => Answer(await accounts.ResetPasswordAsync(request, From(context), cancellationToken));

    private static async Task<Results<Ok<MeResponse>, NotFound>> GetMe(
        ClaimsPrincipal user,
        AccountService accounts,
        PlanAllowances plans,
        CancellationToken cancellationToken
    ) =>
        await accounts.GetAsync(user.AccountId(), cancellationToken) is { } account
            ? TypedResults.Ok(MeResponse.From(account, await plans.StatusAsync(account, cancellationToken)))
            : TypedResults.NotFound();

    private static async Task<Ok<MeResponse>> UpdateMe(
        ProfileRequest request,
        HttpContext context,
        ClaimsPrincipal user,
        AccountService accounts,
        PlanAllowances plans,
        CancellationToken cancellationToken
    )
    {
        var account = await accounts.UpdateProfileAsync(user.AccountId(), request, From(context), cancellationToken);
        return TypedResults.Ok(MeResponse.From(account, await plans.StatusAsync(account, cancellationToken)));
    }

    private static async Task<NoContent> ChangePassword(
        PasswordChangeRequest request,
        HttpContext context,
        ClaimsPrincipal user,
        AccountService accounts,
        CancellationToken cancellationToken
    )
    {
        var session = await accounts.ChangePasswordAsync(user.AccountId(), user.SessionHash(), request, From(context), cancellationToken);
        SetSessionCookie(context, session);
        return TypedResults.NoContent();
    }

    private static async Task<Accepted<MessageResponse>> RequestEmailChange(
        EmailChangeRequest request,
        HttpContext context,
        ClaimsPrincipal user,
        AccountService accounts,
        CancellationToken cancellationToken
    )
    {
        await accounts.RequestEmailChangeAsync(user.AccountId(), request, From(context), cancellationToken);
        return TypedResults.Accepted((string?)null, new MessageResponse("We have emailed a link to the new address. Your email changes when you open it."));
    }

    private static async Task<Results<Ok<MessageResponse>, ProblemHttpResult>> ConfirmEmailChange(
        TokenRequest request,
        HttpContext context,
        AccountService accounts,
        CancellationToken cancellationToken
    ) => Answer(await accounts.ConfirmEmailChangeAsync(request.Token, From(context), cancellationToken));

    private static async Task<NoContent> Close(
        [FromBody] PasswordRequest request,
        HttpContext context,
        ClaimsPrincipal user,
        AccountService accounts,
        CancellationToken cancellationToken
    )
    {
        await accounts.CloseAsync(user.AccountId(), request.Password, From(context), cancellationToken);
        ClearSessionCookie(context);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ActivityResponse>> Activity(ClaimsPrincipal user, AccountService accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ActivityResponse(await accounts.ActivityAsync(user.AccountId(), cancellationToken)));

    private static Results<Ok<MessageResponse>, ProblemHttpResult> Answer(LinkOutcome outcome) =>
        outcome.Succeeded
            ? TypedResults.Ok(new MessageResponse(outcome.Message))
            : TypedResults.Problem(statusCode: 400, title: "This link cannot be used.", detail: outcome.Message);

    private static RequestInfo From(HttpContext context) =>
        new(ClientAddress.Truncate(context.Connection.RemoteIpAddress), context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null);

    private static void SetSessionCookie(HttpContext context, NewSession session) =>
        context.Response.Cookies.Append(
            SessionAuthentication.CookieName,
            session.Token,
            new CookieOptions
            {
                Secure = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = "/",
                IsEssential = true,
                Expires = session.Session.RememberMe ? session.Session.ExpiresAt : null,
            }
        );

    private static void ClearSessionCookie(HttpContext context) =>
        context.Response.Cookies.Delete(
            SessionAuthentication.CookieName,
            new CookieOptions
            {
                Secure = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Path = "/",
            }
        );

    private static async Task PadAsync(long started, CancellationToken cancellationToken)
    {
        var remaining = UniformAnswerTime - Stopwatch.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
        }
    }
}

public sealed record ActivityResponse(IReadOnlyList<AuditEntry> Entries);
