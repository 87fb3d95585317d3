using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;

namespace ClientReminders.Storage;

/// <summary>
/// Sends to our queues, each created on first use once per process like <see cref="Tables"/>. A queue deleted underneath
/// (storage reset or restored) is created again and the message sent once more.
/// </summary>
public sealed class Queues(QueueServiceClient service)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _ready = new(StringComparer.Ordinal);

    public async Task SendAsync(string queueName, string message, TimeSpan? visibilityTimeout, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        var queue = await GetAsync(queueName, cancellationToken);
        try
        {
            await queue.SendMessageAsync(message, visibilityTimeout, timeToLive, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "QueueNotFound")
        {
            Forget(queueName);
            queue = await GetAsync(queueName, cancellationToken);
            await queue.SendMessageAsync(message, visibilityTimeout, timeToLive, cancellationToken);
        }
    }

    public Task SendAsync(string queueName, string message, CancellationToken cancellationToken) =>
        SendAsync(queueName, message, null, null, cancellationToken);

    private async Task<QueueClient> GetAsync(string queueName, CancellationToken cancellationToken)
    {
        var ready = _ready.GetOrAdd(queueName, name => new Lazy<Task<QueueClient>>(() => CreateAsync(name)));
        try
        {
            return await ready.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed creation is not cached: the next call tries again.
            _ready.TryRemove(new KeyValuePair<string, Lazy<Task<QueueClient>>>(queueName, ready));
            throw;
        }
    }

    private void Forget(string queueName) => _ready.TryRemove(queueName, out _);

    private async Task<QueueClient> CreateAsync(string name)
    {
        var queue = service.GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
