namespace ClientReminders.Calendars.Ics;

/// <summary>A calendar-level failure: the whole feed is unusable this time and the previous state of its events must be kept.</summary>
public abstract class IcsException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The file is not a well-formed iCalendar stream (not a calendar, truncated, components not closed); <see cref="LineNumber"/> is 1-based.</summary>
public sealed class IcsFormatException(int lineNumber, string problem) : IcsException($"Line {lineNumber}: {problem}")
{
    public int LineNumber { get; } = lineNumber;

    public string Problem { get; } = problem;
}

/// <summary>The feed needs more work than allowed (too many occurrences in the window); nothing of it is used rather than a part that would look like deletions.</summary>
public sealed class IcsLimitExceededException(string message) : IcsException(message);

public enum IcsFetchError
{
    InvalidAddress,
    NotHttps,
    RefusedAddress,
    TooManyRedirects,
    Timeout,
    TooLarge,
    HttpStatus,
    NotACalendar,
    ConnectionFailed,
}

/// <summary>Fetching a feed failed. The message names the masked address at most (scheme and host), never the secret path.</summary>
public sealed class IcsFetchException(IcsFetchError reason, string message, int? statusCode = null, Exception? inner = null) : IcsException(message, inner)
{
    public IcsFetchError Reason { get; } = reason;

    /// <summary>The HTTP status for <see cref="IcsFetchError.HttpStatus"/>.</summary>
    public int? StatusCode { get; } = statusCode;
}

/// <summary>One bad value inside an event; the parser turns it into a warning and skips that event.</summary>
internal sealed class IcsValueException(string message) : Exception(message);
