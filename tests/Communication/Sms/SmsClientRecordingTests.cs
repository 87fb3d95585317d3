using ClientReminders.AzureClients.Communication.Sms;

namespace ClientReminders.Tests.Communication.Sms;

public sealed class SmsClientRecordingTests : IAsyncLifetime
{
    private const string From = "+14255550123";
    private const string To = "+14255550199";

    private readonly DelayRecorder recorder = new();
    private FakeAcsServer server = null!;

    public async Task InitializeAsync() => server = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private SmsClient Client() => new(server.ConnectionString, recorder.Options(new SmsClientOptions()));

    [Fact]
    public async Task ASingleSmsIsSentAsRecordedAndItsMessageIdIsReturned()
    {
        var session = server.EnqueueRecording("acs-sms/SendingSmsMessage.json");

        var response = await Client().SendAsync(From, To, "Hi");

        var request = Assert.Single(server.Received);
        RecordingAssert.Matches(session.Entries[0], request);
        AssertRepeatable(request.Json.GetProperty("smsRecipients")[0]);
        Assert.Equal(To, request.Json.GetProperty("smsRecipients")[0].GetProperty("to").GetString());
        Assert.Equal((From, "Hi"), (request.Json.GetProperty("from").GetString(), request.Json.GetProperty("message").GetString()));
        Assert.False(request.Json.TryGetProperty("smsSendOptions", out _));
        var result = response.Value;
        Assert.Equal("Outgoing_20210309213228b4372a0b-6cf9-4b93-8c0e-c49db855a365_noam", result.MessageId);
        Assert.Equal((true, 202, null), (result.Successful, result.HttpStatusCode, result.ErrorMessage));
        Assert.Equal(202, response.GetRawResponse().Status);
    }

    [Fact]
    public async Task AGroupSmsWithOptionsCarriesTheDeliveryReportAndTagAndOneRepeatabilityIdPerRecipient()
    {
        var session = server.EnqueueRecording("acs-sms/SendingSmsMessageToGroupWithOptions.json");

        var response = await Client().SendAsync(From, [To, "+14255550188"], "Hi", new SmsSendOptions(enableDeliveryReport: true) { Tag = "marketing" });

        var request = Assert.Single(server.Received);
        RecordingAssert.Matches(session.Entries[0], request);
        var options = request.Json.GetProperty("smsSendOptions");
        Assert.True(options.GetProperty("enableDeliveryReport").GetBoolean());
        Assert.Equal("marketing", options.GetProperty("tag").GetString());
        var recipients = request.Json.GetProperty("smsRecipients").EnumerateArray().ToList();
        Assert.Equal([To, "+14255550188"], recipients.Select(recipient => recipient.GetProperty("to").GetString()));
        recipients.ForEach(AssertRepeatable);
        Assert.NotEqual(recipients[0].GetProperty("repeatabilityRequestId").GetString(), recipients[1].GetProperty("repeatabilityRequestId").GetString());
        Assert.Equal(
            ["Outgoing_2021030921323084ea09d7-e818-40ca-8945-869b21356fe7_noam", "Outgoing_20210309213230940e5a41-b71e-4656-a6c3-d45799b1f3f1_noam"],
            response.Value.Select(result => result.MessageId)
        );
        Assert.All(response.Value, result => Assert.True(result.Successful));
    }

    [Fact]
    public async Task ARecipientTheServiceRefusesIsReturnedAsAFailedResultNotThrown()
    {
        var session = server.EnqueueRecording("acs-sms/SendingSmsMessageToFakeNumber.json");

        var response = await Client().SendAsync(From, "+1555", "Hi");

        RecordingAssert.Matches(session.Entries[0], Assert.Single(server.Received));
        var result = response.Value;
        Assert.Equal((false, 400, "Invalid To phone number format.", null), (result.Successful, result.HttpStatusCode, result.ErrorMessage, result.MessageId));
        Assert.Equal(202, response.GetRawResponse().Status);
    }

    [Fact]
    public async Task AnInvalidSenderFailsTheWholeRequestWithTheServicesValidationMessage()
    {
        var session = server.EnqueueRecording("acs-sms/SendingSmsMessageFromFakeNumber.json");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client().SendAsync("+1555", To, "Hi"));

        RecordingAssert.Matches(session.Entries[0], Assert.Single(server.Received));
        Assert.Equal(400, error.Status);
        Assert.Null(error.ErrorCode);
        Assert.Contains("From: Invalid From phone number format", error.Message);
    }

    [Fact]
    public async Task ASenderNumberTheResourceDoesNotOwnFailsWith404AndIsNotRetried()
    {
        var session = server.EnqueueRecording("acs-sms/SendingSmsMessageFromUnauthorizedNumber.json");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client().SendAsync("+18005555555", To, "Hi"));

        RecordingAssert.Matches(session.Entries[0], Assert.Single(server.Received));
        Assert.Equal(404, error.Status);
        Assert.Empty(recorder.Delays);
    }

    [Fact]
    public async Task TwoSendsAreTwoRequestsWithTheirOwnRepeatabilityIds()
    {
        var session = server.EnqueueRecording("acs-sms/SendingTwoSmsMessages.json");
        var client = Client();

        var first = await client.SendAsync(From, To, "Hi");
        var second = await client.SendAsync(From, To, "Hi");

        Assert.Equal(2, server.Received.Count);
        RecordingAssert.Matches(session.Entries[0], server.Received[0]);
        RecordingAssert.Matches(session.Entries[1], server.Received[1]);
        Assert.NotEqual(RepeatabilityId(server.Received[0]), RepeatabilityId(server.Received[1]));
        Assert.Equal(MessageId(session.Entries[0]), first.Value.MessageId);
        Assert.Equal(MessageId(session.Entries[1]), second.Value.MessageId);
    }

    internal static string RepeatabilityId(ReceivedRequest request, int recipient = 0) =>
        request.Json.GetProperty("smsRecipients")[recipient].GetProperty("repeatabilityRequestId").GetString()!;

    internal static string FirstSent(ReceivedRequest request, int recipient = 0) =>
        request.Json.GetProperty("smsRecipients")[recipient].GetProperty("repeatabilityFirstSent").GetString()!;

    private static string? MessageId(RecordedEntry entry) => entry.ResponseBody.GetProperty("value")[0].GetProperty("messageId").GetString();

    private static void AssertRepeatable(JsonElement recipient)
    {
        Assert.True(Guid.TryParse(recipient.GetProperty("repeatabilityRequestId").GetString(), out _));
        Assert.True(
            DateTimeOffset.TryParseExact(
                recipient.GetProperty("repeatabilityFirstSent").GetString(),
                "R",
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal,
                out _
            )
        );
    }
}
