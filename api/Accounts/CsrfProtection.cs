using System.Buffers.Text;

namespace ClientReminders.Accounts;

/// <summary>
/// Anti-forgery for every state-changing API request: the X-CSRF-Token header must be the HMAC of this browser's
/// <c>__Host-csrf</c> cookie and its session, and the request must come from our own origin.
/// </summary>
public sealed class CsrfProtection(KeyRing keys, IOptions<AppOptions> app)
{
    public const string HeaderName = "X-CSRF-Token";
    public const string CookieName = "__Host-csrf";

    private readonly byte[] _key = keys.DeriveKey("csrf");

    public string IssueToken(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 and <= 100 } secret)
        {
            secret = Tokens.NewToken();
            context.Response.Cookies.Append(
                CookieName,
                secret,
                new CookieOptions
                {
                    Secure = true,
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Path = "/",
                    IsEssential = true,
                }
            );
        }
        return TokenFor(secret, context.User.SessionHashOrNull());
    }

    public string? Refusal(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site && site is not ("same-origin" or "none"))
        {
            return "The request came from another site.";
        }
        if (request.Headers.Origin.ToString() is { Length: > 0 } origin && !IsOwnOrigin(origin, request))
        {
            return "The request came from another site.";
        }
        if (request.Cookies[CookieName] is not { Length: > 0 } secret || request.Headers[HeaderName].ToString() is not { Length: > 0 } sent)
        {
            return "The anti-forgery token is missing. Reload the page and try again.";
        }
        var expected = Encoding.ASCII.GetBytes(TokenFor(secret, context.User.SessionHashOrNull()));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sent))
            ? null
            : "The anti-forgery token is invalid. Reload the page and try again.";
    }

    private string TokenFor(string secret, string? sessionHash) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(secret + "|" + sessionHash)));

    private bool IsOwnOrigin(string origin, HttpRequest request) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || string.Equals(origin, app.Value.PublicBaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
}

public static class CsrfMiddleware
{
    /// <summary>The one exception: mail clients post one-click unsubscribes (RFC 8058) without our token; the link's signed token authenticates them.</summary>
    public const string ExemptPath = UnsubscribeApi.Path;

    public static IApplicationBuilder UseCsrfProtection(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                var unsafeMethod = !(
                    HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method)
                );
                // Webhooks come from Azure, operator calls from a server with the operator key, and one-click unsubscribes from mail clients, not our pages:
                // a secret or a signed token authenticates them instead.
                if (
                    unsafeMethod
                    && context.Request.Path.StartsWithSegments("/api")
                    && !context.Request.Path.StartsWithSegments("/api/webhooks")
                    && !context.Request.Path.StartsWithSegments(BillingApi.OperatorPath)
                    && !string.Equals(context.Request.Path.Value, ExemptPath, StringComparison.Ordinal)
                    && context.RequestServices.GetRequiredService<CsrfProtection>().Refusal(context) is { } reason
                )
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context
                        .RequestServices.GetRequiredService<IProblemDetailsService>()
                        .WriteAsync(
                            new ProblemDetailsContext
                            {
                                HttpContext = context,
                                ProblemDetails =
                                {
                                    Status = 403,
                                    Type = "csrf",
                                    Title = "The request could not be verified.",
                                    Detail = reason,
                                },
                            }
                        );
                    return;
                }
                await next(context);
            }
        );
}
