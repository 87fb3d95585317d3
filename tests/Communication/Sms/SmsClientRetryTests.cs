using ClientReminders.AzureClients.Communication.Sms;
using static ClientReminders.Tests.Communication.Sms.SmsClientRecordingTests;

namespace ClientReminders.Tests.Communication.Sms;

public sealed class SmsClientRetryTests : IAsyncLifetime
{
    private const string From = "+14255550123";
    private const string To = "+14255550199";

    private readonly DelayRecorder recorder = new();
    private FakeAcsServer server = null!;

    public async Task InitializeAsync() => server = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private SmsClient Client(int maxRetries = 3, TimeSpan? networkTimeout = null)
    {
        var options = recorder.Options(new SmsClientOptions(), maxRetries);
        options.Retry.NetworkTimeout = networkTimeout ?? options.Retry.NetworkTimeout;
        return new SmsClient(server.ConnectionString, options);
    }

    [Fact]
    public async Task ThrottlingIsRetriedOnceAfterTheRetryAfterDelayWithTheSameRepeatabilityId()
    {
        server.Enqueue(ScriptedResponse.TooManyRequests("7"));
        server.EnqueueRecording("acs-sms/SendingSmsMessage.json");

        var response = await Client().SendAsync(From, To, "Hi");

        Assert.True(response.Value.Successful);
        Assert.Equal([TimeSpan.FromSeconds(7)], recorder.Delays);
        AssertOneLogicalSend(server.Received, attempts: 2);
    }

    [Fact]
    public async Task AStormOf503GivesUpAfterTheMaximumRetries()
    {
        server.Enqueue([.. Enumerable.Range(0, 5).Select(_ => ScriptedResponse.ServiceUnavailable())]);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client(maxRetries: 3).SendAsync(From, To, "Hi"));

        Assert.Equal((503, "ServiceUnavailable"), (error.Status, error.ErrorCode));
        Assert.Equal(3, recorder.Delays.Count);
        AssertOneLogicalSend(server.Received, attempts: 4);
    }

    [Fact]
    public async Task ADroppedConnectionIsRetriedWithTheSameRepeatabilityId()
    {
        server.Enqueue(ScriptedResponse.DropConnection());
        server.EnqueueRecording("acs-sms/SendingSmsMessage.json");

        var response = await Client().SendAsync(From, To, "Hi");

        Assert.True(response.Value.Successful);
        AssertOneLogicalSend(server.Received, attempts: 2);
    }

    [Fact]
    public async Task AnAnswerSlowerThanTheNetworkTimeoutIsRetriedWithTheSameRepeatabilityId()
    {
        server.Enqueue(ScriptedResponse.Stall(TimeSpan.FromMinutes(5)));
        server.EnqueueRecording("acs-sms/SendingSmsMessage.json");

        var response = await Client(networkTimeout: TimeSpan.FromMilliseconds(200)).SendAsync(From, To, "Hi");

        Assert.True(response.Value.Successful);
        AssertOneLogicalSend(server.Received, attempts: 2);
    }

    [Fact]
    public async Task AConnectionThatKeepsDroppingFailsWithStatusZero()
    {
        server.Enqueue([.. Enumerable.Range(0, 3).Select(_ => ScriptedResponse.DropConnection())]);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client(maxRetries: 2).SendAsync(From, To, "Hi"));

        Assert.Equal(0, error.Status);
        AssertOneLogicalSend(server.Received, attempts: 3);
    }

    [Fact]
    public async Task ACallersRepeatabilityIdAndFirstSentAreSentAsGiven()
    {
        var id = Guid.Parse("6b1d3f0e-8f7a-4c55-9d61-2f0e1c3a7b90");
        var firstSent = new DateTimeOffset(2040, 5, 1, 8, 0, 0, TimeSpan.Zero);
        server.EnqueueRecording("acs-sms/SendingSmsMessage.json");

        await Client().SendAsync(From, To, "Hi", new SmsSendOptions(false) { RepeatabilityRequestId = id, RepeatabilityFirstSent = firstSent });

        var request = Assert.Single(server.Received);
        Assert.Equal(id.ToString(), RepeatabilityId(request));
        Assert.Equal("Tue, 01 May 2040 08:00:00 GMT", FirstSent(request));
    }

    [Fact]
    public async Task ACallersRepeatabilityIdGivesEachRecipientOfAGroupTheSameIdsWhenTheSendIsRepeatedAfterACrash()
    {
        var id = Guid.NewGuid();
        var options = new SmsSendOptions(true) { RepeatabilityRequestId = id, RepeatabilityFirstSent = DateTimeOffset.UtcNow };
        server.EnqueueRecording("acs-sms/SendingSmsMessageToGroupWithOptions.json");
        server.EnqueueRecording("acs-sms/SendingSmsMessageToGroupWithOptions.json");

        await Client().SendAsync(From, [To, "+14255550188"], "Hi", options);
        await Client().SendAsync(From, [To, "+14255550188"], "Hi", options);

        var (first, repeated) = (server.Received[0], server.Received[1]);
        Assert.Equal(RepeatabilityId(first, 0), RepeatabilityId(repeated, 0));
        Assert.Equal(RepeatabilityId(first, 1), RepeatabilityId(repeated, 1));
        Assert.NotEqual(RepeatabilityId(first, 0), RepeatabilityId(first, 1));
        Assert.All([RepeatabilityId(first, 0), RepeatabilityId(first, 1)], value => Assert.True(Guid.TryParse(value, out _)));
    }

    private static void AssertOneLogicalSend(IReadOnlyList<ReceivedRequest> received, int attempts)
    {
        Assert.Equal(attempts, received.Count);
        Assert.All(received, request => Assert.True(request.Authenticated, request.Rejection));
        Assert.Single(received.Select(request => RepeatabilityId(request)).Distinct());
        Assert.Single(received.Select(request => FirstSent(request)).Distinct());
    }
}
