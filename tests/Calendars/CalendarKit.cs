using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Calendars;

/// <summary>One app per test class pointed at one fake Microsoft cloud, on a manual clock fixed mid-morning UTC; each test signs up its own owner and mailbox.</summary>
public class CalendarApp : IAsyncLifetime
{
    public ManualTimeProvider Clock { get; } = new(new DateTimeOffset(DateTime.UtcNow.Date.AddHours(9), TimeSpan.Zero));

    public FakeMicrosoftCloud Cloud { get; private set; } = null!;

    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cloud = await FakeMicrosoftCloud.StartAsync();
        Cloud.Now = Clock.GetUtcNow;
        var settings = Cloud.AppSettings;
        settings["RateLimits:Auth:PerIpPermits"] = "10000";
        // Every timer run scans every calendar, as these tests expect; change notifications have their own tests.
        settings["Calendars:ChangeNotifications"] = "false";
        settings["Calendars:PollWithoutSubscription"] = "00:00:00";
        Settings(settings);
        App = await Owners.StartAppAsync(settings, Clock, Configure);
    }

    /// <summary>A test class's own settings for its app.</summary>
    protected virtual void Settings(Dictionary<string, string> settings) { }

    /// <summary>A test class's own services for its app (e.g. a storage transport that watches requests).</summary>
    protected virtual void Configure(WebApplicationBuilder builder) { }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Cloud.DisposeAsync();
    }
}

/// <summary>What an owner does with calendars through the API, and what a test reads back.</summary>
public static class Calendar
{
    /// <summary>The whole sign-in: connect, the fake signs the user in, the browser comes back to our callback. Returns the connection id.</summary>
    public static async Task<string> ConnectAsync(this Owner owner, FakeMicrosoftCloud cloud, FakeUser user)
    {
        cloud.NextSignIn = user;
        using var started = await owner.Browser.PostJsonAsync("/api/calendars/microsoft/connect", new { });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var authorize = (await Owners.JsonAsync(started)).GetProperty("authorizeUrl").GetString()!;
        using var browser = cloud.BrowserClient();
        using var consent = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var back = consent.Headers.Location!;
        Assert.Equal("/api/calendars/microsoft/callback", back.AbsolutePath);
        using var callback = await owner.Browser.GetAsync(back.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        var landed = callback.Headers.Location!.ToString();
        Assert.StartsWith("/calendars?connected=", landed, StringComparison.Ordinal);
        return landed["/calendars?connected=".Length..];
    }

    public static async Task ChooseAsync(this Owner owner, string connectionId, FakeCalendar calendar, object? matching = null)
    {
        using var response = await owner.Browser.PutJsonAsync(
            $"/api/calendars/connections/{connectionId}/calendars",
            new
            {
                calendars = new[]
                {
                    new
                    {
                        externalId = calendar.Id,
                        selected = true,
                        matching,
                    },
                },
            }
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static Task<CalendarSync.Outcome> SyncAsync(this CalendarApp fixture) =>
        fixture.App.Services.GetRequiredService<CalendarSync>().SyncAllAsync(CancellationToken.None);

    public static async Task<List<AppointmentEntity>> CalendarAppointmentsAsync(this Owner owner)
    {
        var table = await owner.App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Appointments);
        var list = new List<AppointmentEntity>();
        await foreach (var appointment in table.QueryAsync<AppointmentEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {owner.AccountId}")))
        {
            if (appointment.SourceId is not null)
            {
                list.Add(appointment);
            }
        }
        return list;
    }

    public static async Task<List<ReminderEntity>> AllRemindersAsync(this Owner owner)
    {
        var table = await owner.App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        var list = new List<ReminderEntity>();
        await foreach (var reminder in table.QueryAsync<ReminderEntity>(ReminderKeys.AccountFilter(owner.AccountId)))
        {
            list.Add(reminder);
        }
        return list;
    }

    public static async Task<List<TableEntity>> RawRowsAsync(this Owner owner, StorageTable storage)
    {
        var table = await owner.App.Services.GetRequiredService<TableClients>().GetAsync(storage);
        var list = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(storage.AccountFilter(owner.AccountId)))
        {
            list.Add(row);
        }
        return list;
    }

    public static async Task<JsonElement> ReviewAsync(this Owner owner) => (await owner.GetJsonAsync("/api/calendars/review")).GetProperty("items");

    /// <summary>A whole hour some days ahead, in UTC.</summary>
    public static DateTimeOffset DaysAhead(this CalendarApp fixture, int days, int hourUtc = 10) =>
        new DateTimeOffset(fixture.Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(days).AddHours(hourUtc);

    /// <summary>An owner with a client, an SMS rule a day ahead, a connected mailbox and one chosen calendar.</summary>
    public static async Task<(Owner Owner, FakeUser User, FakeCalendar Calendar, string ConnectionId, string ClientId)> OwnerWithCalendarAsync(
        this CalendarApp fixture,
        string clientName = "Ada Lovelace",
        string? clientEmail = "ada@example.com"
    )
    {
        var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync(clientName, "07700 900123", clientEmail);
        await owner.AddRuleAsync();
        var user = fixture.Cloud.AddUser();
        var calendar = user.AddCalendar("Clinic");
        var connectionId = await owner.ConnectAsync(fixture.Cloud, user);
        await owner.ChooseAsync(connectionId, calendar);
        return (owner, user, calendar, connectionId, clientId);
    }
}
