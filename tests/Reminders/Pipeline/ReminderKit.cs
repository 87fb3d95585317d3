using Azure.Storage.Queues.Models;
using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

/// <summary>
/// One app per test class on a manual clock (started at the real time, so queue delays stay sane), its reminders going to
/// the local outbox through <see cref="ScriptedSender"/>. Each test signs up its own owner.
/// </summary>
public class RemindersApp : IAsyncLifetime
{
    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public TestApp App { get; private set; } = null!;

    public ScriptedSender Sender => App.Services.GetRequiredService<ScriptedSender>();

    public LocalReminderOutbox Outbox => App.Services.GetRequiredService<LocalReminderOutbox>();

    protected virtual Dictionary<string, string> Settings => new() { ["RateLimits:Auth:PerIpPermits"] = "10000" };

    public virtual async Task InitializeAsync() => App = await Owners.StartAppAsync(Settings, Clock, builder =>
        {
            builder.Services.AddSingleton<ScriptedSender>();
            builder.Services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<ScriptedSender>());
        });

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}

public enum SendFault
{
    /// <summary>The process dies after the claim, before handing the message over: nothing of ours runs after it.</summary>
    ThrowBeforeSending,
    ThrowAfterSending,
    ProviderErrorBeforeSending,
    Refuse,
}

/// <summary>Stands for the process dying mid-send: not a provider error, so the sender's own error handling does not treat it as one.</summary>
public sealed class SimulatedCrashException(string message) : Exception(message);

/// <summary>The local outbox, with faults scripted per account: a crash before or after handing the message over, or a refusal.</summary>
public sealed class ScriptedSender(LocalReminderOutbox outbox) : IMessageSender
{
    public const string RefusalReason = "The recipient's network blocks this sender.";

    private readonly ConcurrentDictionary<string, ConcurrentQueue<SendFault>> _faults = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<OutgoingMessage> _attempts = new();

    public void FailNext(string accountId, SendFault fault, int times = 1)
    {
        var faults = _faults.GetOrAdd(accountId, _ => new ConcurrentQueue<SendFault>());
        for (var i = 0; i < times; i++)
        {
            faults.Enqueue(fault);
        }
    }

    public IReadOnlyList<OutgoingMessage> AttemptsFor(string accountId) => [.. _attempts.Where(m => m.AccountId == accountId)];

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        _attempts.Enqueue(message);
        if (!(_faults.TryGetValue(message.AccountId, out var faults) && faults.TryDequeue(out var fault)))
        {
            return await outbox.SendAsync(message, cancellationToken);
        }
        switch (fault)
        {
            case SendFault.ThrowBeforeSending:
                throw new SimulatedCrashException("The process stopped before the message was handed over.");
            case SendFault.ThrowAfterSending:
                await outbox.SendAsync(message, cancellationToken);
                throw new SimulatedCrashException("The process stopped after the message was handed over.");
            case SendFault.ProviderErrorBeforeSending:
                throw new HttpRequestException("The message service could not be reached.");
            default:
                return new Refused(RefusalReason);
        }
    }
}

/// <summary>What an owner does to get reminders planned, and what a test reads back from storage.</summary>
public static class Booking
{
    public const string Zone = "Europe/London";

    public static TimeZoneInfo London { get; } = TimeZoneInfo.FindSystemTimeZoneById(Zone);

