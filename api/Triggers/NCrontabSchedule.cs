using NCrontab;

namespace ClientReminders.Triggers;

/// <summary>
/// A timer's NCRONTAB expression, parsed and evaluated by NCrontab exactly as the Functions host does: six fields with
/// seconds ({second} {minute} {hour} {day} {month} {day-of-week}) or five without, in UTC (the host's default).
/// </summary>
public sealed class NCrontabSchedule
{
    // The host asks NCrontab for the next occurrence without an end; a schedule with none in this long never fires.
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(5 * 366);

    // Any schedule that fires at all fires within five years of any instant (29 February included).
    private static readonly DateTimeOffset FiresCheckedFrom = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly CrontabSchedule schedule;

    private NCrontabSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        this.schedule = schedule;
    }

    public string Expression { get; }

    /// <summary>Refuses what the host refuses, and a schedule that would never fire (such as 31 February).</summary>
    public static NCrontabSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        CrontabSchedule parsed;
        try
        {
            parsed = CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields != 5 });
        }
        catch (CrontabException exception)
        {
            throw new FormatException($"'{expression}' is not a schedule the Functions host accepts: {exception.Message}", exception);
        }

        var schedule = new NCrontabSchedule(expression, parsed);
        if (schedule.NextOrNull(FiresCheckedFrom) is null)
        {
            throw new FormatException($"'{expression}' never fires: no second in five years matches all of its fields.");
        }
        return schedule;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public DateTimeOffset GetNextOccurrence(DateTimeOffset after) =>
        NextOrNull(after) ?? throw new InvalidOperationException($"The schedule '{Expression}' has no occurrence in the next five years.");

    private DateTimeOffset? NextOrNull(DateTimeOffset after)
    {
        var start = after.UtcDateTime;
        var end = start + Horizon;
        var next = schedule.GetNextOccurrence(start, end);
        return next < end ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc)) : null;
    }
}
