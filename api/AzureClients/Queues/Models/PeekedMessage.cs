namespace ClientReminders.AzureClients.Queues.Models;

public sealed class PeekedMessage
{
    public required string MessageId { get; init; }

    public required string MessageText { get; init; }

    public BinaryData Body => BinaryData.FromString(MessageText);

    public long DequeueCount { get; init; }

    public DateTimeOffset? InsertedOn { get; init; }

    public DateTimeOffset? ExpiresOn { get; init; }
}
