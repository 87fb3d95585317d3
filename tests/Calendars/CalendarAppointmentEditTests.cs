using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;
using static ClientReminders.Tests.Calendars.Ics.IcsFeeds;
using static ClientReminders.Tests.Calendars.IcsFeedActions;

namespace ClientReminders.Tests.Calendars;

/// <summary>An appointment from a calendar keeps the calendar's time, title and location; its client and notes are the owner's.</summary>
public class CalendarAppointmentEditTests(IcsFeedApp fixture) : IClassFixture<IcsFeedApp>
{
    private async Task<(Owner Owner, string ClientId, string Path, JsonElement Appointment)> CalendarAppointmentAsync()
    {
        var (owner, clientId) = await fixture.OwnerWithClientAsync();
        var (_, path) = await owner.AddPublishedFeedAsync(fixture, Calendar(At("cut@salon", fixture.DaysAhead(3), "Ada Lovelace cut", "LOCATION:Room 2")));
        await fixture.SyncOwnerAsync(owner);
        var id = Assert.Single(await owner.CalendarAppointmentsAsync()).Id;
        return (owner, clientId, path, await owner.GetJsonAsync($"/api/appointments/{id}"));
    }

    private static object Edit(
        JsonElement appointment,
        string? clientId = null,
        string? start = null,
        string? title = null,
        string? location = null,
        string? notes = null
    ) =>
        new
        {
            clientId = clientId ?? appointment.GetProperty("clientId").GetString(),
            start = start ?? appointment.GetProperty("start").GetString(),
            end = appointment.GetProperty("end").GetString(),
            timeZone = appointment.GetProperty("timeZone").GetString(),
            title = title ?? appointment.GetProperty("title").GetString(),
            location = location ?? appointment.GetProperty("location").GetString(),
            notes = notes ?? appointment.GetProperty("notes").GetString(),
        };

    [Fact]
    public async Task ChangingTheTimeTitleOrLocationIsRefusedNamingEachFieldAndChangesNothing()
    {
        var (owner, _, _, appointment) = await CalendarAppointmentAsync();
        using var _owner = owner;
        var id = appointment.GetProperty("id").GetString();
        var moved = DateTime
            .Parse(appointment.GetProperty("start").GetString()!, CultureInfo.InvariantCulture)
            .AddHours(-1)
            .ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

        using var response = await owner.Browser.PutJsonAsync(
            $"/api/appointments/{id}",
            Edit(appointment, start: moved, title: "Renamed", location: "Room 9", notes: "Bring the photos")
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Owners.JsonAsync(response)).GetProperty("errors");
        Assert.Equal(["location", "start", "title"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.StartsWith("Change this in the calendar feed", errors.GetProperty("title")[0].GetString(), StringComparison.Ordinal);
        var after = await owner.GetJsonAsync($"/api/appointments/{id}");
        Assert.Equal(
            (appointment.GetProperty("start").GetString(), "Ada Lovelace cut", "Room 2", ""),
            (
                after.GetProperty("start").GetString(),
                after.GetProperty("title").GetString(),
                after.GetProperty("location").GetString(),
                after.GetProperty("notes").GetString()
            )
        );
    }

    [Fact]
    public async Task TheClientAndNotesCanBeChangedAndTheClientIsKeptWhenTheEventMovesInTheCalendar()
    {
        var (owner, _, path, appointment) = await CalendarAppointmentAsync();
        using var _owner = owner;
        var id = appointment.GetProperty("id").GetString();
        var grace = await owner.AddClientIdAsync("Grace Hopper", "07700 900456");

        using var response = await owner.Browser.PutJsonAsync($"/api/appointments/{id}", Edit(appointment, clientId: grace, notes: "Bring the photos"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        fixture.Feeds.Publish(path, Calendar(At("cut@salon", fixture.DaysAhead(4), "Ada Lovelace cut", "LOCATION:Room 2", "SEQUENCE:1")));
        await fixture.SyncOwnerAsync(owner);

        var after = Assert.Single(await owner.CalendarAppointmentsAsync());
        Assert.Equal((grace, fixture.DaysAhead(4)), (after.ClientId, after.StartUtc));
        var shown = await owner.GetJsonAsync($"/api/appointments/{id}");
        Assert.Equal(("Grace Hopper", "Bring the photos"), (shown.GetProperty("clientName").GetString(), shown.GetProperty("notes").GetString()));
        Assert.Equal(grace, Assert.Single(await owner.RemindersOfAsync(after.Id)).ClientId);
    }
}
