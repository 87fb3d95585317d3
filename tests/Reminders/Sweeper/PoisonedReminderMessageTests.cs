using System.Text.RegularExpressions;
using Azure.Core.Pipeline;
using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Reminders.Sweeper;

/// <summary>
/// End to end with the real local trigger driver: storage cannot read reminders while a reminder's message is tried, so the
/// message ends in the poison queue and the reminder stays scheduled, until the PlanReminders timer's sweep queues it again.
/// </summary>
public sealed partial class PoisonedReminderMessageTests : IAsyncLifetime
{
    private readonly ReminderReadOutage outage = new();
    private AzuriteServer azurite = null!;
    private TestApp app = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartPrivateAsync();
        var storage = azurite.ConnectionString;
        app = await Owners.StartAppAsync(
            new Dictionary<string, string>
            {
                ["Triggers:LocalDriver"] = "true",
                ["AzureFunctionsJobHost:functions:0"] = "SendReminder",
                ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.100",
                ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00",
                ["Reminders:StuckAfter"] = "00:00:01",
            },
            configure: builder =>
                builder.Services.AddSingleton(
                    new TableServiceClient(storage, StorageClientOptions.ForTables(new HttpClientTransport(outage)).WithoutRetries())
                ),
            storageConnectionString: storage
        );
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task AReminderWhoseOnlyMessageWasPoisonedIsSentOnceAfterThePlannerTimersSweep()
    {
        using var owner = await Owner.SignUpAsync(app);
        outage.Down = true;
        var reminder = await owner.ReminderDueNowAsync(TimeProvider.System);
        var poison = app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(ReminderStore.QueueName + "-poison");
        await Eventually.HoldsAsync(
            async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(32)).Value.Length == 1,
            "the reminder's message is poisoned"
        );
        outage.Down = false;
        Assert.Equal(ReminderStatus.Scheduled, (await owner.ReminderAsync(reminder.Id)).Status);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var answer = await InvokePlanRemindersAsync();

        Assert.Equal("queued 0 reminder(s); queued 1 stuck reminder(s) again", answer);
        await Eventually.HoldsAsync(async () => (await owner.ReminderAsync(reminder.Id)).Status == ReminderStatus.Sent, "the reminder is sent");
        Assert.Equal(reminder.Id, Assert.Single(owner.Outbox()).ReminderId);
        var poisoned = Assert.Single((await poison.PeekMessagesAsync(32)).Value);
        Assert.Equal(reminder.Id, JsonSerializer.Deserialize<SendReminderMessage>(poisoned.MessageText, JsonSerializerOptions.Web)!.ReminderId);
    }

    [Fact]
    public async Task AFailedSweepDoesNotStopThePlannerTimerFromQueuingWhatFallsDue()
    {
        using var owner = await Owner.SignUpAsync(app);
        outage.SweepDown = true;

        var answer = await InvokePlanRemindersAsync();

        Assert.Matches(@"^queued \d+ reminder\(s\); the sweep failed$", answer);
    }

    /// <summary>The timer invocation the Functions host (or the local driver) posts every five minutes.</summary>
    private async Task<string> InvokePlanRemindersAsync()
    {
        var now = DateTimeOffset.UtcNow.ToString("O");
        var payload =
            $$$"""{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"{{{now}}}","Next":"{{{now}}}","LastUpdated":"{{{now}}}"},"IsPastDue":false}},"Metadata":{}}""";
        using var response = await app.Client.PostAsync("/PlanReminders", new StringContent(payload, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<InvocationResponse>(CustomHandlerJson.Options);
        return Assert.Single(answer!.Logs);
    }

    /// <summary>While down, reading one reminder by its key fails as an unreachable storage account does; everything else gets through.</summary>
    private sealed partial class ReminderReadOutage() : DelegatingHandler(new SocketsHttpHandler())
    {
        public volatile bool Down;

        /// <summary>While set, the sweep's query (the only one asking for reminders still sending) fails.</summary>
        public volatile bool SweepDown;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            (Down && request.Method == HttpMethod.Get && ReminderRow().IsMatch(Uri.UnescapeDataString(request.RequestUri!.AbsolutePath)))
            || (SweepDown && Uri.UnescapeDataString(request.RequestUri!.Query).Contains("Status eq 'sending'", StringComparison.Ordinal))
                ? throw new HttpRequestException("Storage is unreachable.")
                : base.SendAsync(request, cancellationToken);

        [GeneratedRegex(@"/Reminders\(PartitionKey='[^']*',\s*RowKey='[^']*'\)$")]
        private static partial Regex ReminderRow();
    }
}
