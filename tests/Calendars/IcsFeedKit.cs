using ClientReminders.Tests.Calendars.Ics;
using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;
using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Calendars;

/// <summary>
/// One app per test class with a loopback feed server on the test allow-list, its logs captured at every level, on a manual clock
/// (mid-morning UTC today unless a subclass fixes another instant); each test signs up its own owners and publishes its own feeds.
/// </summary>
public class IcsFeedApp : IAsyncLifetime
{
    public const int MaxOccurrences = 500;
    public const int MaxFeeds = 3;

    public ManualTimeProvider Clock { get; }

    public FakeFeedServer Feeds { get; private set; } = null!;

    public CapturingLoggerProvider Logs { get; } = new();

    public TestApp App { get; private set; } = null!;

    public IcsFeedApp()
        : this(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(9), TimeSpan.Zero)) { }

    protected IcsFeedApp(DateTimeOffset now) => Clock = new ManualTimeProvider(now);

    public async Task InitializeAsync()
    {
        Feeds = await FakeFeedServer.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["RateLimits:Auth:PerIpPermits"] = "10000",
            ["Calendars:Ics:AllowedTestHosts:0"] = "127.0.0.1",
            ["Calendars:Ics:MaxOccurrences"] = MaxOccurrences.ToString(CultureInfo.InvariantCulture),
            ["Calendars:Ics:MaxFeedsPerAccount"] = MaxFeeds.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Trace",
        };
        App = await Owners.StartAppAsync(settings, Clock, builder => builder.Logging.AddProvider(Logs));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Feeds.DisposeAsync();
    }

    /// <summary>A whole hour some days ahead, in UTC.</summary>
    public DateTimeOffset DaysAhead(int days, int hourUtc = 10) =>
        new DateTimeOffset(Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(days).AddHours(hourUtc);

    /// <summary>A feed path no other test uses, with a secret-looking token in it as real private addresses have.</summary>
    public static string NewFeedPath() => $"private-{Guid.NewGuid():N}/basic.ics";

    /// <summary>An owner with the client Ada Lovelace (matched by name in a subject) and an SMS rule a day ahead.</summary>
    public async Task<(Owner Owner, string ClientId)> OwnerWithClientAsync()
    {
        var owner = await Owner.SignUpAsync(App);
        var clientId = await owner.AddClientIdAsync("Ada Lovelace", "07700 900123", "ada@example.com");
        await owner.AddRuleAsync();
        return (owner, clientId);
    }
}

/// <summary>What an owner does with iCalendar feeds through the API, and how tests write feeds.</summary>
public static class IcsFeedActions
{
    public static async Task<JsonElement> AddFeedAsync(this Owner owner, string url, string name = "Salon diary", object? matching = null)
    {
        using var response = await owner.Browser.PostJsonAsync(
            "/api/calendars/ics",
            new
            {
                name,
                url,
                matching,
            }
        );
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Owners.JsonAsync(response);
    }

    /// <summary>Publishes <paramref name="text"/> at a new path and adds it as a feed; returns the feed id and the path.</summary>
    public static async Task<(string FeedId, string Path)> AddPublishedFeedAsync(this Owner owner, IcsFeedApp fixture, string text, string name = "Salon diary")
    {
        var path = IcsFeedApp.NewFeedPath();
        var feed = await owner.AddFeedAsync(fixture.Feeds.Publish(path, text), name);
        return (feed.GetProperty("id").GetString()!, path);
    }

    /// <summary>What POST /api/calendars/sync does for the owner: their Outlook calendars and feeds.</summary>
    public static Task<CalendarSync.Outcome> SyncOwnerAsync(this IcsFeedApp fixture, Owner owner) =>
        fixture.App.Services.GetRequiredService<CalendarSync>().SyncAccountAsync(owner.AccountId, CancellationToken.None);

    public static async Task<JsonElement> FeedAsync(this Owner owner, string feedId) =>
        (await owner.GetJsonAsync("/api/calendars")).GetProperty("feeds").EnumerateArray().Single(f => f.GetProperty("id").GetString() == feedId);

    public static async Task<List<Azure.Data.Tables.TableEntity>> EventRowsAsync(this Owner owner, string feedId) =>
        [.. (await owner.RawRowsAsync(StorageTables.CalendarEvents)).Where(r => r.RowKey.StartsWith(feedId + ":", StringComparison.Ordinal))];

    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A one-hour event at <paramref name="start"/> (UTC) with the given summary and more properties.</summary>
    public static string[] At(string uid, DateTimeOffset start, string summary, params string[] more) =>
        IcsFeeds.Event(uid, [$"DTSTART:{Utc(start)}", $"DTEND:{Utc(start.AddHours(1))}", $"SUMMARY:{summary}", .. more]);
}