    public static DateTime LocalNow(TimeProvider clock) => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), London).DateTime;

    /// <summary>A local wall-clock time in London as an instant (no DST edge cases are used by these tests).</summary>
    public static DateTimeOffset InLondon(DateTime local) => new(local, London.GetUtcOffset(local));

    /// <summary>Now plus <paramref name="ahead"/>, on the minute, as London's wall clock shows it.</summary>
    public static DateTime LocalIn(TimeProvider clock, TimeSpan ahead)
    {
        var local = LocalNow(clock) + ahead;
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0);
    }

    public static async Task<string> AddRuleAsync(
        this Owner owner,
        ReminderChannel channel = ReminderChannel.Sms,
        int offsetMinutes = 1440,
        string? windowStart = null,
        string? windowEnd = null,
        string? keyword = null
    )
    {
        using var response = await owner.Browser.PostJsonAsync(
            "/api/rules",
            new
            {
                channel,
                offsetMinutes,
                windowStart,
                windowEnd,
                keyword,
            }
        );
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Owners.JsonAsync(response)).GetProperty("id").GetString()!;
    }

    /// <summary>A rule stored without the re-planning the API does, as if planning had not caught up with it yet.</summary>
    public static async Task InsertRuleAsync(this Owner owner, ReminderChannel channel = ReminderChannel.Sms, int offsetMinutes = 1440)
    {
        var table = await owner.App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.ReminderRules);
        await table.AddEntityAsync(
            new ReminderRuleEntity
            {
                PartitionKey = owner.AccountId,
                RowKey = Guid.NewGuid().ToString("N"),
                Channel = channel,
                OffsetMinutes = offsetMinutes,
            }
        );
    }

    public static async Task<string> AddClientIdAsync(this Owner owner, string name = "Ada Lovelace", string? mobile = "07700 900123", string? email = null) =>
        (await owner.AddClientAsync(name, mobile, email)).GetProperty("id").GetString()!;

    public static object Appointment(string clientId, DateTime localStart, string title = "Follow-up", string? location = null, string? notes = null) =>
        new
        {
            clientId,
            start = localStart.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            end = localStart.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            timeZone = Zone,
            title,
            location,
            notes,
        };

    public static async Task<JsonElement> BookAsync(
        this Owner owner,
        string clientId,
        DateTime localStart,
        string title = "Follow-up",
        string? location = null,
        string? notes = null
    )
    {
        using var response = await owner.Browser.PostJsonAsync("/api/appointments", Appointment(clientId, localStart, title, location, notes));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Owners.JsonAsync(response);
    }

    public static async Task<JsonElement> MoveAsync(this Owner owner, string appointmentId, string clientId, DateTime localStart, string title = "Follow-up")
    {
        using var response = await owner.Browser.PutJsonAsync($"/api/appointments/{appointmentId}", Appointment(clientId, localStart, title));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Owners.JsonAsync(response);
    }

    /// <summary>A client, an SMS rule a day ahead and an appointment in two hours: a reminder that is sent at once.</summary>
    public static async Task<ReminderEntity> ReminderDueNowAsync(
        this Owner owner,
        TimeProvider clock,
        ReminderChannel channel = ReminderChannel.Sms,
        string? mobile = "07700 900123",
        string? email = null
    )
    {
        var clientId = await owner.AddClientIdAsync(mobile: mobile, email: email);
        await owner.AddRuleAsync(channel);
        var appointment = await owner.BookAsync(clientId, LocalIn(clock, TimeSpan.FromHours(2)));
        return Assert.Single(await owner.RemindersOfAsync(appointment.GetProperty("id").GetString()!));
    }

    public static async Task<ReminderEntity> ReminderAsync(this Owner owner, string reminderId) =>
        (
            await (await owner.App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders)).GetEntityAsync<ReminderEntity>(
                ReminderKeys.PartitionOf(owner.AccountId, reminderId)!,
                reminderId
            )
        ).Value;

    public static async Task<List<ReminderEntity>> RemindersOfAsync(this Owner owner, string appointmentId)
    {
        var table = await owner.App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        var filter = ReminderKeys.AccountFilter(owner.AccountId) + " and " + TableClient.CreateQueryFilter($"AppointmentId eq {appointmentId}");
        var reminders = new List<ReminderEntity>();
        await foreach (var reminder in table.QueryAsync<ReminderEntity>(filter))
        {
            reminders.Add(reminder);
        }
        return reminders;
    }

    /// <summary>Replaces the row as read (a 412 when it changed meanwhile), as the app writes one: its counts change with it.</summary>
    public static async Task SaveAsync(this Owner owner, ReminderEntity reminder) =>
        await owner.App.Services.GetRequiredService<ReminderStore>().SaveAsync(reminder, CancellationToken.None);

    /// <summary>The queue message the planner sends for this version of the reminder.</summary>
    public static string Message(this Owner owner, ReminderEntity reminder, int? version = null) =>
        JsonSerializer.Serialize(new SendReminderMessage(owner.AccountId, reminder.Id, version ?? reminder.Version), JsonSerializerOptions.Web);

    /// <summary>What the Functions host does with a message of the send queue.</summary>
    public static Task<SendRun> RunAsync(this Owner owner, string messageText, long dequeueCount = 1) =>
        owner
            .App.Services.GetRequiredService<ReminderSender>()
            .RunAsync(new QueueInvocation(messageText, Guid.NewGuid().ToString(), dequeueCount, null), CancellationToken.None);

    public static IReadOnlyList<OutboxMessage> Outbox(this Owner owner) => owner.App.Services.GetRequiredService<LocalReminderOutbox>().For(owner.AccountId);
}

/// <summary>The send-reminders queue is shared by every test app: a test takes only its own reminder's message and puts back the rest at once.</summary>
public static class SendQueue
{
    public static QueueClient Queue(TestApp app) => app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(ReminderStore.QueueName);

    public static async Task<QueueMessage> TakeAsync(TestApp app, string reminderId, int version)
    {
        var queue = Queue(app);
        await queue.CreateIfNotExistsAsync();
        QueueMessage? found = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value)
                {
                    var text = JsonSerializer.Deserialize<SendReminderMessage>(message.MessageText, JsonSerializerOptions.Web);
                    if (found is null && text?.ReminderId == reminderId && text.Version == version)
                    {
                        found = message;
                    }
                    else
                    {
                        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                    }
                }
                return found is not null;
            },
            $"the message of reminder {reminderId} version {version} is on the send queue"
        );
        return found!;
    }

    /// <summary>Takes the message off the queue and runs it as the host would, deleting it when the run succeeds.</summary>
    public static async Task<SendRun> RunQueuedAsync(this Owner owner, ReminderEntity reminder, int? version = null)
    {
        var message = await TakeAsync(owner.App, reminder.Id, version ?? reminder.Version);
        var result = await owner
            .App.Services.GetRequiredService<ReminderSender>()
            .RunAsync(new QueueInvocation(message.MessageText, message.MessageId, message.DequeueCount, message.InsertedOn), CancellationToken.None);
        await Queue(owner.App).DeleteMessageAsync(message.MessageId, message.PopReceipt);
        return result;
    }

    public static async Task DiscardAsync(TestApp app, ReminderEntity reminder)
    {
        var message = await TakeAsync(app, reminder.Id, reminder.Version);
        await Queue(app).DeleteMessageAsync(message.MessageId, message.PopReceipt);
    }
}
