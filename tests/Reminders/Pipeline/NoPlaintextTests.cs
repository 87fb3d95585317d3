using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Reminders.Pipeline;

public class NoPlaintextTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    [Fact]
    public async Task AnAppointmentAndItsSentReminderAreNeverStoredOrQueuedInClear()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var marker = Guid.NewGuid().ToString("N");
        var (title, location, notes) = ($"Knee review {marker}", $"Room {marker}", $"Bring scans {marker}");
        var (name, email) = ($"Ada {marker}", $"ada-{marker}@example.com");
        using var template = await owner.Browser.PutJsonAsync("/api/templates/sms", new { body = "{ClientName}: {Title} in {Location}. {Description}" });
        using var settings = await owner.Browser.PutJsonAsync(
            "/api/settings/reminders",
            new
            {
                includeTitle = true,
                includeLocation = true,
                includeDescription = true,
            }
        );
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (template.StatusCode, settings.StatusCode));
        var clientId = await owner.AddClientIdAsync(name, "07700 900456", email);
        await owner.AddRuleAsync();
        var appointment = await owner.BookAsync(clientId, Booking.LocalIn(fixture.Clock, TimeSpan.FromHours(2)), title, location, notes);
        var reminder = Assert.Single(await owner.RemindersOfAsync(appointment.GetProperty("id").GetString()!));
        var queued = await SendQueue.TakeAsync(fixture.App, reminder.Id, reminder.Version);

        await owner.RunAsync(queued.MessageText);

        var sent = Assert.Single(owner.Outbox());
        Assert.Contains(title, sent.Body);
        string[] secrets = [title, location, notes, name, email, sent.Body];
        Assert.Equal(["accountId", "reminderId", "version", "round"], JsonDocument.Parse(queued.MessageText).RootElement.EnumerateObject().Select(p => p.Name));
        foreach (var row in await EveryRowAsync())
        {
            var stored = JsonSerializer.Serialize(row.ToDictionary(p => p.Key, p => p.Value?.ToString()));
            Assert.DoesNotContain(secrets, secret => stored.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.False(
                row.PartitionKey == owner.AccountId && stored.Contains("+447700900456", StringComparison.Ordinal),
                $"A row of the account holds the mobile in clear: {stored}"
            );
        }
        foreach (var message in (await SendQueue.Queue(fixture.App).PeekMessagesAsync(32)).Value)
        {
            Assert.DoesNotContain(secrets, secret => message.MessageText.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private async Task<List<TableEntity>> EveryRowAsync()
    {
        var service = fixture.App.Services.GetRequiredService<TableServiceClient>();
        var rows = new List<TableEntity>();
        await foreach (var table in service.QueryAsync())
        {
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                rows.Add(row);
            }
        }
        return rows;
    }
}
