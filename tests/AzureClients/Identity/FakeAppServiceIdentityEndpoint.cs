namespace ClientReminders.Tests.AzureClients.Identity;

/// <summary>
/// The App Service / Functions managed identity endpoint (<c>IDENTITY_ENDPOINT</c>, secret <c>IDENTITY_HEADER</c>) on
/// loopback: answers a token for the asked resource, numbered so a test can tell a fresh token from a reused one.
/// </summary>
public static class FakeAppServiceIdentityEndpoint
{
    public const string Secret = "identity-header-secret";

    public static Task<LoopbackServer> StartAsync(TimeSpan lifetime)
    {
        var issued = 0;
        return LoopbackServer.StartAsync(
            async (request, context) =>
            {
                if (request.Header("X-IDENTITY-HEADER") != Secret)
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                var number = Interlocked.Increment(ref issued);
                var expiresOn = DateTimeOffset.UtcNow.Add(lifetime).ToUnixTimeSeconds();
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(
                    JsonSerializer.Serialize(
                        new Dictionary<string, string>
                        {
                            ["access_token"] = $"mi-token-{number}",
                            ["expires_on"] = expiresOn.ToString(CultureInfo.InvariantCulture),
                            ["resource"] = context.Request.Query["resource"].ToString(),
                            ["token_type"] = "Bearer",
                            ["client_id"] = context.Request.Query["client_id"].ToString() is { Length: > 0 } id ? id : "system-assigned",
                        }
                    )
                );
            }
        );
    }
}
