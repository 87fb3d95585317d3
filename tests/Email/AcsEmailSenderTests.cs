using ClientReminders.Tests.Communication;
using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Email;

public sealed class AcsEmailSenderTests : IAsyncLifetime
{
    private const string Sender = "DoNotReply@mail.clientreminders.example";

    private readonly CapturingLoggerProvider logs = new();
    private FakeAcsServer acs = null!;
    private TestApp app = null!;

    public async Task InitializeAsync()
    {
        acs = await FakeAcsServer.StartAsync();
        app = await Owners.StartAppAsync(
            new Dictionary<string, string>
            {
                ["Acs:ConnectionString"] = acs.ConnectionString,
                ["Acs:SmsFrom"] = "+18005550100",
                ["Acs:EmailFrom"] = Sender,
                ["Logging:LogLevel:Default"] = "Debug",
            },
            configure: builder => builder.Logging.AddProvider(logs)
        );
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await acs.DisposeAsync();
    }

    [Fact]
    public async Task WithAcsConfiguredASignUpEmailIsSentThroughAcsFromTheConfiguredSender()
    {
        var session = RecordedSession.Load("acs-email/SendSimpleEmailWithManualPollingForStatus.json");
        acs.Enqueue(acs.Replay(session.Entries[0]));
        var email = Owners.NewEmail();
        using var browser = new TestBrowser(app);

        await Owners.SignUpAsync(browser, email);

        var request = Assert.Single(acs.Received);
        Assert.True(request.Authenticated, request.Rejection);
        Assert.Equal(("POST", "/emails:send"), (request.Method, request.Path));
        Assert.Equal(Sender, request.Json.GetProperty("senderAddress").GetString());
        Assert.Equal(email, Assert.Single(request.Json.GetProperty("recipients").GetProperty("to").EnumerateArray()).GetProperty("address").GetString());
        Assert.Equal("Your Client Reminders sign-up", request.Json.GetProperty("content").GetProperty("subject").GetString());
        Assert.Contains("/confirm", request.Json.GetProperty("content").GetProperty("plainText").GetString());
        Assert.Empty(Owners.Outbox(app).Messages);
        Assert.Contains(logs.Lines, line => line.Contains("accepted by Communication Services", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ASupportMessageGoesThroughAcsToTheSupportAddress()
    {
        var session = RecordedSession.Load("acs-email/SendSimpleEmailWithManualPollingForStatus.json");
        acs.Enqueue(acs.Replay(session.Entries[0]));
        using var browser = new TestBrowser(app);

        using var response = await browser.PostJsonAsync(
            "/api/support",
            new
            {
                name = "Jane",
                email = "jane@example.com",
                message = "How do I export my clients?",
            }
        );

        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        var request = Assert.Single(acs.Received);
        Assert.Equal(
            "support@clientreminders.example",
            Assert.Single(request.Json.GetProperty("recipients").GetProperty("to").EnumerateArray()).GetProperty("address").GetString()
        );
    }
}
