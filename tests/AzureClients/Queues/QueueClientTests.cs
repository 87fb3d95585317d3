using Azure;
using ClientReminders.AzureClients.Queues;
using ClientReminders.AzureClients.Queues.Models;
using ClientReminders.Tests.Infrastructure;

namespace ClientReminders.Tests.AzureClients.Queues;

public sealed class QueueClientTests
{
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(15);

    private static async Task<QueueClient> NewQueueAsync()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var queue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(AzuriteServer.UniqueQueueName("test"));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    private static async Task<QueueMessage> ReceiveWhenVisibleAsync(QueueClient queue, TimeSpan? visibilityTimeout = null)
    {
        var deadline = DateTime.UtcNow + PollLimit;
        while (DateTime.UtcNow < deadline)
        {
            if ((await queue.ReceiveMessagesAsync(1, visibilityTimeout)).Value is [var message])
            {
                return message;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No message became visible within {PollLimit}.");
    }

    [Fact]
    public async Task QueueCanBeCreatedTwiceCheckedAndDeleted()
    {
        var queue = await NewQueueAsync();

        await queue.CreateIfNotExistsAsync();
        var existedBefore = (await queue.ExistsAsync()).Value;
        var deleted = (await queue.DeleteIfExistsAsync()).Value;
        var deletedAgain = (await queue.DeleteIfExistsAsync()).Value;

        Assert.Equal((true, true, false), (existedBefore, deleted, deletedAgain));
        Assert.False((await queue.ExistsAsync()).Value);
    }

    [Fact]
    public async Task SentMessageIsReceivedOnceAndDeletedWithItsPopReceipt()
    {
        var queue = await NewQueueAsync();
        const string text = "<reminder id=\"1\">Tom & Jerry's</reminder>";

        var receipt = (await queue.SendMessageAsync(text)).Value;
        var received = Assert.Single((await queue.ReceiveMessagesAsync(maxMessages: 10)).Value);
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);

        Assert.Equal((receipt.MessageId, text, 1L), (received.MessageId, received.MessageText, received.DequeueCount));
        Assert.Equal(text, received.Body.ToString());
        Assert.Empty((await queue.PeekMessagesAsync(10)).Value);
    }

    [Fact]
    public async Task DeletingWithAStalePopReceiptFails()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("hello");
        var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value[0];
        await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(received.MessageId, received.PopReceipt));

        Assert.Equal((400, "PopReceiptMismatch"), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task MessageSentWithAVisibilityDelayIsOnlyReceivableAfterTheDelay()
    {
        var queue = await NewQueueAsync();

        var receipt = (await queue.SendMessageAsync("later", visibilityTimeout: TimeSpan.FromSeconds(2))).Value;
        var immediately = (await queue.ReceiveMessagesAsync()).Value;
        var eventually = await ReceiveWhenVisibleAsync(queue);

        Assert.Empty(immediately);
        Assert.Equal(receipt.MessageId, eventually.MessageId);
        Assert.True(receipt.TimeNextVisible >= receipt.InsertionTime.AddSeconds(2));
    }

    [Fact]
    public async Task ReceivedMessageThatIsNotDeletedBecomesVisibleAgainWithDequeueCountTwo()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("retry me");

        var first = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value[0];
        var hidden = (await queue.ReceiveMessagesAsync()).Value;
        var second = await ReceiveWhenVisibleAsync(queue);

        Assert.Empty(hidden);
        Assert.Equal((first.MessageId, 1L, 2L), (second.MessageId, first.DequeueCount, second.DequeueCount));
    }

    [Fact]
    public async Task UpdatingAMessageChangesItsTextAndVisibility()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("draft");
        var received = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30))).Value[0];

        var hiddenLonger = (await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, "still hidden", TimeSpan.FromSeconds(60))).Value;
        var whileHidden = (await queue.ReceiveMessagesAsync()).Value;
        var visibleNow = (await queue.UpdateMessageAsync(received.MessageId, hiddenLonger.PopReceipt, "final", TimeSpan.Zero)).Value;
        var again = await ReceiveWhenVisibleAsync(queue);

        Assert.Empty(whileHidden);
        Assert.True(hiddenLonger.NextVisibleOn > DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.NotEqual(received.PopReceipt, hiddenLonger.PopReceipt);
        Assert.NotEqual(hiddenLonger.PopReceipt, visibleNow.PopReceipt);
        Assert.Equal(("final", 2L), (again.MessageText, again.DequeueCount));
    }

    [Fact]
    public async Task PeekingDoesNotChangeTheDequeueCount()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("look");

        var firstPeek = Assert.Single((await queue.PeekMessagesAsync()).Value);
        var secondPeek = Assert.Single((await queue.PeekMessagesAsync()).Value);
        var received = (await queue.ReceiveMessagesAsync()).Value[0];

        Assert.Equal(("look", 0L, 0L, 1L), (firstPeek.MessageText, firstPeek.DequeueCount, secondPeek.DequeueCount, received.DequeueCount));
    }

    [Fact]
    public async Task PropertiesReportTheApproximateMessageCount()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendMessageAsync($"message {i}");
        }

        var properties = (await queue.GetPropertiesAsync()).Value;

        Assert.Equal(3, properties.ApproximateMessagesCount);
    }

    [Fact]
    public async Task TimeToLiveIsReflectedInTheExpiryTime()
    {
        var queue = await NewQueueAsync();

        var hour = (await queue.SendMessageAsync("short", timeToLive: TimeSpan.FromHours(1))).Value;
        var forever = (await queue.SendMessageAsync("forever", timeToLive: TimeSpan.FromSeconds(-1))).Value;
        var peeked = (await queue.PeekMessagesAsync(2)).Value.ToDictionary(message => message.MessageId);

        Assert.Equal(TimeSpan.FromHours(1), hour.ExpirationTime - hour.InsertionTime);
        Assert.Equal(hour.ExpirationTime, peeked[hour.MessageId].ExpiresOn);
        Assert.Equal(9999, forever.ExpirationTime.Year);
    }

    [Fact]
    public async Task ClearingRemovesEveryMessage()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");

        await queue.ClearMessagesAsync();

        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task SendingToAMissingQueueFailsWithQueueNotFound()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var queue = new QueueClient(azurite.ConnectionString, AzuriteServer.UniqueQueueName("missing"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("lost"));
        var properties = await Assert.ThrowsAsync<RequestFailedException>(() => queue.GetPropertiesAsync());

        Assert.Equal((404, "QueueNotFound"), (error.Status, error.ErrorCode));
        Assert.Equal(404, properties.Status);
    }

    [Fact]
    public async Task RequestSignedWithAWrongKeyIsRefused()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var queue = new QueueClient(azurite.ConnectionString.Replace(AzuriteServer.AccountKey, wrongKey), AzuriteServer.UniqueQueueName("auth"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => queue.CreateIfNotExistsAsync());

        Assert.Equal((403, "AuthenticationFailed"), (error.Status, error.ErrorCode));
    }
}
