namespace ClientReminders.Tests.Reminders.Templates;

public class SampleValuesTests
{
    [Fact]
    public void TheSampleIsAFictitiousClientTomorrowAtHalfPastTen()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        var sample = SampleValues.For("Bright Smile Dental", new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), london);

        Assert.Equal(
            new TemplateValues(
                "Alex Sample",
                "Bright Smile Dental",
                new DateTime(2026, 11, 21, 10, 30, 0),
                "Follow-up appointment",
                "Room 2",
                "Bring your notes.",
                "Reply YES to confirm or NO to cancel."
            ),
            sample
        );
    }

    [Fact]
    public void TomorrowIsCountedInTheAccountsZone()
    {
        var sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

        var sample = SampleValues.For("Harbour Physio", new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero), sydney);

        Assert.Equal(new DateTime(2026, 11, 22, 10, 30, 0), sample.LocalStart);
    }
}
