using Azure.Storage.Queues;

namespace ClientReminders.Storage;

/// <summary>
/// Sends to our queues, each created on first use once per process like <see cref="TableClients"/>. A queue deleted underneath
/// (storage reset or restored) is created again and the message sent once more.
/// </summary>
public sealed class QueueClients(QueueServiceClient service)
{
    private readonly CreatedOnce<QueueClient> _queues = new(async name =>
    {
        var queue = service.GetQueueClient(name);
        await queue.CreateIfNotExistsAsync();
        return queue;
    });

    public async Task SendAsync(string queueName, string message, TimeSpan? visibilityTimeout, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        var queue = await _queues.GetAsync(queueName, cancellationToken);
        try
        {
            await queue.SendMessageAsync(message, visibilityTimeout, timeToLive, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode == "QueueNotFound")
        {
            _queues.Forget(queueName);
            queue = await _queues.GetAsync(queueName, cancellationToken);
            await queue.SendMessageAsync(message, visibilityTimeout, timeToLive, cancellationToken);
        }
    }

    public Task SendAsync(string queueName, string message, CancellationToken cancellationToken) =>
        SendAsync(queueName, message, null, null, cancellationToken);
}
