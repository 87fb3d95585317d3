using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ClientReminders.Tests.Clients;
using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Messaging;

/// <summary>One app with the webhook secret set and every log line captured; each test signs up owners of its own.</summary>
public sealed class MessagingApp : IAsyncLifetime
{
    public const string Secret = "webhook-secret-for-tests-0123456789";

    public CapturingLoggerProvider Logs { get; } = new();

    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() =>
        App = await Owners.StartAppAsync(
            new Dictionary<string, string>
            {
                ["RateLimits:Auth:PerIpPermits"] = "10000",
                ["EventGrid:WebhookSecret"] = Secret,
                ["Logging:LogLevel:Default"] = "Information",
            },
            configure: builder => builder.Logging.AddProvider(Logs)
        );

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>A client of <see cref="Owner"/> who was texted one reminder (SentReminderId) and has another still scheduled.</summary>
public sealed record TextedClient(
    Owner Owner,
    string ClientId,
    string Mobile,
    string AppointmentId,
    string SentReminderId,
    string LaterReminderId,
    int LaterQueuedVersion
);

public static class Texting
{
    // 07400 to 07449: allocated UK mobile ranges, so every number passes libphonenumber, and ten million to pick from.
    public static string NewMobile() =>
        string.Create(CultureInfo.InvariantCulture, $"+4474{Random.Shared.Next(0, 50):D2}{Random.Shared.Next(0, 1_000_000):D6}");

    /// <summary>Adds a client, two SMS rules and an appointment in three hours; sends the reminder already due, as the queue would.</summary>
    public static async Task<TextedClient> ClientWithSentReminderAsync(Owner owner, string? mobile = null)
    {
        mobile ??= NewMobile();
        var client = await owner.AddClientAsync("Sam Texter", mobile);
        foreach (var offset in new[] { 1440, 60 })
        {
            using var rule = await owner.Browser.PostJsonAsync("/api/rules", new { channel = "sms", offsetMinutes = offset });
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        }
        var london = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime;
        var start = london.AddHours(3);
        using var created = await owner.Browser.PostJsonAsync(
            "/api/appointments",
            new
            {
                clientId = client.GetProperty("id").GetString(),
                start = start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                end = start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
                title = "Check-up",
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var appointment = await Owners.JsonAsync(created);
        var reminders = appointment.GetProperty("reminders").EnumerateArray().OrderBy(r => r.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(2, reminders.Count);
        var (due, later) = (reminders[0].GetProperty("id").GetString()!, reminders[1].GetProperty("id").GetString()!);
        Assert.Equal(SendRun.SentBySms, await SendAsync(owner.App, owner.AccountId, due, (await ReminderAsync(owner.App, owner.AccountId, due)).Version));
        var laterRow = await ReminderAsync(owner.App, owner.AccountId, later);
        Assert.Equal(ReminderStatus.Scheduled, laterRow.Status);
        return new TextedClient(
            owner,
            client.GetProperty("id").GetString()!,
            mobile,
            appointment.GetProperty("id").GetString()!,
            due,
            later,
            laterRow.QueuedVersion
        );
    }

    /// <summary>Runs the SendReminder queue function on a message for <paramref name="version"/>.</summary>
    public static Task<SendRun> SendAsync(TestApp app, string accountId, string reminderId, int version)
    {
        var message = JsonSerializer.Serialize(new SendReminderMessage(accountId, reminderId, version), JsonSerializerOptions.Web);
        return app
            .Services.GetRequiredService<ReminderSender>()
            .RunAsync(new QueueInvocation(message, Guid.NewGuid().ToString("N"), 1, null), CancellationToken.None);
    }

    public static async Task<ReminderEntity> ReminderAsync(TestApp app, string accountId, string reminderId)
    {
        var table = await app.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        return (await table.GetEntityAsync<ReminderEntity>(ReminderKeys.PartitionOf(accountId, reminderId)!, reminderId)).Value;
    }

    public static IReadOnlyList<OutboxMessage> Outbox(TestApp app, string accountId) => app.Services.GetRequiredService<LocalReminderOutbox>().For(accountId);

    public static async Task<string> ClientStatusAsync(Owner owner, string clientId) =>
        (await owner.GetJsonAsync($"/api/clients/{clientId}")).GetProperty("status").GetString()!;

    public static JsonNode Fixture(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Messaging", "Fixtures", name)))!;

    /// <summary>The documented SMSReceived event, from <paramref name="e164"/> as ACS writes it (no +).</summary>
    public static string SmsReceived(string e164, string text, string? messageId = null, DateTimeOffset? receivedAt = null)
    {
        var events = Fixture("sms-received.json");
        var data = events[0]!["data"]!;
        messageId ??= "Incoming_" + Guid.NewGuid().ToString("N");
        events[0]!["id"] = messageId;
        data["messageId"] = messageId;
        data["from"] = e164.TrimStart('+');
        data["message"] = text;
        data["receivedTimestamp"] = (receivedAt ?? DateTimeOffset.UtcNow).ToString("O", CultureInfo.InvariantCulture);
        return events.ToJsonString();
    }

    /// <summary>The documented delivery report, its Tag replaced by <paramref name="tag"/>.</summary>
    public static string DeliveryReport(string tag, string status, DateTimeOffset receivedAt)
    {
        var events = Fixture("sms-delivery-report-received.json");
        var data = events[0]!["data"]!;
        data["Tag"] = tag;
        data["deliveryStatus"] = status;
        data["receivedTimestamp"] = receivedAt.ToString("O", CultureInfo.InvariantCulture);
        return events.ToJsonString();
    }

    public static async Task<HttpResponseMessage> PostEventsAsync(
        TestApp app,
        string json,
        string? code = MessagingApp.Secret,
        string contentType = "application/json",
        string eventType = "Notification"
    )
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            code is null ? "/api/webhooks/eventgrid" : $"/api/webhooks/eventgrid?code={Uri.EscapeDataString(code)}"
        );
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("aeg-event-type", eventType);
        return await app.Client.SendAsync(request);
    }

    public static async Task DeliverAsync(TestApp app, string json)
    {
        using var response = await PostEventsAsync(app, json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
