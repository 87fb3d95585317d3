using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Privacy;

public class DataSummaryTests(ClientsApp fixture) : IClassFixture<ClientsApp>
{
    [Fact]
    public async Task TheSummaryCountsWhatIsHeldForTheAccount()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        await owner.AddClientAsync("Mobile Only", "07700 900030");
        await owner.AddClientAsync("Email Only", email: "email.only@example.com");
        await owner.AddClientAsync("Both", "07700 900031", "both@example.com");
        await owner.ImportAsync("Name,Mobile,Email\r\nImported,07700 900032,imported@example.com\r\nRejected,,\r\n", Imports.NameMobileEmail);

        var summary = await owner.GetJsonAsync("/api/data-summary");

        var counts = summary
            .GetProperty("categories")
            .EnumerateArray()
            .ToDictionary(
                c => c.GetProperty("key").GetString()!,
                c => c.GetProperty("count").ValueKind == JsonValueKind.Null ? (int?)null : c.GetProperty("count").GetInt32()
            );
        Assert.Equal(
            [
                "account",
                "clients",
                "client-lookups",
                "imports",
                "sessions",
                "appointments",
                "reminders",
                "replies",
                "conversations",
                "alerts",
                "settings",
                "calendar-connections",
                "calendars",
                "calendar-subscriptions",
                "calendar-events",
                "calendar-assignments",
                "audit",
                "keys",
            ],
            counts.Keys
        );
        Assert.Equal(1, counts["account"]);
        Assert.Equal(4, counts["clients"]);
        Assert.Equal(6, counts["client-lookups"]);
        Assert.Equal(1, counts["imports"]);
        Assert.Equal(1, counts["sessions"]);
        Assert.Equal(1, counts["keys"]);
        Assert.True(counts["audit"] >= 1);
        Assert.All(summary.GetProperty("categories").EnumerateArray(), c => Assert.NotEmpty(c.GetProperty("retention").GetString()!));
    }
}
