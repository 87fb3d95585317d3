namespace ClientReminders.Tests.Triggers;

public class LocalTriggerDriverTests
{
    private static Dictionary<string, string> QueueSettings(string queueName) =>
        new()
        {
            [TestApp.TestFunctions("queue").Key] = TestApp.TestFunctions("queue").Value,
            ["TestQueue:Name"] = queueName,
            ["Triggers:LocalDriver"] = "true",
            ["AzureFunctionsJobHost:functions:0"] = "TestQueue",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.200",
        };

    [Fact]
    public async Task AQueueMessageIsProcessedOnceAndThenDeleted()
    {
        var queueName = AzuriteServer.UniqueQueueName("once");
        var recorder = new FunctionRecorder();
        await using var app = await TestApp.StartAsync(QueueSettings(queueName), b => b.Services.AddSingleton(recorder), FunctionRecorder.MapTestQueue);
        var queue = new QueueClient((await AzuriteServer.SharedAsync()).ConnectionString, queueName);
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync("""{"reminderId":"r-1"}""");

        await Eventually.HoldsAsync(() => !recorder.Messages.IsEmpty, "the function ran");
        await Eventually.HoldsAsync(
            async () => (await queue.PeekMessagesAsync(1)).Value.Length == 0 && (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
            "the message was deleted"
        );
        await Task.Delay(TimeSpan.FromSeconds(1));
        var message = Assert.Single(recorder.Messages);
        Assert.Equal("""{"reminderId":"r-1"}""", message.MessageText);
        Assert.Equal(1, message.DequeueCount);
        Assert.False(string.IsNullOrEmpty(message.Id));
        Assert.NotNull(message.InsertionTime);
    }

    [Fact]
    public async Task ASlowMessageDoesNotHoldUpTheMessagesAfterIt()
    {
        var queueName = AzuriteServer.UniqueQueueName("slow");
        var recorder = new FunctionRecorder { Hold = "slow" };
        var settings = new Dictionary<string, string>(QueueSettings(queueName))
        {
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "2",
            ["AzureFunctionsJobHost:extensions:queues:newBatchThreshold"] = "1",
        };
        await using var app = await TestApp.StartAsync(settings, b => b.Services.AddSingleton(recorder), FunctionRecorder.MapTestQueue);
        var queue = new QueueClient((await AzuriteServer.SharedAsync()).ConnectionString, queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("slow");
        await Eventually.HoldsAsync(() => !recorder.Messages.IsEmpty, "the slow message is in hand");

        foreach (var text in new[] { "fast-1", "fast-2", "fast-3" })
        {
            await queue.SendMessageAsync(text);
        }

        await Eventually.HoldsAsync(() => recorder.Messages.Count == 4, "the fast messages ran while the slow one was in hand");
        recorder.Release.SetResult();
        await Eventually.HoldsAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "every message was deleted");
    }

    [Fact]
    public async Task AMessageWhoseFunctionFailsFiveTimesLandsInThePoisonQueueIntact()
    {
        var queueName = AzuriteServer.UniqueQueueName("poison");
        var recorder = new FunctionRecorder { Fail = true };
        await using var app = await TestApp.StartAsync(QueueSettings(queueName), b => b.Services.AddSingleton(recorder), FunctionRecorder.MapTestQueue);
        var connectionString = (await AzuriteServer.SharedAsync()).ConnectionString;
        var queue = new QueueClient(connectionString, queueName);
        var poison = new QueueClient(connectionString, queueName + "-poison");
        await queue.CreateIfNotExistsAsync();
        const string body = """{"reminderId":"r-2","note":"ünïcødé & <xml>"}""";

        await queue.SendMessageAsync(body);

        await Eventually.HoldsAsync(
            async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(1)).Value.Length == 1,
            "the message reached the poison queue",
            TimeSpan.FromSeconds(30)
        );
        var poisoned = Assert.Single((await poison.PeekMessagesAsync(10)).Value);
        Assert.Equal(body, poisoned.MessageText);
        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], recorder.Messages.Select(m => m.DequeueCount).Order());
    }

    [Fact]
    public async Task ATimerFiresOnItsScheduleByTheInjectedClock()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 10, 10, 2, 30, TimeSpan.Zero));
        var recorder = new FunctionRecorder();
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string>
            {
                [TestApp.TestFunctions("timer").Key] = TestApp.TestFunctions("timer").Value,
                ["Triggers:LocalDriver"] = "true",
                ["AzureFunctionsJobHost:functions:0"] = "TestTimer",
            },
            b => b.Services.AddSingleton(recorder).AddSingleton<TimeProvider>(clock),
            FunctionRecorder.MapTestTimer
        );
        var at = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
        await clock.WaitForTimerDueAtAsync(at.AddMinutes(5));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(recorder.Timers);

        clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually.HoldsAsync(() => recorder.Timers.Count == 1, "the 10:05 occurrence fired");
        await clock.WaitForTimerDueAtAsync(at.AddMinutes(10));
        clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.HoldsAsync(() => recorder.Timers.Count == 2, "the 10:10 occurrence fired");

        var second = recorder.Timers.Last();
        Assert.False(second.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 10, 5, 0, TimeSpan.Zero), second.ScheduleStatus?.Last);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 10, 15, 0, TimeSpan.Zero), second.ScheduleStatus?.Next);
    }
}
