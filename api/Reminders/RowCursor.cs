namespace ClientReminders.Reminders;

/// <summary>
/// Where a page of reminder rows ended: the instant the list orders by and the last row's key, written "{UTC ticks}.{row key}"
/// (the key breaks ties). Each list says which instant of a row it orders by, and in which direction.
/// </summary>
public sealed record RowCursor(long Ticks, string RowKey)
{
    public DateOnly Day => DateOnly.FromDateTime(new DateTime(Ticks, DateTimeKind.Utc));

    public static string After(DateTimeOffset at, string rowKey) => $"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{rowKey}";

    /// <summary>The cursor, or null for text that no page wrote.</summary>
    public static RowCursor? Parse(string? text) =>
        text?.Split('.', 2) is [var ticks, var rowKey]
        && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
        && value is > 0 and < 3_155_378_975_999_999_999
        && rowKey.Length is > 0 and <= 200
        && rowKey.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_')
            ? new RowCursor(value, rowKey)
            : null;

    /// <summary>Whether a row at <paramref name="at"/> belongs after the cursor in a list ordered by that instant (newest or soonest first), then by key.</summary>
    public bool IsFollowedBy(DateTimeOffset at, string rowKey, bool newestFirst)
    {
        var ticks = at.UtcTicks;
        return (newestFirst ? ticks < Ticks : ticks > Ticks) || (ticks == Ticks && string.CompareOrdinal(rowKey, RowKey) > 0);
    }
}
