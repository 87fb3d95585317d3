using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Messaging;

/// <summary>What an owner does to send a direct message, and what a test reads back of it.</summary>
public static class DirectMessaging
{
    public static async Task<JsonElement> PreviewAsync(this Owner owner, object body)
    {
        using var response = await owner.Browser.PostJsonAsync("/api/messages/direct/preview", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Owners.JsonAsync(response);
    }

    /// <summary>Queues a direct message (202 is asserted) and returns its batch id.</summary>
    public static async Task<string> SendDirectAsync(
        this Owner owner,
        string[] clientIds,
        string text,
        ReminderChannel channel = ReminderChannel.Sms,
        string? subject = null
    )
    {
        using var response = await owner.Browser.PostJsonAsync(
            "/api/messages/direct",
            new
            {
                clientIds,
                channel,
                text,
                subject,
            }
        );
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Owners.JsonAsync(response)).GetProperty("batchId").GetString()!;
    }

    public static async Task<List<ReminderEntity>> BatchAsync(this Owner owner, string batchId)
    {
        var table = await owner.App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        var filter = ReminderKeys.AccountFilter(owner.AccountId) + " and " + TableClient.CreateQueryFilter($"Kind eq {ReminderKind.Direct.Name()}");
        var rows = new List<ReminderEntity>();
        await foreach (var row in table.QueryAsync<ReminderEntity>(filter))
        {
            if (row.RowKey.Contains($"-dm-{batchId}-", StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }
        return rows;
    }

    /// <summary>Sends a direct message to each client and runs every queued message as the Functions host would.</summary>
    public static async Task<List<ReminderEntity>> SendDirectNowAsync(
        this Owner owner,
        string[] clientIds,
        string text,
        ReminderChannel channel = ReminderChannel.Sms,
        string? subject = null
    )
    {
        var rows = (await owner.BatchAsync(await owner.SendDirectAsync(clientIds, text, channel, subject)))
            .Where(r => r.Status != ReminderStatus.Skipped)
            .ToList();
        foreach (var row in rows)
        {
            await owner.RunQueuedAsync(row);
        }
        return rows;
    }

    /// <summary>A client who was texted once and answered STOP, as the provider reports it.</summary>
    public static async Task<string> OptedOutClientAsync(this Owner owner, string name = "Otto Out")
    {
        var mobile = Texting.NewMobile();
        var clientId = (await owner.AddClientAsync(name, mobile)).GetProperty("id").GetString()!;
        await owner.SendDirectNowAsync([clientId], "Hello {ClientFirstName}");
        await Texting.DeliverAsync(owner.App, Texting.SmsReceived(mobile, "STOP"));
        return clientId;
    }

    public static async Task<string> RestrictedClientAsync(this Owner owner, string name = "Rita Restricted")
    {
        var clientId = (await owner.AddClientAsync(name, Texting.NewMobile())).GetProperty("id").GetString()!;
        using var restricted = await owner.Browser.PostJsonAsync($"/api/clients/{clientId}/restrict", null);
        Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);
        return clientId;
    }

    public static List<string> Errors(JsonElement problem, string field) =>
        [.. problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!)];
}
