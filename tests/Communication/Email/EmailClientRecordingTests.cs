using System.Text.Json.Nodes;
using ClientReminders.AzureClients.Communication.Email;
using EmailMessage = ClientReminders.AzureClients.Communication.Email.EmailMessage;

namespace ClientReminders.Tests.Communication.Email;

public sealed class EmailClientRecordingTests : IAsyncLifetime
{
    // Two sessions were recorded against 2023-01-15-preview; the GA 2023-03-31 we send kept the same request and response shapes.
    private const string ApiVersion = "2023-03-31";
    private const string Sender = "donotreply@3773742c-28d1-4e0a-89b2-1678f84745e6.azurecomm-dev.net";
    private const string Recipient = "acseaastesting@gmail.com";

    private readonly DelayRecorder recorder = new();
    private FakeAcsServer server = null!;

    public async Task InitializeAsync() => server = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private EmailClient Client() => new(server.ConnectionString, recorder.Options(new EmailClientOptions()));

    [Fact]
    public async Task AnHtmlEmailIsSentAsRecordedAndManualPollingSeesRunningUntilSucceeded()
    {
        var session = server.EnqueueRecording("acs-email/SendSimpleEmailWithManualPollingForStatus.json");
        var message = new EmailMessage(
            Sender,
            new EmailRecipients([new EmailAddress(Recipient, "")]),
            new EmailContent("This is the subject") { Html = "<html><body>This is the html body</body></html>" }
        );

        var operation = await Client().SendAsync(WaitUntil.Started, message);
        var statuses = new List<string> { Status(operation.GetRawResponse()) };
        while (!operation.HasCompleted)
        {
            await operation.UpdateStatusAsync();
            statuses.Add(Status(operation.GetRawResponse()));
        }

        var requests = server.Received;
        Assert.Equal(session.Entries.Count, requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            RecordingAssert.Matches(session.Entries[i] with { RequestUri = RecordedUriWithId(session.Entries[i], operation.Id) }, requests[i], ApiVersion);
        }

        AssertSameJson(session.Entries[0].RequestBody, requests[0].Json);
        Assert.True(Guid.TryParse(requests[0].Header("Operation-Id"), out _));
        Assert.Equal("d81aadd3-b2c7-4ac3-af75-18a6c2325420", operation.Id);
        Assert.Equal(["Running", "Running", "Running", "Running", "Running", "Running", "Succeeded"], statuses);
        Assert.Equal(new EmailSendResult(operation.Id, EmailSendStatus.Succeeded), operation.Value);
    }

    [Fact]
    public async Task WaitingForCompletionPollsAfterEachRetryAfterUntilSucceeded()
    {
        var session = server.EnqueueRecording("acs-email/SendEmailAndWaitForStatusWithAutomaticPolling(True,True,True).json");
        var message = new EmailMessage(
            Sender,
            new EmailRecipients(
                [new EmailAddress(Recipient, "ToAddress")],
                [new EmailAddress(Recipient, "CcAddress")],
                [new EmailAddress(Recipient, "BccAddress")]
            ),
            new EmailContent("subject") { PlainText = "Test" }
        );

        var operation = await Client().SendAsync(WaitUntil.Completed, message);

        var requests = server.Received;
        Assert.Equal(3, requests.Count);
        RecordingAssert.Matches(session.Entries[0], requests[0], ApiVersion);
        AssertSameJson(session.Entries[0].RequestBody, requests[0].Json);
        RecordingAssert.Matches(session.Entries[1], requests[1], ApiVersion);
        RecordingAssert.Matches(session.Entries[2], requests[2], ApiVersion);
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)], recorder.Delays);
        Assert.True(operation.HasCompleted);
        Assert.Equal(("be62a824-8737-4607-a637-b04fcb036f2a", EmailSendStatus.Succeeded), (operation.Value.Id, operation.Value.Status));
    }

    [Fact]
    public async Task AnEmailWithTextAndHtmlIsSentAsRecordedLeavingOutTheAttachments()
    {
        var session = server.EnqueueRecording("acs-email/SendEmailWithAttachment.json");
        var message = new EmailMessage(
            Sender,
            new EmailRecipients([new EmailAddress(Recipient, "")]),
            new EmailContent("This is the subject") { PlainText = "This is the body", Html = "<html><body>This is the html body</body></html>" }
        );

        var operation = await Client().SendAsync(WaitUntil.Started, message);
        var completed = await operation.WaitForCompletionAsync();

        var requests = server.Received;
        Assert.Equal(4, requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            RecordingAssert.Matches(
                session.Entries[i] with
                {
                    RequestUri = RecordedUriWithId(session.Entries[i], operation.Id),
                },
                requests[i],
                ApiVersion,
                "attachments"
            );
        }

        var recorded = JsonNode.Parse(session.Entries[0].RequestBody.GetRawText())!.AsObject();
        recorded.Remove("attachments");
        AssertSameJson(JsonSerializer.SerializeToElement(recorded), requests[0].Json);
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30)], recorder.Delays);
        Assert.Equal(EmailSendStatus.Succeeded, completed.Value.Status);
        Assert.Equal("bdaf5e1e-d2ee-45e6-873c-bc8ae37547cf", completed.Value.Id);
    }

    [Fact]
    public async Task CustomHeadersAreSentAsAHeadersObjectBesideTheRecordedBody()
    {
        var session = server.EnqueueRecording("acs-email/SendSimpleEmailWithManualPollingForStatus.json");
        var message = new EmailMessage(
            Sender,
            new EmailRecipients([new EmailAddress(Recipient, "")]),
            new EmailContent("This is the subject") { Html = "<html><body>This is the html body</body></html>" }
        );
        message.Headers["List-Unsubscribe"] = "<https://app.example/api/unsubscribe?token=abc>";
        message.Headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";

        await Client().SendAsync(WaitUntil.Started, message);

        var sent = JsonNode.Parse(server.Received[0].Body)!.AsObject();
        var headers = sent["headers"]!.AsObject();
        sent.Remove("headers");
        AssertSameJson(session.Entries[0].RequestBody, JsonSerializer.SerializeToElement(sent));
        Assert.Equal(
            [("List-Unsubscribe", "<https://app.example/api/unsubscribe?token=abc>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")],
            headers.Select(h => (h.Key, h.Value!.GetValue<string>())).ToList()
        );
    }

    [Fact]
    public async Task NoHeadersObjectIsSentWhenThereAreNoCustomHeaders()
    {
        server.EnqueueRecording("acs-email/SendSimpleEmailWithManualPollingForStatus.json");
        var message = new EmailMessage(Sender, Recipient, new EmailContent("This is the subject") { PlainText = "Hello" });

        await Client().SendAsync(WaitUntil.Started, message);

        Assert.False(server.Received[0].Json.TryGetProperty("headers", out _));
    }

    // The recorder replaced the operation id in the polled URLs with "sanitizedId"; the client polls by the id the service returned.
    private static Uri RecordedUriWithId(RecordedEntry entry, string id) =>
        new(entry.RequestUri.AbsoluteUri.Replace("/sanitizedId", $"/{id}", StringComparison.Ordinal));

    private static string Status(Response response) => JsonDocument.Parse(response.Content.ToString()).RootElement.GetProperty("status").GetString()!;

    private static void AssertSameJson(JsonElement expected, JsonElement actual) =>
        Assert.True(JsonElement.DeepEquals(expected, actual), $"Expected {expected.GetRawText()}\nActual   {actual.GetRawText()}");
}
