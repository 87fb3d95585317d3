namespace ClientReminders.AzureClients.Queues.Models;

public sealed class QueueProperties
{
    public int ApproximateMessagesCount { get; init; }

    public IDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
