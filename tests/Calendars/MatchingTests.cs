namespace ClientReminders.Tests.Calendars;

public class MatchingTests
{
    private static ClientView Client(string id, string name) =>
        new(id, name, null, null, ClientStatus.Active, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, false);

    [Fact]
    public void ANameMatchesWithoutCaseOrAccents() =>
        Assert.Equal(["zoe"], ClientMatcher.NamesIn("Physio: ZOE O'BRIEN-SMITH", [Client("zoe", "Zoë O'Brien-Smith")]));

    [Fact]
    public void ANameMatchesOnlyAsWholeWords() => Assert.Empty(ClientMatcher.NamesIn("Annabel Leeson review", [Client("ann", "Ann Lee")]));

    [Fact]
    public void TheLongestNameWins() =>
        Assert.Equal(
            ["mary-jane"],
            ClientMatcher.NamesIn("Mary Jane Watson follow-up", [Client("mary", "Mary Jane"), Client("mary-jane", "Mary Jane Watson")])
        );

    [Fact]
    public void TwoClientsWithTheSameNameAreBothCandidates() =>
        Assert.Equal(2, ClientMatcher.NamesIn("Sam Lee", [Client("a", "Sam Lee"), Client("b", "sam lee")]).Count);

    [Theory]
    [InlineData("GMT Standard Time", "Europe/London")]
    [InlineData("Pacific Standard Time", "America/Los_Angeles")]
    [InlineData("Europe/Paris", "Europe/Paris")]
    [InlineData("tzone://Microsoft/Custom", "Europe/Berlin")]
    [InlineData(null, "Europe/Berlin")]
    public void WindowsZonesMapToIana(string? name, string expected) => Assert.Equal(expected, CalendarTimeZones.ToIana(name, "Europe/Berlin"));
}
