namespace ClientReminders.AzureClients.Communication;

// Runs inside the retry handler so every attempt is signed with a fresh x-ms-date.
public sealed class AuthenticationHandler(TimeProvider timeProvider) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<IRequestAuthenticator> AuthenticatorKey = new("communication-authenticator");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("x-ms-date");
        request.Headers.TryAddWithoutValidation("x-ms-date", timeProvider.GetUtcNow().ToString("R"));
        if (request.Options.TryGetValue(AuthenticatorKey, out var authenticator))
        {
            await authenticator.AuthenticateAsync(request, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
