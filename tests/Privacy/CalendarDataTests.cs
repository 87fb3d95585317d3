using System.IO.Compression;
using ClientReminders.Calendars.Microsoft;
using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Privacy;

/// <summary>
/// The owner's calendar data in the data summary and both exports, without a token, verifier, delta link or full feed address;
/// and all of it gone at closure. On an Azurite of its own, since the purge acts on every closed account it finds.
/// </summary>
public sealed class CalendarDataTests : IAsyncLifetime
{
    private const string Mailbox = "jane.owner@outlook.example";
    private const string OutlookCalendar = "Clinic diary";
    private const string FeedName = "Google bookings";
    private const string FeedAddress = "https://calendar.google.example/calendar/ical/private-FEEDSECRET123/basic.ics";
    private const string Subject = "Knee check with Zoë";
    private const string Location = "Room 2";
    private static readonly string[] Secrets = ["TOKENCACHESECRET", "HOMEACCOUNTSECRET", "DELTASECRET", "FEEDSECRET123", "VERIFIERSECRET"];

    private AzuriteServer azurite = null!;
    private TestApp app = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteServer.StartPrivateAsync();
        app = await Owners.StartAppAsync(
            new Dictionary<string, string> { ["RateLimits:Auth:PerIpPermits"] = "10000" },
            storageConnectionString: azurite.ConnectionString
        );
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await azurite.DisposeAsync();
    }

    private sealed record Seeded(string ConnectionId, string OutlookSourceId, string FeedId, string EventId, string ClientId);

    /// <summary>A feed added through the API, and what connecting Outlook, syncing and answering the review list leave behind, as rows.</summary>
    private async Task<Seeded> CalendarDataOfAsync(Owner owner)
    {
        var clientId = (await owner.AddClientAsync("Zoë Ålander", "07700 900123")).GetProperty("id").GetString()!;
        using var added = await owner.Browser.PostJsonAsync("/api/calendars/ics", new { name = FeedName, url = FeedAddress });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var feedId = (await Owners.JsonAsync(added)).GetProperty("id").GetString()!;

        var cipher = app.Services.GetRequiredService<FieldCipher>();
        var tables = app.Services.GetRequiredService<TableClients>();
        var id = owner.AccountId;
        var connection = new CalendarConnectionEntity
        {
            PartitionKey = id,
            RowKey = Guid.NewGuid().ToString("N"),
            LookAheadDays = 30,
            ConnectedAt = DateTimeOffset.UtcNow,
        };
        connection.Mailbox = await cipher.EncryptAsync(id, MicrosoftConnections.Context(connection, "Mailbox"), Mailbox, default);
        connection.TokenCache = await cipher.EncryptAsync(
            id,
            MicrosoftConnections.Context(connection, "TokenCache"),
            """{"RefreshToken":"TOKENCACHESECRET"}""",
            default
        );
        connection.HomeAccountId = await cipher.EncryptAsync(
            id,
            MicrosoftConnections.Context(connection, "HomeAccountId"),
            "HOMEACCOUNTSECRET.tenant",
            default
        );
        await (await tables.GetAsync(StorageTables.CalendarConnections)).AddEntityAsync(connection);

        var request = new CalendarConnectRequestEntity
        {
            PartitionKey = id,
            RowKey = "statehash",
            SessionHash = "sessionhash",
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(10),
        };
        request.CodeVerifier = await cipher.EncryptAsync(
            id,
            new CipherContext(StorageTables.CalendarConnectRequests.Name, request.RowKey, "CodeVerifier"),
            "VERIFIERSECRET",
            default
        );
        await (await tables.GetAsync(StorageTables.CalendarConnectRequests)).AddEntityAsync(request);

        var source = new CalendarSourceEntity
        {
            PartitionKey = id,
            RowKey = Guid.NewGuid().ToString("N"),
            ConnectionId = connection.Id,
            ExternalId = "AAMkAGI2",
            LastSyncAt = DateTimeOffset.UtcNow,
        };
        source.Name = await cipher.EncryptAsync(id, CalendarSources.Context(source, "Name"), OutlookCalendar, default);
        source.DeltaLink = await cipher.EncryptAsync(
            id,
            CalendarSources.Context(source, "DeltaLink"),
            "https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=DELTASECRET",
            default
        );
        await (await tables.GetAsync(StorageTables.CalendarSources)).AddEntityAsync(source);

        var start = DateTimeOffset.UtcNow.AddDays(2);
        var row = new CalendarEventEntity
        {
            PartitionKey = id,
            RowKey = $"{source.Id}:eventhash",
            SourceId = source.Id,
            EventKeyHash = "eventhash",
            SeriesHash = "serieshash",
            State = EventState.Review,
            Reason = "unmatched",
            StartUtc = start,
            EndUtc = start.AddHours(1),
            TimeZone = "Europe/London",
            WebLink = "https://outlook.office365.com/owa/?itemid=AAMk",
        };
        row.Subject = await cipher.EncryptAsync(id, CalendarEventSink.Context(row, "Subject"), Subject, default);
        row.Location = await cipher.EncryptAsync(id, CalendarEventSink.Context(row, "Location"), Location, default);
        await (await tables.GetAsync(StorageTables.CalendarEvents)).AddEntityAsync(row);

        await (await tables.GetAsync(StorageTables.CalendarAssignments)).AddEntityAsync(
            new CalendarAssignmentEntity
            {
                PartitionKey = id,
                RowKey = CalendarEventSink.AssignmentKey(source.Id, "s", "serieshash"),
                SourceId = source.Id,
                ClientId = clientId,
                CreatedAt = DateTimeOffset.UtcNow,
            }
        );
        return new Seeded(connection.Id, source.Id, feedId, row.RowKey, clientId);
    }

    private static void AssertNoSecretIn(string text) => Assert.All(Secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));

    [Fact]
    public async Task TheJsonExportHoldsMailboxesCalendarsEventsAndAnswersButNoTokenDeltaLinkOrFeedAddress()
    {
        using var owner = await Owner.SignUpAsync(app);
        var seeded = await CalendarDataOfAsync(owner);

        using var response = await owner.Browser.GetAsync("/api/export?format=json");

        var text = await response.Content.ReadAsStringAsync();
        AssertNoSecretIn(text);
        var calendars = JsonDocument.Parse(text).RootElement.GetProperty("calendars");
        var connection = Assert.Single(calendars.GetProperty("connections").EnumerateArray());
        Assert.Equal(
            (seeded.ConnectionId, Mailbox, "connected"),
            (connection.GetProperty("id").GetString(), connection.GetProperty("mailbox").GetString(), connection.GetProperty("status").GetString())
        );
        var chosen = calendars.GetProperty("calendars").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        Assert.Equal(new[] { seeded.FeedId, seeded.OutlookSourceId }.Order(), chosen.Keys.Order());
        Assert.Equal(
            (FeedName, "https://calendar.google.example/…"),
            (chosen[seeded.FeedId].GetProperty("name").GetString(), chosen[seeded.FeedId].GetProperty("feedAddress").GetString())
        );
        Assert.Equal(
            (OutlookCalendar, seeded.ConnectionId),
            (chosen[seeded.OutlookSourceId].GetProperty("name").GetString(), chosen[seeded.OutlookSourceId].GetProperty("connectionId").GetString())
        );
        var calendarEvent = Assert.Single(calendars.GetProperty("events").EnumerateArray());
        Assert.Equal(
            (seeded.EventId, Subject, Location, EventState.Review),
            (
                calendarEvent.GetProperty("id").GetString(),
                calendarEvent.GetProperty("subject").GetString(),
                calendarEvent.GetProperty("location").GetString(),
                calendarEvent.GetProperty("state").GetString()
            )
        );
        var answer = Assert.Single(calendars.GetProperty("assignments").EnumerateArray());
        Assert.Equal(
            (seeded.OutlookSourceId, "series", seeded.ClientId),
            (answer.GetProperty("calendarId").GetString(), answer.GetProperty("scope").GetString(), answer.GetProperty("clientId").GetString())
        );
    }

    [Fact]
    public async Task TheCsvExportHasAFileForEachKindOfCalendarDataAndNoSecret()
    {
        using var owner = await Owner.SignUpAsync(app);
        var seeded = await CalendarDataOfAsync(owner);

        using var response = await owner.Browser.GetAsync("/api/export?format=csv");

        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.Name] = await reader.ReadToEndAsync();
        }
        Assert.Superset(
            new HashSet<string> { "calendar-connections.csv", "calendars.csv", "calendar-events.csv", "calendar-assignments.csv" },
            files.Keys.ToHashSet()
        );
        Assert.All(files.Values, AssertNoSecretIn);
        Assert.Contains($"{seeded.ConnectionId},microsoft,{Mailbox},connected,30,", files["calendar-connections.csv"], StringComparison.Ordinal);
        Assert.Contains($"{seeded.FeedId},ics,,{FeedName},https://calendar.google.example/…,", files["calendars.csv"], StringComparison.Ordinal);
        Assert.Contains($",{OutlookCalendar},,", files["calendars.csv"], StringComparison.Ordinal);
        Assert.Contains($",{Subject},{Location},", files["calendar-events.csv"], StringComparison.Ordinal);
        Assert.Contains($",{seeded.OutlookSourceId},series,{seeded.ClientId},false,", files["calendar-assignments.csv"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSummaryCountsTheCalendarData()
    {
        using var owner = await Owner.SignUpAsync(app);
        await CalendarDataOfAsync(owner);

        var summary = await owner.GetJsonAsync("/api/data-summary");

        var counts = summary
            .GetProperty("categories")
            .EnumerateArray()
            .ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.Equal((2, 2, 1, 1), (counts["calendar-connections"], counts["calendars"], counts["calendar-events"], counts["calendar-assignments"]));
    }

    [Fact]
    public async Task ThePurgeAfterClosureLeavesNoRowOfTheAccountInAnyCalendarTable()
    {
        using var owner = await Owner.SignUpAsync(app);
        await CalendarDataOfAsync(owner);
        var calendarTables = StorageTables.All.Where(t => t.Name.StartsWith("Calendar", StringComparison.Ordinal)).ToList();
        Assert.All(calendarTables, t => Assert.True(t.Retention.AccountScoped, $"{t.Name} is not deleted with its account"));
        foreach (var table in calendarTables)
        {
            Assert.NotEmpty(await RawRows.OfAccountAsync(app, table, owner.AccountId));
        }
        using var closed = await owner.Browser.DeleteJsonAsync("/api/me", new { password = Owners.Password });
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);

        await app.Services.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None);

        foreach (var table in calendarTables)
        {
            Assert.Empty(await RawRows.OfAccountAsync(app, table, owner.AccountId));
        }
    }
}
