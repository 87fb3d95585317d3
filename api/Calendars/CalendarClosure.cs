namespace ClientReminders.Calendars;

/// <summary>At closure, every Outlook calendar's Graph subscription is deleted, while the connection's tokens can still be read.</summary>
public sealed class CalendarClosure(CalendarSources sources, ILogger<CalendarClosure> logger) : IAccountClosing
{
    public async Task ClosingAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        try
        {
            await sources.UnsubscribeAllAsync(account, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Unrenewed, the subscriptions lapse within a week, and their notifications find no calendar meanwhile.
            logger.LogWarning("Graph subscriptions of closing account {AccountId} were not all deleted ({Error})", account.Id, exception.GetType().Name);
        }
    }
}
