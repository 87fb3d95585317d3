using Azure.Core;

namespace ClientReminders.Tests.Communication;

/// <summary>Options that record every wait instead of sleeping, and assertions shared by the SMS and email tests.</summary>
internal sealed class DelayRecorder
{
    private readonly List<TimeSpan> delays = [];

    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (delays)
            {
                return [.. delays];
            }
        }
    }

    public T Options<T>(T options, int maxRetries = 3)
        where T : CommunicationClientOptions
    {
        options.Retry.MaxRetries = maxRetries;
        options.Retry.DelayAsync = Record;
        return options;
    }

    private Task Record(TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (delays)
        {
            delays.Add(delay);
        }

        return Task.CompletedTask;
    }
}

internal sealed class FakeTokenCredential(string token) : TokenCredential
{
    private int calls;

    public int Calls => calls;

    public List<string> ScopesRequested { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        lock (ScopesRequested)
        {
            ScopesRequested.AddRange(requestContext.Scopes);
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

internal static class RecordingAssert
{
    /// <summary>Headers the recorded SDK sent that belong to the protocol (not telemetry), and that we must send too.</summary>
    private static readonly string[] ProtocolHeaders =
    [
        "Accept",
        "Content-Type",
        "Authorization",
        "x-ms-content-sha256",
        "x-ms-client-request-id",
        "Operation-Id",
    ];

    public static void Matches(RecordedEntry recorded, ReceivedRequest actual, string? apiVersion = null, params string[] ignoredBodyPaths)
    {
        Assert.Equal(recorded.Method, actual.Method);
        Assert.Equal(recorded.RequestUri.AbsolutePath, actual.Path);
        Assert.Equal(apiVersion ?? recorded.ApiVersion, actual.ApiVersion);
        Assert.True(actual.Authenticated, actual.Rejection);
        Assert.NotNull(actual.Header("x-ms-date"));
        foreach (var header in ProtocolHeaders.Where(recorded.RequestHeaders.ContainsKey))
        {
            Assert.True(actual.Headers.ContainsKey(header), $"{header} was recorded but not sent.");
        }

        if (recorded.RequestHeaders.TryGetValue("Content-Type", out var contentType))
        {
            Assert.StartsWith(contentType, actual.Header("Content-Type"));
        }

        if (recorded.RequestBody.ValueKind == JsonValueKind.Object)
        {
            Assert.Equal(JsonShape.Of(recorded.RequestBody, ignoredBodyPaths), JsonShape.Of(actual.Json));
        }
        else
        {
            Assert.Equal("", actual.Body);
        }
    }
}
