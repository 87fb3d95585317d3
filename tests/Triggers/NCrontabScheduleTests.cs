namespace ClientReminders.Tests.Triggers;

public class NCrontabScheduleTests
{
    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0 */5 * * * *", "2026-03-10T10:02:30", "2026-03-10T10:05:00")]
    [InlineData("0 */5 * * * *", "2026-03-10T10:05:00", "2026-03-10T10:10:00")]
    [InlineData("0 30 2 * * *", "2026-03-10T02:30:00", "2026-03-11T02:30:00")]
    [InlineData("0 30 2 * * *", "2026-12-31T23:59:59", "2027-01-01T02:30:00")]
    [InlineData("*/15 * * * * *", "2026-03-10T10:00:14", "2026-03-10T10:00:15")]
    [InlineData("0 0 9 * * Mon-Fri", "2026-03-13T09:00:00", "2026-03-16T09:00:00")]
    [InlineData("0 0 9 * * 1-5", "2026-03-14T08:00:00", "2026-03-16T09:00:00")]
    [InlineData("0 0 0 29 Feb *", "2026-03-01T00:00:00", "2028-02-29T00:00:00")]
    [InlineData("0 0 12 1,15 * *", "2026-03-02T00:00:00", "2026-03-15T12:00:00")]
    [InlineData("0 0 0 * * 0", "2026-03-10T00:00:00", "2026-03-15T00:00:00")]
    [InlineData("0 5-10/5 * * * *", "2026-03-10T10:06:00", "2026-03-10T10:10:00")]
    [InlineData("0 0 0 13 * Fri", "2026-03-10T00:00:00", "2026-03-13T00:00:00")]
    [InlineData("*/5 * * * *", "2026-03-10T10:02:30", "2026-03-10T10:05:00")]
    // As the host reads them through NCrontab: a step of 0 is every value, and a backwards range runs forwards.
    [InlineData("0 0 0 * * */0", "2026-03-10T10:00:00", "2026-03-11T00:00:00")]
    [InlineData("0 10-5 * * * *", "2026-03-10T10:06:00", "2026-03-10T10:07:00")]
    [InlineData("0 10-5 * * * *", "2026-03-10T10:10:00", "2026-03-10T11:05:00")]
    [InlineData("30 2 * * *", "2026-03-10T02:30:00", "2026-03-11T02:30:00")]
    public void NextOccurrenceIsTheFirstMatchingSecondAfterTheGivenInstant(string expression, string after, string expected)
    {
        var schedule = NCrontabSchedule.Parse(expression);

        Assert.Equal(Utc(expected), schedule.GetNextOccurrence(Utc(after)));
    }

    [Fact]
    public void NextOccurrenceIsComputedInUtcWhateverTheOffsetOfTheInput()
    {
        var schedule = NCrontabSchedule.Parse("0 0 12 * * *");

        var next = schedule.GetNextOccurrence(new DateTimeOffset(2026, 3, 10, 11, 0, 0, TimeSpan.FromHours(2)));

        Assert.Equal(Utc("2026-03-10T12:00:00"), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Fact]
    public void WhenBothDayFieldsAreRestrictedTheDayMustMatchBothAsTheHostReadsThem()
    {
        var schedule = NCrontabSchedule.Parse("0 0 9 1 * Mon");

        Assert.Equal(Utc("2026-06-01T09:00:00"), schedule.GetNextOccurrence(Utc("2026-03-10T00:00:00")));
    }

    [Theory]
    [InlineData("0 0 * * *  * *")]
    [InlineData("0 */5 * *")]
    [InlineData("0 61 * * * *")]
    [InlineData("0 0 25 * * *")]
    [InlineData("0 0 0 * Foo *")]
    [InlineData("0 0 0 * * 7")]
    [InlineData("0 0 0 ? * *")]
    public void ExpressionsTheHostRefusesAreRefusedNamingTheExpression(string expression)
    {
        var error = Assert.Throws<FormatException>(() => NCrontabSchedule.Parse(expression));

        Assert.Contains($"'{expression}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 0 31 Feb *")]
    [InlineData("0 0 0 30 2 *")]
    public void AScheduleThatWouldNeverFireIsRefused(string expression)
    {
        var error = Assert.Throws<FormatException>(() => NCrontabSchedule.Parse(expression));

        Assert.Contains("never fires", error.Message, StringComparison.Ordinal);
    }
}
