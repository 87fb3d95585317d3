using System.Globalization;
using System.Text.Json;
using Azure;
using ClientReminders.Accounts;
using ClientReminders.Appointments;
using ClientReminders.AzureClients.Queues;
using ClientReminders.AzureClients.Tables;
using ClientReminders.Security;
using ClientReminders.Storage;

namespace ClientReminders.Reminders;

/// <summary>
/// Turns every (appointment, rule) pair into one reminder row with its due instant, and puts reminders due within
/// the queue's week on the send queue, invisible until they are due. Appointments from any source go through here.
/// </summary>
public sealed class ReminderPlanner(Tables tables, FieldCipher cipher, QueueServiceClient queues, TimeProvider time, ILogger<ReminderPlanner> logger)
{
    public const string QueueName = "send-reminders";

    /// <summary>Queue messages live at most 7 days invisible; stay well inside it.</summary>
    public static readonly TimeSpan QueueHorizon = TimeSpan.FromDays(6);

    public async Task PlanAsync(AccountEntity account, AppointmentEntity appointment, CancellationToken cancellationToken)
    {
        var rules = await RulesAsync(account.Id, cancellationToken);
        var existing = await RemindersOfAsync(account.Id, appointment.Id, cancellationToken);
        var title = await cipher.DecryptAsync(account.Id, AppointmentFields.Context(appointment, "Title"), appointment.Title, cancellationToken) ?? "";
        var now = time.GetUtcNow();
        foreach (var rule in rules)
        {
            var id = ReminderEntity.IdFor(appointment.Id, rule.Id);
            existing.Remove(id, out var current);
            var (status, due, reason) = Target(appointment, rule, title, now);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ApplyAsync(account.Id, appointment, rule, current, id, status, due, reason, now, cancellationToken);
                    break;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 3)
                {
                    // Planned, claimed or changed meanwhile by another instance: apply the target to what it saved.
                    current = await ReminderAsync(account.Id, id, cancellationToken);
                }
            }
        }
        foreach (var orphan in existing.Values.Where(r => r.Status == ReminderStatus.Scheduled))
        {
            await CancelAsync(orphan, "The rule was deleted.", cancellationToken);
        }
    }

    /// <summary>Re-plans every appointment of the account that has not started yet, after its rules changed.</summary>
    public async Task ReplanAccountAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var appointments = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {account.Id} and StartUtc gt {time.GetUtcNow()}");
        await foreach (var appointment in appointments.QueryAsync<AppointmentEntity>(filter, cancellationToken: cancellationToken))
        {
            await PlanAsync(account, appointment, cancellationToken);
        }
    }

    /// <summary>Stops every reminder still scheduled for a client who was removed, restricted, anonymised or opted out.</summary>
    public async Task CancelForClientAsync(string accountId, string clientId, string reason, CancellationToken cancellationToken)
    {
        var reminders = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and ClientId eq {clientId} and Status eq {ReminderStatus.Scheduled}");
        await foreach (var reminder in reminders.QueryAsync<ReminderEntity>(filter, cancellationToken: cancellationToken))
        {
            await CancelAsync(reminder, reason, cancellationToken);
        }
    }

    /// <summary>The planner timer: queues every scheduled reminder that has come within the queue's week and is not queued yet.</summary>
    public async Task<int> QueueDueSoonAsync(CancellationToken cancellationToken)
    {
        var reminders = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"Status eq {ReminderStatus.Scheduled} and DueAt lt {time.GetUtcNow() + QueueHorizon}");
        var queued = 0;
        await foreach (var reminder in reminders.QueryAsync<ReminderEntity>(filter, cancellationToken: cancellationToken))
        {
            if (reminder.QueuedVersion != reminder.Version)
            {
                await EnqueueAsync(reminder, cancellationToken);
                queued++;
            }
        }
        return queued;
    }

    public async Task EnqueueAsync(SendReminderMessage message, DateTimeOffset visibleAt, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(QueueName);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        var delay = visibleAt - time.GetUtcNow();
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, JsonSerializerOptions.Web), delay > TimeSpan.Zero ? delay : TimeSpan.Zero, TimeSpan.FromSeconds(-1), cancellationToken);
    }

    public async Task EnqueueAsync(ReminderEntity reminder, CancellationToken cancellationToken)
    {
        await EnqueueAsync(new SendReminderMessage(reminder.PartitionKey, reminder.Id, reminder.Version), reminder.DueAt, cancellationToken);
        reminder.QueuedVersion = reminder.Version;
        try
        {
            await SaveAsync(reminder, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Changed meanwhile: the change queues its own message.
        }
    }

    public async Task<List<ReminderRuleEntity>> RulesAsync(string accountId, CancellationToken cancellationToken)
    {
        var rules = await tables.GetAsync(StorageTables.ReminderRules, cancellationToken);
        var list = new List<ReminderRuleEntity>();
        await foreach (var rule in rules.QueryAsync<ReminderRuleEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"), cancellationToken: cancellationToken))
        {
            list.Add(rule);
        }
        return list;
    }

    private static (string Status, DateTimeOffset Due, string? Reason) Target(AppointmentEntity appointment, ReminderRuleEntity rule, string title, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(appointment.TimeZone);
        var localStart = DateTime.Parse(appointment.Start, CultureInfo.InvariantCulture);
        var window = rule.WindowStart is { } start && rule.WindowEnd is { } end
            ? new SendingWindow(TimeOnly.Parse(start, CultureInfo.InvariantCulture), TimeOnly.Parse(end, CultureInfo.InvariantCulture))
            : null;
        var due = ReminderTiming.Due(localStart, zone, TimeSpan.FromMinutes(rule.OffsetMinutes), window);
        if (appointment.Status != AppointmentStatus.Scheduled)
        {
            return (ReminderStatus.Cancelled, due, "The appointment was cancelled.");
        }
        if (rule.Keyword is { Length: > 0 } keyword && !title.Contains(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return (ReminderStatus.Cancelled, due, $"The title does not contain \"{keyword}\".");
        }
        return ReminderTiming.Decide(due, appointment.StartUtc, now) switch
        {
            (ReminderDecision.Schedule, _) => (ReminderStatus.Scheduled, due, null),
            (ReminderDecision.SendNow, var why) => (ReminderStatus.Scheduled, now, why),
            (_, var why) => (ReminderStatus.Skipped, due, why),
        };
    }

    private async Task ApplyAsync(
        string accountId, AppointmentEntity appointment, ReminderRuleEntity rule, ReminderEntity? current, string id,
        string status, DateTimeOffset due, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (current is { Status: ReminderStatus.Sent or ReminderStatus.Sending or ReminderStatus.Failed })
        {
            return;
        }
        if (current is null && status == ReminderStatus.Cancelled)
        {
            return;
        }
        if (current is not null && current.Status == status && current.DueAt == due && current.AppointmentVersion == appointment.Version
            && current.RuleChannel == rule.Channel && current.ClientId == appointment.ClientId)
        {
            return;
        }
        var reminder = current ?? new ReminderEntity { PartitionKey = accountId, RowKey = id, AppointmentId = appointment.Id, RuleId = rule.Id };
        reminder.ClientId = appointment.ClientId;
        reminder.AppointmentVersion = appointment.Version;
        reminder.AppointmentStartUtc = appointment.StartUtc;
        reminder.RuleChannel = rule.Channel;
        reminder.DueAt = due;
        reminder.Status = status;
        reminder.Reason = reason;
        reminder.Version++;
        await SaveAsync(reminder, cancellationToken);
        if (status == ReminderStatus.Scheduled && due <= now + QueueHorizon)
        {
            await EnqueueAsync(reminder, cancellationToken);
        }
        logger.LogDebug("Reminder {ReminderId} is {Status} at {Due:O}", reminder.Id, status, due);
    }

    private async Task CancelAsync(ReminderEntity reminder, string reason, CancellationToken cancellationToken)
    {
        reminder.Status = ReminderStatus.Cancelled;
        reminder.Reason = reason;
        reminder.Version++;
        try
        {
            await SaveAsync(reminder, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Claimed or changed meanwhile; the sender re-checks everything before it sends.
        }
    }

    private async Task<ReminderEntity?> ReminderAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        var reminders = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var found = await reminders.GetEntityIfExistsAsync<ReminderEntity>(accountId, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private async Task<Dictionary<string, ReminderEntity>> RemindersOfAsync(string accountId, string appointmentId, CancellationToken cancellationToken)
    {
        var reminders = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and RowKey ge {appointmentId + "-"} and RowKey lt {appointmentId + "."}");
        var found = new Dictionary<string, ReminderEntity>(StringComparer.Ordinal);
        await foreach (var reminder in reminders.QueryAsync<ReminderEntity>(filter, cancellationToken: cancellationToken))
        {
            found[reminder.Id] = reminder;
        }
        return found;
    }

    private async Task SaveAsync(ReminderEntity reminder, CancellationToken cancellationToken)
    {
        var reminders = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var response = reminder.ETag == default
            ? await reminders.AddEntityAsync(reminder, cancellationToken)
            : await reminders.UpdateEntityAsync(reminder, reminder.ETag, TableUpdateMode.Replace, cancellationToken);
        reminder.ETag = response.Headers.ETag ?? reminder.ETag;
    }
}
