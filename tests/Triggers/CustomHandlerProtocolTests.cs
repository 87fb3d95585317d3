namespace ClientReminders.Tests.Triggers;

public class CustomHandlerProtocolTests
{
    // As documented for custom handlers: the host POSTs Data and Metadata to /{FunctionName}.
    private const string QueuePayload = """
        {
          "Data": { "message": "{\"reminderId\":\"r-9\"}" },
          "Metadata": {
            "DequeueCount": 3,
            "ExpirationTime": "2026-10-16T17:58:31+00:00",
            "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
            "InsertionTime": "2026-10-09T17:58:31+00:00",
            "NextVisibleTime": "2026-10-09T18:08:32+00:00",
            "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
            "sys": { "MethodName": "TestQueue", "UtcNow": "2026-10-09T17:58:32.2205399Z", "RandGuid": "24ad4b5c-4f3e-4a1a-9e6b-6a5d9bc2e7e1" }
          }
        }
        """;

    private static Dictionary<string, string> Settings() =>
        new()
        {
            [TestApp.TestFunctions("queue").Key] = TestApp.TestFunctions("queue").Value,
            ["TestQueue:Name"] = AzuriteServer.UniqueQueueName("protocol"),
            ["Triggers:LocalDriver"] = "false",
        };

    [Fact]
    public async Task AQueueInvocationHandsTheFunctionTheMessageAndItsMetadata()
    {
        var recorder = new FunctionRecorder();
        await using var app = await TestApp.StartAsync(Settings(), b => b.Services.AddSingleton(recorder), FunctionRecorder.MapTestQueue);

        using var response = await app.Client.PostAsync("/TestQueue", new StringContent(QueuePayload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<InvocationResponse>(CustomHandlerJson.Options);
        Assert.Equal(["recorded 800ae4b3-bdd2-4c08-badd-f08e5a34b865"], answer?.Logs);
        var message = Assert.Single(recorder.Messages);
        Assert.Equal("""{"reminderId":"r-9"}""", message.MessageText);
        Assert.Equal(3, message.DequeueCount);
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 17, 58, 31, TimeSpan.Zero), message.InsertionTime);
    }

    [Fact]
    public async Task AFailingFunctionAnswers500SoTheHostRetries()
    {
        await using var app = await TestApp.StartAsync(
            Settings(),
            b => b.Services.AddSingleton(new FunctionRecorder { Fail = true }),
            FunctionRecorder.MapTestQueue
        );

        using var response = await app.Client.PostAsync("/TestQueue", new StringContent(QueuePayload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<InvocationResponse>(CustomHandlerJson.Options);
        Assert.Contains("Told to fail.", Assert.Single(answer!.Logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMalformedInvocationIsRefusedWith400()
    {
        var recorder = new FunctionRecorder();
        await using var app = await TestApp.StartAsync(Settings(), b => b.Services.AddSingleton(recorder), FunctionRecorder.MapTestQueue);

        using var notJson = await app.Client.PostAsync("/TestQueue", new StringContent("not json", Encoding.UTF8, "application/json"));
        using var noMessage = await app.Client.PostAsync("/TestQueue", new StringContent("""{"Data":{},"Metadata":{}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noMessage.StatusCode);
        Assert.Empty(recorder.Messages);
    }

    [Fact]
    public async Task TheRetentionPurgeAnswersATimerInvocation()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string> { ["Triggers:LocalDriver"] = "false" });
        const string timerPayload = """
            {
              "Data": { "timer": { "Schedule": { "AdjustForDST": true }, "ScheduleStatus": { "Last": "2026-11-20T02:30:00+00:00", "Next": "2026-11-21T02:30:00+00:00", "LastUpdated": "2026-11-20T02:30:00+00:00" }, "IsPastDue": false } },
              "Metadata": { "sys": { "MethodName": "RetentionPurge", "UtcNow": "2026-11-21T02:30:00.01Z", "RandGuid": "0f8fad5b-d9cb-469f-a165-70867728950e" } }
            }
            """;

        using var response = await app.Client.PostAsync("/RetentionPurge", new StringContent(timerPayload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<InvocationResponse>(CustomHandlerJson.Options);
        Assert.StartsWith("deleted ", Assert.Single(answer!.Logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSendReminderFunctionTellsTheHostWhatItDidInWords()
    {
        await using var app = await TestApp.StartAsync(new Dictionary<string, string> { ["Triggers:LocalDriver"] = "false" });
        var message = JsonSerializer.Serialize(new SendReminderMessage("acct-none", "20261204-appt-rule", 1));
        var payload = JsonSerializer.Serialize(new { Data = new { message }, Metadata = new { Id = "m-1", DequeueCount = 1 } });

        using var response = await app.Client.PostAsync("/SendReminder", new StringContent(payload, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<InvocationResponse>(CustomHandlerJson.Options);
        Assert.Equal(["reminder no longer exists"], answer?.Logs);
    }

    [Fact]
    public async Task MappingAnEndpointForAnUndeclaredFunctionFailsAtStart()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestApp.StartAsync(
                new Dictionary<string, string> { ["Triggers:LocalDriver"] = "false" },
                b => b.Services.AddSingleton(new FunctionRecorder()),
                FunctionRecorder.MapTestQueue
            )
        );

        Assert.Contains("No function.json declares 'TestQueue'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnderTheFunctionsHostTheHandlerListensOnTheGivenPortAndLeavesTriggeringToTheHost()
    {
        var port = TestApp.FreePort();

        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string>
            {
                [TriggersSetup.CustomHandlerPortVariable] = port.ToString(CultureInfo.InvariantCulture),
                ["Triggers:LocalDriver"] = "true",
            }
        );

        Assert.Equal(port, app.BaseAddress.Port);
        Assert.Equal("127.0.0.1", app.BaseAddress.Host);
        Assert.DoesNotContain(app.Services.GetServices<IHostedService>(), s => s is LocalTriggerDriver);
        using var response = await app.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
