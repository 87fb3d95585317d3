using ClientReminders.AzureClients.Communication.Email;
using ClientReminders.AzureClients.Communication.Sms;
using ClientReminders.Tests.Communication;

namespace ClientReminders.Tests.Messaging;

public sealed class UnsubscribeHeadersOverAcsTests : IAsyncLifetime
{
    private FakeAcsServer server = null!;

    public async Task InitializeAsync() => server = await FakeAcsServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task TheAcsSenderPutsAReminderEmailsHeadersInTheSendRequest()
    {
        server.Enqueue(ScriptedResponse.Json(202, """{"id":"op-1","status":"Running","error":null}"""));
        var sender = new AcsMessageSender(
            new SmsClient(server.ConnectionString),
            new EmailClient(server.ConnectionString),
            Options.Create(
                new AcsOptions
                {
                    ConnectionString = server.ConnectionString,
                    SmsFrom = "+447700900000",
                    EmailFrom = "reminders@clientreminders.example",
                }
            )
        );
        var headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = "<https://app.example/api/unsubscribe?token=abc>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        };

        var outcome = await sender.SendAsync(
            new OutgoingMessage(
                "account",
                "reminder",
                "reminder:1",
                DateTimeOffset.UtcNow,
                ReminderChannel.Email,
                "ada@example.com",
                "Reminder",
                "Hi",
                "<p>Hi</p>",
                headers
            ),
            CancellationToken.None
        );

        Assert.IsType<Delivered>(outcome);
        var sent = Assert.Single(server.Received).Json.GetProperty("headers");
        Assert.Equal(headers, sent.EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!));
    }
}
