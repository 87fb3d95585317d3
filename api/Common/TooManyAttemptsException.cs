namespace ClientReminders.Common;

public sealed class TooManyAttemptsException(TimeSpan retryAfter) : Exception("Too many attempts.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
