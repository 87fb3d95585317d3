using System.Net.Http.Headers;
using Azure.Data.Tables.Sas;
using Azure.Storage.Sas;

namespace ClientReminders.Tests.AzureClients.Storage;

/// <summary>
/// Rows and messages on the wire exactly as our own storage clients wrote them before the official SDKs (the JSON of
/// TableEntityJson with its @odata.type annotations, and queue text sent as it is) read unchanged through the SDK clients.
/// </summary>
public sealed class DataWrittenBeforeTheSdkTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task AReminderRowWrittenTheOldWayReadsAsTheSameReminder()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var table = new TableServiceClient(azurite.ConnectionString, StorageClientOptions.ForTables()).GetTableClient("OldFormatReminders");
        await table.CreateIfNotExistsAsync();
        var partition = $"acct{Guid.NewGuid():N}_20261203";
        var oldBody = $$"""
            {"PartitionKey":"{{partition}}","RowKey":"appt1-rule1","Kind":"reminder","AppointmentId":"appt1","AppointmentVersion":3,
             "RuleId":"rule1","ClientId":"client1","RuleChannel":"sms","Channel":"sms",
             "DueAt@odata.type":"Edm.DateTime","DueAt":"2026-12-03T09:30:00.0000000Z",
             "AppointmentStartUtc@odata.type":"Edm.DateTime","AppointmentStartUtc":"2026-12-04T09:30:00.0000000Z",
             "Status":"sent","Version":2,"QueuedVersion":2,
             "SentAt@odata.type":"Edm.DateTime","SentAt":"2026-12-03T09:30:01.2500000Z","Segments":1,"ProviderMessageId":"Outgoing_1"}
            """;
        var sas = table.GenerateSasUri(TableSasPermissions.Add, DateTimeOffset.UtcNow.AddMinutes(5));
        using var insert = new HttpRequestMessage(HttpMethod.Post, sas) { Content = new StringContent(oldBody, Encoding.UTF8) };
        insert.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        insert.Headers.TryAddWithoutValidation("Accept", "application/json;odata=minimalmetadata");
        insert.Headers.TryAddWithoutValidation("DataServiceVersion", "3.0");
        insert.Headers.TryAddWithoutValidation("Prefer", "return-no-content");
        insert.Headers.TryAddWithoutValidation("x-ms-version", "2019-02-02");
        Assert.True((await Http.SendAsync(insert)).IsSuccessStatusCode);

        var reminder = (await table.GetEntityAsync<ReminderEntity>(partition, "appt1-rule1")).Value;

        Assert.Equal(
            ("appt1", 3, "rule1", "client1", ReminderStatus.Sent, 2, 2, 1, "Outgoing_1"),
            (
                reminder.AppointmentId,
                reminder.AppointmentVersion,
                reminder.RuleId,
                reminder.ClientId,
                reminder.Status,
                reminder.Version,
                reminder.QueuedVersion,
                reminder.Segments ?? 0,
                reminder.ProviderMessageId
            )
        );
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero), reminder.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 9, 30, 0, TimeSpan.Zero), reminder.AppointmentStartUtc);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 9, 30, 1, 250, TimeSpan.Zero), reminder.SentAt);
    }

    [Fact]
    public async Task AQueueMessageSentTheOldWayIsReceivedWithTheSameText()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var queue = new QueueServiceClient(azurite.ConnectionString, StorageClientOptions.ForQueues()).GetQueueClient($"old-format-{Guid.NewGuid():N}"[..40]);
        await queue.CreateIfNotExistsAsync();
        const string text = """{"accountId":"acct1","reminderId":"appt1-rule1","version":2,"round":0}""";
        var sas = queue.GenerateSasUri(QueueSasPermissions.Add, DateTimeOffset.UtcNow.AddMinutes(5));
        var messages = new UriBuilder(sas) { Path = sas.AbsolutePath + "/messages" }.Uri;
        using var send = new HttpRequestMessage(HttpMethod.Post, messages)
        {
            Content = new StringContent(
                $"<QueueMessage><MessageText>{System.Security.SecurityElement.Escape(text)}</MessageText></QueueMessage>",
                Encoding.UTF8,
                "application/xml"
            ),
        };
        send.Headers.TryAddWithoutValidation("x-ms-version", "2018-03-28");
        Assert.True((await Http.SendAsync(send)).IsSuccessStatusCode);

        var received = (await queue.ReceiveMessageAsync()).Value;

        Assert.Equal(text, received.MessageText);
        Assert.Equal(text, received.Body.ToString());
    }
}
