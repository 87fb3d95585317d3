using Azure.Core;
using Azure.Core.Pipeline;
using ClientReminders.Tests.Calendars;
using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Appointments;

/// <summary>Dates at the ends of the calendar get a field error, never a 500; a booking whose reminders cannot be planned leaves nothing behind.</summary>
public class DateBoundsTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    [Theory]
    [InlineData("0001-01-01T10:00", "0001-01-01T11:00", "start")]
    [InlineData("9999-12-31T22:00", "9999-12-31T23:00", "start")]
    [InlineData("2001-06-01T10:00", "2001-06-01T11:00", "start")]
    [InlineData(null, "9999-12-31T23:59", "end")]
    public async Task AnAppointmentOutsideTheWindowIsRefusedWithAFieldError(string? start, string end, string field)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        var inTwoDays = Booking.LocalIn(fixture.Clock, TimeSpan.FromDays(2)).ToString("yyyy-MM-dd'T'HH:mm");

        using var response = await owner.Browser.PostJsonAsync(
            "/api/appointments",
            new
            {
                clientId,
                start = start ?? inTwoDays,
                end,
                timeZone = "Pacific/Kiritimati",
                title = "Check-up",
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Owners.JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out var _));
        Assert.Empty((await owner.GetJsonAsync("/api/appointments")).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/appointments?from=0001-01-01", "from")]
    [InlineData("/api/appointments?to=9999-12-31", "to")]
    [InlineData("/api/history?from=0001-01-01", "from")]
    [InlineData("/api/history?to=9999-12-31", "to")]
    [InlineData("/api/history?before=3155378975999999998.20261207-abc", "before")]
    [InlineData("/api/history?before=1.20261207-abc", "before")]
    public async Task AFilterOrCursorAtTheEndsOfTheCalendarIsAFieldErrorNotA500(string path, string field)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);

        using var response = await owner.Browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Owners.JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out var _));
    }
}

/// <summary>When reminders cannot be written, a booking or a change is undone whole.</summary>
public class AllOrNothingBookingTests : IAsyncLifetime
{
    private readonly RefuseReminderWrites refuse = new();
    private TestApp app = null!;

    public async Task InitializeAsync() =>
        app = await Owners.StartAppAsync(new Dictionary<string, string> { ["RateLimits:Auth:PerIpPermits"] = "1000" }, configure: builder =>
        {
            var options = StorageClientOptions.ForTables();
            options.AddPolicy(refuse, HttpPipelinePosition.PerRetry);
            builder.Services.AddSingleton(new TableServiceClient(builder.Configuration[AzureClientsSetup.StorageSetting], options));
        });

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ABookingWhoseRemindersCannotBeWrittenIsNotKept()
    {
        using var owner = await Owner.SignUpAsync(app);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        refuse.FailNextWrites(1);

        using var response = await owner.Browser.PostJsonAsync(
            "/api/appointments",
            Booking.Appointment(clientId, Booking.LocalIn(TimeProvider.System, TimeSpan.FromDays(3)))
        );

        Assert.False(response.IsSuccessStatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty((await owner.GetJsonAsync("/api/appointments")).GetProperty("items").EnumerateArray());
        Assert.Empty(await owner.AllRemindersAsync());
    }

    [Fact]
    public async Task AChangeWhoseRemindersCannotBeWrittenLeavesTheAppointmentAsItWas()
    {
        using var owner = await Owner.SignUpAsync(app);
        var clientId = await owner.AddClientIdAsync();
        await owner.AddRuleAsync();
        var start = Booking.LocalIn(TimeProvider.System, TimeSpan.FromDays(3));
        var id = (await owner.BookAsync(clientId, start)).GetProperty("id").GetString()!;
        var reminder = Assert.Single(await owner.RemindersOfAsync(id));
        refuse.FailNextWrites(1);

        using var response = await owner.Browser.PutJsonAsync($"/api/appointments/{id}", Booking.Appointment(clientId, start.AddDays(1)));

        Assert.False(response.IsSuccessStatusCode);
        var stored = await owner.GetJsonAsync($"/api/appointments/{id}");
        Assert.Equal(start.ToString("yyyy-MM-dd'T'HH:mm:ss"), stored.GetProperty("start").GetString());
        Assert.Equal(reminder.DueAt, Assert.Single(await owner.RemindersOfAsync(id), r => r.Status == ReminderStatus.Scheduled).DueAt);
    }

    /// <summary>Refuses the next writes to the reminders table, as a short storage outage of that table would.</summary>
    private sealed class RefuseReminderWrites : HttpPipelinePolicy
    {
        private int _left;

        public void FailNextWrites(int count) => Volatile.Write(ref _left, count);

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Refuse(message);
            return ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Refuse(message);
            ProcessNext(message, pipeline);
        }

        private void Refuse(HttpMessage message)
        {
            if (
                message.Request.Method != RequestMethod.Get
                && message.Request.Method != RequestMethod.Delete
                && message.Request.Uri.Path.Contains("/Reminders", StringComparison.Ordinal)
                && Interlocked.Decrement(ref _left) >= 0
            )
            {
                throw new RequestFailedException(503, "The reminders table is unavailable (test).");
            }
        }
    }
}
