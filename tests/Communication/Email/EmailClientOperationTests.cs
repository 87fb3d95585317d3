using ClientReminders.AzureClients.Communication.Email;
using EmailMessage = ClientReminders.AzureClients.Communication.Email.EmailMessage;

namespace ClientReminders.Tests.Communication.Email;

public sealed class EmailClientOperationTests : IAsyncLifetime
{
    private readonly DelayRecorder recorder = new();
    private FakeAcsServer server = null!;

    public async Task InitializeAsync() => server = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private EmailClient Client() => new(server.ConnectionString, recorder.Options(new EmailClientOptions()));

    private static EmailMessage Reminder() =>
        new(
            "reminders@clientreminders.example",
            new EmailRecipients([new EmailAddress("jane@example.com", "Jane")]),
            new EmailContent("Your appointment tomorrow") { PlainText = "See you at 10:00.", Html = "<p>See you at 10:00.</p>" }
        );

    private static ScriptedResponse Accepted(string id, string? retryAfter = "1") =>
        ScriptedResponse.Json(202, $$"""{"id":"{{id}}","status":"Running","error":null}""", retryAfter is null ? [] : [("Retry-After", retryAfter)]);

    private static ScriptedResponse Polled(string id, string status, string error = "null") =>
        ScriptedResponse.Json(200, $$"""{"id":"{{id}}","status":"{{status}}","error":{{error}}}""");

    [Fact]
    public async Task TheCallersOperationIdIsSentAndStaysTheSameAcrossRetries()
    {
        var operationId = Guid.NewGuid();
        server.Enqueue(ScriptedResponse.ServiceUnavailable(), ScriptedResponse.TooManyRequests("2"), Accepted(operationId.ToString()));

        var operation = await Client().SendAsync(WaitUntil.Started, Reminder(), new EmailSendOptions(operationId));

        Assert.Equal(3, server.Received.Count);
        Assert.All(server.Received, request => Assert.Equal(operationId.ToString(), request.Header("Operation-Id")));
        Assert.Equal(operationId.ToString(), operation.Id);
        Assert.Equal(TimeSpan.FromSeconds(2), recorder.Delays[1]);
    }

    [Fact]
    public async Task WithoutAnOperationIdEachSendGetsANewOne()
    {
        server.Enqueue(Accepted("a"), Accepted("b"));

        await Client().SendAsync(WaitUntil.Started, Reminder());
        await Client().SendAsync(WaitUntil.Started, Reminder());

        var ids = server.Received.Select(request => request.Header("Operation-Id")).ToList();
        Assert.All(ids, id => Assert.True(Guid.TryParse(id, out _)));
        Assert.NotEqual(ids[0], ids[1]);
    }

    [Fact]
    public async Task AFailedOperationSurfacesTheServicesError()
    {
        server.Enqueue(
            Accepted("op-1"),
            Polled("op-1", "Running"),
            Polled("op-1", "Failed", """{"code":"EmailDroppedAllRecipientsSuppressed","message":"Message dropped because all recipients were suppressed."}""")
        );

        var operation = await Client().SendAsync(WaitUntil.Started, Reminder());
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => operation.WaitForCompletionAsync().AsTask());

        Assert.Equal("EmailDroppedAllRecipientsSuppressed", error.ErrorCode);
        Assert.Contains("all recipients were suppressed", error.Message);
        Assert.True(operation.HasCompleted);
        Assert.False(operation.HasValue);
        Assert.Same(error, Assert.Throws<RequestFailedException>(() => operation.Value));
    }

    [Fact]
    public async Task WaitingUntilCompletedThrowsWhenTheOperationFails()
    {
        server.Enqueue(Accepted("op-2"), Polled("op-2", "Canceled"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client().SendAsync(WaitUntil.Completed, Reminder()));

        Assert.Contains("Canceled", error.Message);
    }

    [Fact]
    public async Task AnOperationCanBeResumedByIdAfterARestart()
    {
        server.Enqueue(Polled("op-3", "Running"), Polled("op-3", "Succeeded"));
        var operation = new EmailSendOperation("op-3", Client());

        var result = await operation.WaitForCompletionAsync();

        Assert.Equal(EmailSendStatus.Succeeded, result.Value.Status);
        Assert.All(server.Received, request =>
            Assert.Equal(("GET", "/emails/operations/op-3", "2023-03-31"), (request.Method, request.Path, request.ApiVersion))
        );
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task PollingHonoursARetryAfterGivenAsAnHttpDateOrInMilliseconds()
    {
        var now = DateTimeOffset.UtcNow;
        server.Enqueue(
            Accepted("op-4", retryAfter: now.AddSeconds(90).ToString("R")),
            ScriptedResponse.Json(200, """{"id":"op-4","status":"Running","error":null}""", ("retry-after-ms", "250")),
            Polled("op-4", "Succeeded")
        );
        var options = recorder.Options(new EmailClientOptions());
        options.TimeProvider = new FixedTimeProvider(now);

        await new EmailClient(server.ConnectionString, options).SendAsync(WaitUntil.Completed, Reminder());

        Assert.Equal(TimeSpan.FromMilliseconds(250), recorder.Delays[1]);
        Assert.InRange(recorder.Delays[0].TotalSeconds, 89, 90);
    }

    [Fact]
    public async Task AnEmailWithoutRecipientsIsRefusedBeforeAnythingIsSent()
    {
        var message = new EmailMessage("reminders@clientreminders.example", new EmailRecipients(), new EmailContent("Hi") { PlainText = "Hi" });

        await Assert.ThrowsAsync<ArgumentException>(() => Client().SendAsync(WaitUntil.Started, message));

        Assert.Empty(server.Received);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
