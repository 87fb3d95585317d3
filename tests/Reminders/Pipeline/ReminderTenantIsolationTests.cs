using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

public class ReminderTenantIsolationTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    private sealed record Booked(string ClientId, string RuleId, string AppointmentId, string ReminderId);

    private async Task<Booked> BookAsync(Owner owner)
    {
        var clientId = await owner.AddClientIdAsync();
        var ruleId = await owner.AddRuleAsync();
        var appointment = await owner.BookAsync(clientId, Booking.LocalNow(fixture.Clock).Date.AddDays(3).AddHours(10));
        var reminder = Assert.Single(await owner.RemindersOfAsync(appointment.GetProperty("id").GetString()!));
        return new Booked(clientId, ruleId, appointment.GetProperty("id").GetString()!, reminder.Id);
    }

    [Fact]
    public async Task AnotherOwnerCannotReadChangeOrCancelAnAppointment()
    {
        using var a = await Owner.SignUpAsync(fixture.App);
        using var b = await Owner.SignUpAsync(fixture.App);
        var booked = await BookAsync(a);
        var bClient = await b.AddClientIdAsync();
        var path = $"/api/appointments/{booked.AppointmentId}";

        using var get = await b.Browser.GetAsync(path);
        using var put = await b.Browser.PutJsonAsync(path, Booking.Appointment(bClient, Booking.LocalNow(fixture.Clock).Date.AddDays(4)));
        using var delete = await b.Browser.DeleteJsonAsync(path, null);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { get.StatusCode, put.StatusCode, delete.StatusCode });
        var appointment = await a.GetJsonAsync(path);
        Assert.Equal(("scheduled", booked.ClientId), (appointment.GetProperty("status").GetString(), appointment.GetProperty("clientId").GetString()));
    }

    [Fact]
    public async Task AnotherOwnerCannotChangeOrDeleteARule()
    {
        using var a = await Owner.SignUpAsync(fixture.App);
        using var b = await Owner.SignUpAsync(fixture.App);
        var booked = await BookAsync(a);

        using var put = await b.Browser.PutJsonAsync($"/api/rules/{booked.RuleId}", new { channel = "email", offsetMinutes = 60 });
        using var delete = await b.Browser.DeleteJsonAsync($"/api/rules/{booked.RuleId}", null);

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { put.StatusCode, delete.StatusCode });
        var rule = Assert.Single((await a.GetJsonAsync("/api/rules")).GetProperty("items").EnumerateArray());
        Assert.Equal(("sms", 1440), (rule.GetProperty("channel").GetString(), rule.GetProperty("offsetMinutes").GetInt32()));
    }

    [Fact]
    public async Task AnotherOwnerCannotSkipAReminder()
    {
        using var a = await Owner.SignUpAsync(fixture.App);
        using var b = await Owner.SignUpAsync(fixture.App);
        var booked = await BookAsync(a);

        using var skip = await b.Browser.PostJsonAsync($"/api/reminders/{booked.ReminderId}/skip", null);

        Assert.Equal(HttpStatusCode.NotFound, skip.StatusCode);
        Assert.Equal(ReminderStatus.Scheduled, (await a.ReminderAsync(booked.ReminderId)).Status);
    }

    [Fact]
    public async Task AnotherOwnersListsNeverShowTheAccountsItems()
    {
        using var a = await Owner.SignUpAsync(fixture.App);
        using var b = await Owner.SignUpAsync(fixture.App);
        await BookAsync(a);
        var from = Booking.LocalNow(fixture.Clock).Date.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = Booking.LocalNow(fixture.Clock).Date.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Single((await a.GetJsonAsync($"/api/appointments?from={from}&to={to}")).GetProperty("items").EnumerateArray());
        Assert.Empty((await b.GetJsonAsync($"/api/appointments?from={from}&to={to}")).GetProperty("items").EnumerateArray());
        Assert.Empty((await b.GetJsonAsync("/api/rules")).GetProperty("items").EnumerateArray());
        Assert.Empty((await b.GetJsonAsync("/api/reminders")).GetProperty("items").EnumerateArray());
        Assert.Empty((await b.GetJsonAsync("/api/reminders?status=scheduled")).GetProperty("items").EnumerateArray());
    }
}
