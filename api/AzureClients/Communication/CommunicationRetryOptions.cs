namespace ClientReminders.AzureClients.Communication;

public sealed class CommunicationRetryOptions
{
    public int MaxRetries { get; set; } = 3;

    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(0.8);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    // Injectable so tests can record delays instead of sleeping.
    public Func<TimeSpan, CancellationToken, Task> DelayAsync { get; set; } = Task.Delay;
}
