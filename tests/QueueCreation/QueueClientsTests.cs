using Azure.Core.Pipeline;

namespace ClientReminders.Tests.QueueCreation;

/// <summary>A storage transport that counts the requests of each HTTP method.</summary>
public sealed class CountingTransport() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _creates;
    private int _sends;

    public int Creates => Volatile.Read(ref _creates);

    public int Sends => Volatile.Read(ref _sends);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Put)
        {
            Interlocked.Increment(ref _creates);
        }
        else if (request.Method == HttpMethod.Post)
        {
            Interlocked.Increment(ref _sends);
        }
        return base.SendAsync(request, cancellationToken);
    }
}

public sealed class QueueClientsTests
{
    [Fact]
    public async Task AQueueIsCreatedOnceForManyMessages()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var transport = new CountingTransport();
        var queues = new QueueClients(new QueueServiceClient(azurite.ConnectionString, StorageClientOptions.ForQueues(new HttpClientTransport(transport))));
        var name = AzuriteServer.UniqueQueueName("once");

        for (var i = 0; i < 5; i++)
        {
            await queues.SendAsync(name, $"message {i}", CancellationToken.None);
        }

        Assert.Equal(1, transport.Creates);
        Assert.Equal(5, transport.Sends);
        var peeked = await new QueueServiceClient(azurite.ConnectionString).GetQueueClient(name).PeekMessagesAsync(10);
        Assert.Equal(5, peeked.Value.Length);
    }

    [Fact]
    public async Task AQueueDeletedUnderneathIsCreatedAgainAndTheMessageStillSent()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var queues = new QueueClients(new QueueServiceClient(azurite.ConnectionString));
        var name = AzuriteServer.UniqueQueueName("gone");
        await queues.SendAsync(name, "before", CancellationToken.None);
        var direct = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(name);
        await direct.DeleteIfExistsAsync();

        await queues.SendAsync(name, "after", CancellationToken.None);

        var peeked = await direct.PeekMessagesAsync(10);
        Assert.Equal(["after"], peeked.Value.Select(m => m.MessageText));
    }
}
