using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Calendars.Ics;

public sealed class IcsFeedFetcherTests : IAsyncLifetime
{
    private FakeFeedServer server = null!;
    private readonly CapturingLoggerProvider logs = new();

    public async Task InitializeAsync() => server = await FakeFeedServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private IcsFeedFetcher Fetcher(TimeSpan? timeout = null, params string[] allowedTestHosts)
    {
        var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        var options = new IcsFeedOptions { AllowedTestHosts = [.. allowedTestHosts], Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        return new IcsFeedFetcher(Options.Create(options), loggers.CreateLogger<IcsFeedFetcher>(), TimeProvider.System);
    }

    private IcsFeedFetcher TestHostFetcher(TimeSpan? timeout = null) => Fetcher(timeout, "127.0.0.1");

    private static async Task<IcsFetchException> FailsAsync(IcsFeedFetcher fetcher, string address, IcsFetchError reason)
    {
        var failure = await Assert.ThrowsAsync<IcsFetchException>(() => fetcher.FetchAsync(address));
        Assert.Equal(reason, failure.Reason);
        return failure;
    }

    [Fact]
    public async Task AFeedOnTheAllowedTestHostIsFetchedWithItsValidators()
    {
        using var fetcher = TestHostFetcher();

        var result = await fetcher.FetchAsync(server.Url("/feeds/google.ics"));

        Assert.False(result.NotModified);
        Assert.Equal(IcsFeeds.Text("google.ics"), result.Content);
        Assert.Equal(new IcsFeedValidators(FakeFeedServer.ETag, FakeFeedServer.LastModified), result.Validators);
        Assert.Equal(8, IcsParser.Parse(result.Content!).Events.Count);
    }

    [Fact]
    public async Task AnUnchangedFeedAnswersNotModifiedToItsETagWithNothingToParse()
    {
        using var fetcher = TestHostFetcher();
        var first = await fetcher.FetchAsync(server.Url("/feeds/google.ics"));

        var second = await fetcher.FetchAsync(server.Url("/feeds/google.ics"), first.Validators);

        Assert.True(second.NotModified);
        Assert.Null(second.Content);
        Assert.Equal(first.Validators, second.Validators);
        Assert.Equal(FakeFeedServer.ETag, server.Requests.Last().IfNoneMatch);
    }

    [Fact]
    public async Task AFeedWithOnlyALastModifiedDateAnswersNotModifiedToIfModifiedSince()
    {
        using var fetcher = TestHostFetcher();
        var first = await fetcher.FetchAsync(server.Url("/by-date/icloud.ics"));

        var second = await fetcher.FetchAsync(server.Url("/by-date/icloud.ics"), first.Validators);

        Assert.Null(first.Validators.ETag);
        Assert.True(second.NotModified);
        Assert.Equal(FakeFeedServer.LastModified, DateTimeOffset.Parse(server.Requests.Last().IfModifiedSince!));
    }

    [Fact]
    public async Task FiveRedirectsAreFollowedIncludingRelativeOnes()
    {
        using var fetcher = TestHostFetcher();

        var result = await fetcher.FetchAsync(server.Url("/chain/4"));

        Assert.Equal(IcsFeeds.Text("google.ics"), result.Content);
        Assert.Equal(6, server.Requests.Count);
    }

    [Fact]
    public async Task ASixthRedirectIsRefused()
    {
        using var fetcher = TestHostFetcher();

        await FailsAsync(fetcher, server.Url("/chain/5"), IcsFetchError.TooManyRedirects);

        Assert.DoesNotContain(server.Requests, r => r.Path.StartsWith("/feeds/"));
    }

    [Fact]
    public async Task ARedirectToPlainHttpIsRefused()
    {
        using var fetcher = TestHostFetcher();

        var failure = await FailsAsync(fetcher, server.Url("/redirect?to=http://localhost:{port}/feeds/google.ics"), IcsFetchError.NotHttps);

        Assert.Contains("redirected", failure.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ARedirectToLoopbackIsRefusedBeforeConnecting()
    {
        using var fetcher = TestHostFetcher();

        await FailsAsync(fetcher, server.Url("/redirect?to=https://localhost:{port}/feeds/google.ics"), IcsFetchError.RefusedAddress);

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ARedirectToAPrivateAddressIsRefusedBeforeConnecting()
    {
        using var fetcher = TestHostFetcher();

        var failure = await FailsAsync(fetcher, server.Url("/redirect?to=https://10.20.30.40/feeds/google.ics"), IcsFetchError.RefusedAddress);

        Assert.Contains("10.20.30.40", failure.Message);
    }

    [Fact]
    public async Task ASlowServerTimesOut()
    {
        using var fetcher = TestHostFetcher(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var failure = await FailsAsync(fetcher, server.Url("/slow"), IcsFetchError.Timeout);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"gave up after {clock.Elapsed}");
        Assert.Contains("did not answer within 0.5 seconds", failure.Message);
    }

    [Fact]
    public async Task AFiftyMegabyteBodyIsRefusedAtTwentyWithoutReadingItAll()
    {
        using var fetcher = TestHostFetcher(TimeSpan.FromSeconds(20));

        var failure = await FailsAsync(fetcher, server.Url("/huge?pauseAfterMb=21"), IcsFetchError.TooLarge);

        await server.HugeBodyEnded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("larger than 20 MB", failure.Message);
        Assert.True(server.HugeBytesWritten < FakeFeedServer.HugeBytes, $"the server wrote {server.HugeBytesWritten:N0} bytes");
    }

    [Fact]
    public async Task ABodyDeclaredLargerThanTheCapIsRefusedBeforeReadingIt()
    {
        using var fetcher = TestHostFetcher(TimeSpan.FromSeconds(20));

        await FailsAsync(fetcher, server.Url("/huge?declared=true&pauseAfterMb=1"), IcsFetchError.TooLarge);

        await server.HugeBodyEnded.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task AnHtmlPageIsNotACalendar()
    {
        using var fetcher = TestHostFetcher();

        await FailsAsync(fetcher, server.Url("/page"), IcsFetchError.NotACalendar);
    }

    [Fact]
    public async Task AnErrorStatusIsReportedWithItsCode()
    {
        using var fetcher = TestHostFetcher();

        var failure = await FailsAsync(fetcher, server.Url("/gone"), IcsFetchError.HttpStatus);

        Assert.Equal(410, failure.StatusCode);
    }

    [Fact]
    public async Task WithoutTheAllowListPlainHttpIsRefusedBeforeAnyRequest()
    {
        using var fetcher = Fetcher();

        await FailsAsync(fetcher, server.Url("/feeds/google.ics"), IcsFetchError.NotHttps);
        await FailsAsync(fetcher, "ftp://example.com/calendar.ics", IcsFetchError.NotHttps);

        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("https://127.0.0.1:{port}/feeds/google.ics")]
    [InlineData("https://localhost:{port}/feeds/google.ics")]
    [InlineData("https://[::1]:{port}/feeds/google.ics")]
    [InlineData("https://[::ffff:127.0.0.1]:{port}/feeds/google.ics")]
    [InlineData("https://10.1.2.3/feeds/google.ics")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://192.168.1.1/calendar.ics")]
    [InlineData("https://0.0.0.0:{port}/calendar.ics")]
    public async Task WithoutTheAllowListLoopbackAndPrivateAddressesAreRefused(string address)
    {
        using var fetcher = Fetcher();

        var failure = await FailsAsync(fetcher, address.Replace("{port}", server.Port.ToString()), IcsFetchError.RefusedAddress);

        Assert.Contains("not a public internet address", failure.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task TheAllowListOnlyOpensTheHostsItNames()
    {
        using var fetcher = TestHostFetcher();

        await FailsAsync(fetcher, $"https://localhost:{server.Port}/feeds/google.ics", IcsFetchError.RefusedAddress);

        Assert.Empty(server.Requests);
    }

    [Fact]
    public void TheAllowListIsEmptyByDefault()
    {
        Assert.Empty(new IcsFeedOptions().AllowedTestHosts);
    }

    [Fact]
    public async Task SomethingThatIsNotAWebAddressIsRefused()
    {
        using var fetcher = Fetcher();

        await FailsAsync(fetcher, "my calendar", IcsFetchError.InvalidAddress);
    }

    [Fact]
    public async Task TheSecretPartOfTheAddressNeverReachesTheLogsOrTheErrors()
    {
        using var fetcher = TestHostFetcher();
        var messages = new List<string>();

        await fetcher.FetchAsync(server.Url("/feeds/google.ics?token=SECRET-TOKEN-123"));
        messages.Add((await Assert.ThrowsAsync<IcsFetchException>(() => fetcher.FetchAsync(server.Url("/gone?token=SECRET-TOKEN-123")))).Message);
        messages.Add(
            (await Assert.ThrowsAsync<IcsFetchException>(() => fetcher.FetchAsync(server.Url("/redirect?to=https://10.0.0.1/SECRET-TOKEN-123")))).Message
        );
        messages.Add((await Assert.ThrowsAsync<IcsFetchException>(() => fetcher.FetchAsync(server.Url("/page?token=SECRET-TOKEN-123")))).Message);

        Assert.Equal(4, logs.Lines.Count(l => l.Contains("http://127.0.0.1/…")));
        Assert.All(logs.Lines.Concat(messages), line => Assert.DoesNotContain("SECRET-TOKEN", line));
        Assert.All(logs.Lines.Concat(messages), line => Assert.DoesNotContain("/feeds/", line));
    }
}
