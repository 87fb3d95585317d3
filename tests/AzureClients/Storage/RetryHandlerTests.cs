using System.Text;
using Azure;
using ClientReminders.AzureClients.Queues;
using ClientReminders.AzureClients.Storage;
using ClientReminders.AzureClients.Tables;

namespace ClientReminders.Tests.AzureClients.Storage;

public sealed class RetryHandlerTests
{
    private const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://storage.invalid/devstoreaccount1;QueueEndpoint=http://storage.invalid/devstoreaccount1";

    private readonly List<TimeSpan> delays = [];

    private HttpClient ClientOver(StubHandler stub, int maxRetries = 3, TimeProvider? time = null)
    {
        var options = new StorageRetryOptions { MaxRetries = maxRetries, Delay = TimeSpan.FromSeconds(1), DelayAsync = Record };
        return new HttpClient(new RetryHandler(options, time ?? TimeProvider.System) { InnerHandler = stub });
    }

    private Task Record(TimeSpan delay, CancellationToken cancellationToken)
    {
        delays.Add(delay);
        return Task.CompletedTask;
    }

    private TableClientOptions TableOptions(StubHandler stub, int maxRetries)
    {
        var options = new TableClientOptions { Transport = stub };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.DelayAsync = Record;
        return options;
    }

    [Fact]
    public async Task ServiceUnavailableIsRetriedUntilTheServiceRecovers()
    {
        var stub = new StubHandler(StubHandler.Reply(503), StubHandler.Reply(503), StubHandler.Reply(200));

        var response = await ClientOver(stub).GetAsync("http://storage.invalid/");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(3, stub.Calls);
        Assert.Equal(2, delays.Count);
    }

    [Fact]
    public async Task BackoffDoublesWithJitterAndStaysBelowTheMaximum()
    {
        var stub = new StubHandler(StubHandler.Reply(500));
        var options = new StorageRetryOptions { MaxRetries = 4, Delay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5), DelayAsync = Record };
        var client = new HttpClient(new RetryHandler(options, TimeProvider.System) { InnerHandler = stub });

        await client.GetAsync("http://storage.invalid/");

        Assert.InRange(delays[0].TotalSeconds, 0.8, 1.2);
        Assert.InRange(delays[1].TotalSeconds, 1.6, 2.4);
        Assert.InRange(delays[2].TotalSeconds, 3.2, 4.8);
        Assert.Equal(5, delays[3].TotalSeconds);
    }

    [Fact]
    public async Task RetryAfterInSecondsIsHonoured()
    {
        var stub = new StubHandler(StubHandler.Reply(429, ("Retry-After", "2")), StubHandler.Reply(200));

        await ClientOver(stub).GetAsync("http://storage.invalid/");

        Assert.Equal([TimeSpan.FromSeconds(2)], delays);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheMaximumDelayIsAnsweredAtOnceNotWaitedFor()
    {
        var stub = new StubHandler(StubHandler.Reply(429, ("Retry-After", "3600")), StubHandler.Reply(200));

        using var response = await ClientOver(stub).GetAsync("http://storage.invalid/");

        Assert.Equal((System.Net.HttpStatusCode.TooManyRequests, 1), (response.StatusCode, stub.Calls));
        Assert.Empty(delays);
    }

    [Fact]
    public async Task RetryAfterAsAnHttpDateIsHonoured()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var stub = new StubHandler(StubHandler.Reply(503, ("Retry-After", now.AddSeconds(30).ToString("R"))), StubHandler.Reply(200));

        await ClientOver(stub, time: new FixedTimeProvider(now)).GetAsync("http://storage.invalid/");

        Assert.Equal([TimeSpan.FromSeconds(30)], delays);
    }

    [Fact]
    public async Task RetryAfterInMillisecondsIsHonoured()
    {
        var stub = new StubHandler(StubHandler.Reply(503, ("x-ms-retry-after-ms", "250")), StubHandler.Reply(200));

        await ClientOver(stub).GetAsync("http://storage.invalid/");

        Assert.Equal([TimeSpan.FromMilliseconds(250)], delays);
    }

    [Fact]
    public async Task TransientNetworkErrorsAreRetried()
    {
        var stub = new StubHandler(_ => throw new HttpRequestException("connection reset"), StubHandler.Reply(200));

        var response = await ClientOver(stub).GetAsync("http://storage.invalid/");

        Assert.Equal((200, 2), ((int)response.StatusCode, stub.Calls));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    public async Task ClientErrorsAreNotRetried(int status)
    {
        var stub = new StubHandler(StubHandler.Reply(status), StubHandler.Reply(200));

        var response = await ClientOver(stub).GetAsync("http://storage.invalid/");

        Assert.Equal((status, 1), ((int)response.StatusCode, stub.Calls));
        Assert.Empty(delays);
    }

    [Fact]
    public async Task AfterTheLastRetryTheClientThrowsTheLastResponseAsRequestFailed()
    {
        var busy = new StubHandler(_ => new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable)
        {
            Content = new StringContent(
                """{"odata.error":{"code":"ServerBusy","message":{"lang":"en-US","value":"The server is busy."}}}""",
                Encoding.UTF8,
                "application/json"),
        });
        var table = new TableClient(ConnectionString, "reminders", TableOptions(busy, maxRetries: 2));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r"));

        Assert.Equal((503, "ServerBusy", 3), (error.Status, error.ErrorCode, busy.Calls));
        Assert.Contains("The server is busy.", error.Message);
    }

    [Fact]
    public async Task EveryAttemptIsSignedAgain()
    {
        var stub = new StubHandler(StubHandler.Reply(503), StubHandler.Reply(204));
        var table = new TableClient(ConnectionString, "reminders", TableOptions(stub, maxRetries: 1));

        await table.DeleteEntityAsync("p", "r");

        Assert.Equal(2, stub.SignaturesSeen.Count);
        Assert.All(stub.SignaturesSeen, signature => Assert.StartsWith("SharedKey devstoreaccount1:", signature));
    }

    [Fact]
    public async Task ErrorCodeIsTakenFromTheHeaderWhenTheBodyIsEmpty()
    {
        var stub = new StubHandler(StubHandler.Reply(404, ("x-ms-error-code", "QueueNotFound")));
        var options = new QueueClientOptions { Transport = stub };
        var queue = new QueueClient(ConnectionString, "reminders", options);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.GetPropertiesAsync());

        Assert.Equal((404, "QueueNotFound"), (error.Status, error.ErrorCode));
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
