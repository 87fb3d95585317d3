using ClientReminders.AzureClients.Communication.Email;
using ClientReminders.AzureClients.Communication.Sms;

namespace ClientReminders.Tests.Communication;

public sealed class CommunicationAuthenticationTests : IAsyncLifetime
{
    private readonly DelayRecorder recorder = new();
    private FakeAcsServer server = null!;

    public async Task InitializeAsync() => server = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task ARequestSignedWithTheWrongAccessKeyIsRejectedWith401()
    {
        server.EnqueueRecording("acs-sms/SendingSmsMessage.json");
        var wrongKey = $"endpoint={server.Endpoint};accesskey={Convert.ToBase64String(Encoding.UTF8.GetBytes("not-the-resource-key"))}";
        var client = new SmsClient(wrongKey, recorder.Options(new SmsClientOptions()));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync("+14255550123", "+14255550199", "Hi"));

        Assert.Equal((401, "Denied"), (error.Status, error.ErrorCode));
        Assert.Equal("The signature does not match.", Assert.Single(server.Received).Rejection);
        Assert.Equal(1, server.PendingResponses);
    }

    [Fact]
    public async Task TheSignatureCoversTheBodySoATamperedBodyIsRejected()
    {
        server.EnqueueRecording("acs-sms/SendingSmsMessage.json");
        var options = recorder.Options(new SmsClientOptions());
        options.Transport = new TamperingHandler { InnerHandler = new SocketsHttpHandler() };
        var client = new SmsClient(server.ConnectionString, options);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync("+14255550123", "+14255550199", "Hi"));

        Assert.Equal(401, error.Status);
        Assert.Equal("x-ms-content-sha256 does not match the body.", Assert.Single(server.Received).Rejection);
    }

    [Fact]
    public async Task TheSignatureCoversTheHostWithItsPort()
    {
        server.EnqueueRecording("acs-sms/SendingSmsMessage.json");

        await new SmsClient(server.ConnectionString, recorder.Options(new SmsClientOptions())).SendAsync("+14255550123", "+14255550199", "Hi");

        var request = Assert.Single(server.Received);
        Assert.True(request.Authenticated, request.Rejection);
        Assert.Equal(server.Endpoint.Authority, request.Header("Host"));
        Assert.StartsWith("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=", request.Header("Authorization"));
    }

    [Fact]
    public async Task AnSmsClientWithATokenCredentialSendsABearerTokenForTheCommunicationScopeAndNoHmacHeaders()
    {
        server.AcceptedBearerToken = "token-from-managed-identity";
        server.EnqueueRecording("acs-sms/SendingTwoSmsMessages.json");
        var credential = new FakeTokenCredential("token-from-managed-identity");
        var client = new SmsClient(server.Endpoint, credential, recorder.Options(new SmsClientOptions()));

        await client.SendAsync("+14255550123", "+14255550199", "Hi");
        await client.SendAsync("+14255550123", "+14255550199", "Hi");

        Assert.All(server.Received, request =>
        {
            Assert.Equal("Bearer token-from-managed-identity", request.Header("Authorization"));
            Assert.Null(request.Header("x-ms-content-sha256"));
            Assert.Null(request.Header("x-ms-date"));
        });
        Assert.Equal(2, server.Received.Count);
        Assert.Equal((1, TokenCredentialAuthenticator.Scope), (credential.Calls, Assert.Single(credential.ScopesRequested)));
        Assert.Equal("https://communication.azure.com//.default", TokenCredentialAuthenticator.Scope);
    }

    [Fact]
    public async Task AnEmailClientWithATokenCredentialSendsABearerToken()
    {
        server.AcceptedBearerToken = "email-token";
        server.EnqueueRecording("acs-email/SendSimpleEmailWithManualPollingForStatus.json");
        var client = new EmailClient(server.Endpoint, new FakeTokenCredential("email-token"), recorder.Options(new EmailClientOptions()));

        var operation = await client.SendAsync(WaitUntil.Started, "sender@example.com", "client@example.com", "Reminder", "<p>Tomorrow at 10</p>");

        var request = Assert.Single(server.Received);
        Assert.Equal("Bearer email-token", request.Header("Authorization"));
        Assert.Null(request.Header("x-ms-content-sha256"));
        Assert.False(operation.HasCompleted);
    }

    [Fact]
    public async Task ATokenTheServiceDoesNotAcceptFailsWith401()
    {
        server.AcceptedBearerToken = "the-right-token";
        var client = new SmsClient(server.Endpoint, new FakeTokenCredential("a-stale-token"), recorder.Options(new SmsClientOptions()));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.SendAsync("+14255550123", "+14255550199", "Hi"));

        Assert.Equal(401, error.Status);
    }

    private sealed class TamperingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var tampered = new StringContent(body.Replace("\"Hi\"", "\"Hi, pay here\""), Encoding.UTF8, "application/json");
            request.Content = tampered;
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
