using System.Diagnostics;

namespace ClientReminders.Tests.Packaging;

/// <summary>The packaged handler started as the Functions host starts it: its executable, its working directory, FUNCTIONS_CUSTOMHANDLER_PORT.</summary>
[Collection(nameof(PublishedPackage))]
public sealed class PackagedHandlerTests(PublishedPackage package) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder output = new();
    private Process handler = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var port = TestApp.FreePort();
        var startInfo = new ProcessStartInfo(package.InPackage("handler", "ClientReminders.Api"))
        {
            WorkingDirectory = package.InPackage("handler"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Only what the Functions host and the app settings would give it: nothing from the test run's own environment.
        startInfo.Environment.Clear();
        startInfo.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        startInfo.Environment["HOME"] = Path.GetTempPath();
        startInfo.Environment[TriggersSetup.CustomHandlerPortVariable] = port.ToString(CultureInfo.InvariantCulture);
        startInfo.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        startInfo.Environment["Security__MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        handler = Process.Start(startInfo)!;
        handler.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        handler.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        handler.BeginOutputReadLine();
        handler.BeginErrorReadLine();
        client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var _ = await client.GetAsync("/api/health");
                return;
            }
            catch (HttpRequestException) when (!handler.HasExited && deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(50);
            }
            catch (HttpRequestException exception)
            {
                throw new InvalidOperationException($"The packaged handler did not answer on port {port}:\n{Output()}", exception);
            }
        }
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        if (!handler.HasExited)
        {
            handler.Kill(entireProcessTree: true);
            await handler.WaitForExitAsync();
        }
        handler.Dispose();
    }

    [Fact]
    public async Task AForwardedHttpRequestIsServedInProductionWithoutDevelopmentEndpoints()
    {
        using var health = await client.GetAsync("/api/health");
        using var devEmails = await client.GetAsync("/api/dev/emails");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, devEmails.StatusCode);
        Assert.Contains("Hosting environment: Production", Output());
    }

    [Fact]
    public async Task ATimerInvocationIsAnsweredWithTheDocumentedShape()
    {
        const string invocation = """
            {
              "Data": { "timer": { "Schedule": { "AdjustForDST": true }, "IsPastDue": false } },
              "Metadata": { "sys": { "MethodName": "RetentionPurge", "UtcNow": "2026-11-21T02:30:00.01Z", "RandGuid": "0f8fad5b-d9cb-469f-a165-70867728950e" } }
            }
            """;

        using var response = await client.PostAsync("/RetentionPurge", new StringContent(invocation, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, answer.RootElement.GetProperty("Outputs").ValueKind);
        Assert.StartsWith("deleted ", Assert.Single(answer.RootElement.GetProperty("Logs").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQueueInvocationThatCannotBeProcessedAnswers500SoTheHostRetries()
    {
        var invocation = new { Data = new { message = "not a reencryption message" }, Metadata = new { DequeueCount = 1, Id = Guid.NewGuid().ToString() } };

        using var response = await client.PostAsJsonAsync("/ReencryptAccount", invocation);

        Assert.True(response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(answer.RootElement.GetProperty("Logs").EnumerateArray());
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
