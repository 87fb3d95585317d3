namespace ClientReminders.Tests.Communication;

public sealed class RetryHandlerTests
{
    private readonly List<TimeSpan> delays = [];

    private HttpClient ClientOver(StubHandler stub, int maxRetries = 3, TimeProvider? time = null)
    {
        var options = new CommunicationRetryOptions
        {
            MaxRetries = maxRetries,
            Delay = TimeSpan.FromSeconds(1),
            DelayAsync = Record,
        };
        return new HttpClient(new RetryHandler(options, time ?? TimeProvider.System) { InnerHandler = stub });
    }

    private Task Record(TimeSpan delay, CancellationToken cancellationToken)
    {
        delays.Add(delay);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ServiceUnavailableIsRetriedUntilTheServiceRecovers()
    {
        var stub = new StubHandler(StubHandler.Reply(503), StubHandler.Reply(503), StubHandler.Reply(200));

        var response = await ClientOver(stub).GetAsync("http://acs.invalid/");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(3, stub.Calls);
        Assert.Equal(2, delays.Count);
    }

    [Fact]
    public async Task BackoffDoublesWithJitterAndStaysBelowTheMaximum()
    {
        var stub = new StubHandler(StubHandler.Reply(500));
        var options = new CommunicationRetryOptions
        {
            MaxRetries = 4,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(5),
            DelayAsync = Record,
        };
        var client = new HttpClient(new RetryHandler(options, TimeProvider.System) { InnerHandler = stub });

        await client.GetAsync("http://acs.invalid/");

        Assert.InRange(delays[0].TotalSeconds, 0.8, 1.2);
        Assert.InRange(delays[1].TotalSeconds, 1.6, 2.4);
        Assert.InRange(delays[2].TotalSeconds, 3.2, 4.8);
        Assert.Equal(5, delays[3].TotalSeconds);
    }

    [Fact]
    public async Task RetryAfterInSecondsIsHonoured()
    {
        var stub = new StubHandler(StubHandler.Reply(429, ("Retry-After", "2")), StubHandler.Reply(200));

        await ClientOver(stub).GetAsync("http://acs.invalid/");

        Assert.Equal([TimeSpan.FromSeconds(2)], delays);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheMaximumDelayIsAnsweredAtOnceNotWaitedFor()
    {
        var stub = new StubHandler(StubHandler.Reply(429, ("Retry-After", "3600")), StubHandler.Reply(200));

        using var response = await ClientOver(stub).GetAsync("http://acs.invalid/");

        Assert.Equal((HttpStatusCode.TooManyRequests, 1), (response.StatusCode, stub.Calls));
        Assert.Empty(delays);
    }

    [Fact]
    public async Task RetryAfterAsAnHttpDateIsHonoured()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var stub = new StubHandler(StubHandler.Reply(503, ("Retry-After", now.AddSeconds(30).ToString("R"))), StubHandler.Reply(200));

        await ClientOver(stub, time: new FixedTimeProvider(now)).GetAsync("http://acs.invalid/");

        Assert.Equal([TimeSpan.FromSeconds(30)], delays);
    }

    [Fact]
    public async Task RetryAfterInMillisecondsIsHonoured()
    {
        var stub = new StubHandler(StubHandler.Reply(503, ("x-ms-retry-after-ms", "250")), StubHandler.Reply(200));

        await ClientOver(stub).GetAsync("http://acs.invalid/");

        Assert.Equal([TimeSpan.FromMilliseconds(250)], delays);
    }

    [Fact]
    public async Task TransientNetworkErrorsAreRetried()
    {
        var stub = new StubHandler(_ => throw new HttpRequestException("connection reset"), StubHandler.Reply(200));

        var response = await ClientOver(stub).GetAsync("http://acs.invalid/");

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

        var response = await ClientOver(stub).GetAsync("http://acs.invalid/");

        Assert.Equal((status, 1), ((int)response.StatusCode, stub.Calls));
        Assert.Empty(delays);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
