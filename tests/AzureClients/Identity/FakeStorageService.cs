namespace ClientReminders.Tests.AzureClients.Identity;

/// <summary>
/// Table and queue endpoints on loopback that accept only <c>Authorization: Bearer {AcceptedToken}</c> with an
/// <c>x-ms-version</c>, as an account with shared-key access disabled does: 403 for anything else. It listens on https, as
/// Azure does: the storage SDK refuses to send a bearer token over plain http.
/// </summary>
public static class FakeStorageService
{
    public static Task<LoopbackServer> StartAsync(Func<string> acceptedToken) =>
        LoopbackServer.StartAsync(
            async (request, context) =>
            {
                if (request.Header("Authorization") != $"Bearer {acceptedToken()}" || request.Header("x-ms-version") is null)
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    context.Response.Headers["x-ms-error-code"] = "AuthorizationFailure";
                    return;
                }

                if (context.Request.Path.Value!.EndsWith("/Tables", StringComparison.Ordinal))
                {
                    context.Response.ContentType = "application/json;odata=minimalmetadata";
                    await context.Response.WriteAsync("""{"value":[]}""");
                }
            },
            https: true
        );
}
