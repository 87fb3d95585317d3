using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Hosting;

public sealed class LogRedactionTests : IAsyncLifetime
{
    private readonly string secret = "webhook-secret-" + Guid.NewGuid().ToString("N");
    private readonly CapturingLoggerProvider logs = new();
    private TestApp app = null!;

    public async Task InitializeAsync() =>
        app = await TestApp.StartAsync(
            new Dictionary<string, string>
            {
                ["EventGrid:WebhookSecret"] = secret,
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            },
            configure: builder => builder.Logging.AddProvider(logs)
        );

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task TheWebhookSecretInTheQueryStringNeverReachesTheLogsEvenAtTraceLevel()
    {
        using var delivered = await app.Client.PostAsync($"/api/webhooks/eventgrid?code={secret}", UnknownEvent());
        using var handshake = await app.Client.SendAsync(
            new HttpRequestMessage(HttpMethod.Options, $"/api/webhooks/eventgrid?code={Uri.EscapeDataString(secret)}")
            {
                Headers = { { "WebHook-Request-Origin", "eventgrid.azure.net" } },
            }
        );
        using var guessed = await app.Client.PostAsync("/api/webhooks/eventgrid?code=a-wrong-guess-1234", UnknownEvent());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (delivered.StatusCode, handshake.StatusCode, guessed.StatusCode));
        await Eventually.HoldsAsync(
            () => logs.Lines.Count(l => l.Contains("Request finished", StringComparison.Ordinal)) >= 3,
            "the three requests are logged"
        );
        Assert.Contains(logs.Lines, line =>
            line.Contains("Request starting", StringComparison.Ordinal)
            && line.Contains($"/api/webhooks/eventgrid?code={LogRedaction.Redacted}", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains("a-wrong-guess-1234", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSecretIsRedactedFromOurOwnMessagesValuesAndExceptions()
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ClientReminders.Test");
        var url = $"https://app.example/api/webhooks/eventgrid?code={secret}&other=1";

        logger.LogWarning(new HttpRequestException($"Calling {url} failed"), "Delivery to {Url} failed with secret {Secret}", url, secret);

        var line = Assert.Single(logs.Lines, l => l.Contains("ClientReminders.Test", StringComparison.Ordinal));
        Assert.DoesNotContain(secret, line);
        Assert.Contains($"?code={LogRedaction.Redacted}&other=1", line);
        Assert.Contains("System.Net.Http.HttpRequestException", line);
    }

    private static StringContent UnknownEvent() =>
        new(
            """[{"id":"1","eventType":"Example.Unknown","subject":"s","data":{},"eventTime":"2026-01-01T00:00:00Z","dataVersion":"1"}]""",
            Encoding.UTF8,
            "application/json"
        );
}
