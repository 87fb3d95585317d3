using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ClientReminders.Triggers;

/// <summary>
/// Stands in for the Functions host when it is absent (locally and in tests): fires the timers of function.json on their
/// NCRONTAB schedules and polls the queues with the host.json settings, invoking the same endpoints with the same payloads.
/// </summary>
public sealed class LocalTriggerDriver(
    FunctionCatalog catalog,
    HostSettings host,
    QueueServiceClient queues,
    TriggerInvoker invoker,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    EndpointDataSource endpoints,
    ILogger<LocalTriggerDriver> logger
) : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PastDueTolerance = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }
        RequireEndpoints();
        logger.LogInformation(
            "Local trigger driver started: {Timers} timer(s), {Queues} queue(s)",
            catalog.Timers.Count(t => host.Runs(t.Function.Name)),
            catalog.Queues.Count(q => host.Runs(q.Function.Name))
        );
        var loops = catalog
            .Timers.Where(t => host.Runs(t.Function.Name))
            .Select(t => RunTimerAsync(t.Function, t.Trigger, stoppingToken))
            .Concat(catalog.Queues.Where(q => host.Runs(q.Function.Name)).Select(q => PollQueueAsync(q.Function, q.Trigger, stoppingToken)));
        await Task.WhenAll(loops);
    }

    private void RequireEndpoints()
    {
        var mapped = endpoints
            .Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText?.TrimStart('/'))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = catalog.Timers.Select(t => t.Function).Concat(catalog.Queues.Select(q => q.Function)).Where(f => !mapped.Contains(f.Name)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"No trigger endpoint is mapped for {string.Join(", ", missing.Select(f => $"{f.Name} ({f.Source})"))}.");
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(started.SetResult);
        using var onStopping = stoppingToken.Register(started.SetCanceled);
        try
        {
            await started.Task;
            return true;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private async Task RunTimerAsync(FunctionDefinition function, TimerTrigger trigger, CancellationToken stoppingToken)
    {
        var last = time.GetUtcNow();
        if (trigger.RunOnStartup)
        {
            await InvokeTimerAsync(function, trigger, last, last, stoppingToken);
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = trigger.Schedule.GetNextOccurrence(time.GetUtcNow());
            try
            {
                await Task.Delay(Max(due - time.GetUtcNow(), TimeSpan.Zero), time, stoppingToken);
            }
            catch (TaskCanceledException)
            {
                return;
            }
            await InvokeTimerAsync(function, trigger, due, last, stoppingToken);
            last = due;
        }
    }

    private async Task InvokeTimerAsync(
        FunctionDefinition function,
        TimerTrigger trigger,
        DateTimeOffset due,
        DateTimeOffset last,
        CancellationToken stoppingToken
    )
    {
        var now = time.GetUtcNow();
        var timer = new TimerInfo
        {
            ScheduleStatus = new TimerScheduleStatus(last, trigger.Schedule.GetNextOccurrence(due), now),
            IsPastDue = now - due > PastDueTolerance,
        };
        var request = new InvocationRequest
        {
            Data = new() { [trigger.BindingName] = JsonSerializer.SerializeToElement(timer, CustomHandlerJson.Options) },
            Metadata = new() { ["sys"] = SystemMetadata("TimerTrigger", now) },
        };
        if (!await invoker.InvokeAsync(function.Name, request, stoppingToken) && !stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Timer function {Function} failed; it runs again at its next occurrence", function.Name);
        }
    }

    private async Task PollQueueAsync(FunctionDefinition function, QueueTrigger trigger, CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(trigger.QueueName);
        var poison = queues.GetQueueClient(trigger.QueueName + "-poison");
        var lease = host.ReceiveLease;
        var idleDelay = MinPollingInterval;
        var created = false;
        var inHand = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var done in inHand.Where(t => t.IsCompleted).ToList())
            {
                inHand.Remove(done);
                await done;
            }
            // As the host does: a new batch once the messages in hand drop to newBatchThreshold, so a slow message holds up no others.
            if (inHand.Count > host.Queues.InHandThreshold)
            {
                await Task.WhenAny(inHand);
                continue;
            }
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(host.Queues.BatchSize, lease, stoppingToken);
                if (messages.Length > 0)
                {
                    idleDelay = MinPollingInterval;
                    inHand.AddRange(messages.Select(m => ProcessOrLogAsync(function, trigger, queue, poison, m, stoppingToken)));
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, stoppingToken))
            {
                logger.LogWarning(ex, "Polling queue {Queue} failed; retrying", trigger.QueueName);
            }
            try
            {
                await Task.Delay(idleDelay, time, stoppingToken);
            }
            catch (TaskCanceledException)
            {
                break;
            }
            idleDelay = Min(idleDelay * 2, host.Queues.MaxPollingInterval);
        }
        await Task.WhenAll(inHand);
    }

    private async Task ProcessOrLogAsync(
        FunctionDefinition function,
        QueueTrigger trigger,
        QueueClient queue,
        QueueClient poison,
        QueueMessage message,
        CancellationToken stoppingToken
    )
    {
        try
        {
            await ProcessAsync(function, trigger, queue, poison, message, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex, stoppingToken))
        {
            logger.LogWarning(ex, "Settling message {MessageId} on {Queue} failed; it comes back after its lease", message.MessageId, trigger.QueueName);
        }
    }

    private async Task ProcessAsync(
        FunctionDefinition function,
        QueueTrigger trigger,
        QueueClient queue,
        QueueClient poison,
        QueueMessage message,
        CancellationToken stoppingToken
    )
    {
        if (message.DequeueCount > host.Queues.MaxDequeueCount)
        {
            await MoveToPoisonAsync(queue, poison, message, stoppingToken);
            return;
        }
        var now = time.GetUtcNow();
        var request = new InvocationRequest
        {
            Data = new() { [trigger.BindingName] = JsonSerializer.SerializeToElement(message.MessageText) },
            Metadata = new()
            {
                ["DequeueCount"] = JsonSerializer.SerializeToElement(message.DequeueCount),
                ["Id"] = JsonSerializer.SerializeToElement(message.MessageId),
                ["InsertionTime"] = JsonSerializer.SerializeToElement(message.InsertedOn),
                ["ExpirationTime"] = JsonSerializer.SerializeToElement(message.ExpiresOn),
                ["NextVisibleTime"] = JsonSerializer.SerializeToElement(message.NextVisibleOn),
                ["PopReceipt"] = JsonSerializer.SerializeToElement(message.PopReceipt),
                ["sys"] = SystemMetadata("QueueTrigger", now),
            },
        };
        var succeeded = await invoker.InvokeAsync(function.Name, request, stoppingToken);
        if (succeeded)
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        }
        else if (message.DequeueCount >= host.Queues.MaxDequeueCount)
        {
            await MoveToPoisonAsync(queue, poison, message, stoppingToken);
        }
        else
        {
            await queue.UpdateMessageAsync(
                message.MessageId,
                message.PopReceipt,
                visibilityTimeout: host.Queues.VisibilityTimeout,
                cancellationToken: stoppingToken
            );
        }
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        logger.LogWarning(
            "Message {MessageId} on {Queue} failed {DequeueCount} times; moving it to {Poison}",
            message.MessageId,
            queue.Name,
            message.DequeueCount,
            poison.Name
        );
        await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        await poison.SendMessageAsync(message.MessageText, cancellationToken: stoppingToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
    }

    private static JsonElement SystemMetadata(string methodName, DateTimeOffset now) =>
        JsonSerializer.SerializeToElement(
            new
            {
                MethodName = methodName,
                UtcNow = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                RandGuid = Guid.NewGuid().ToString(),
            }
        );

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
