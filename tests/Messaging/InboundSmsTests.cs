using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Conversations;

namespace ClientReminders.Tests.Messaging;

public class InboundSmsTests(MessagingApp fixture) : IClassFixture<MessagingApp>
{
    private const string StopConfirmation = "You will no longer get messages from Harbour Physio. Reply START to receive them again.";

    private TestApp App => fixture.App;

    [Fact]
    public async Task StopOptsTheClientOutCancelsTheirRemindersAndConfirmsOnceEvenWhenRedelivered()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        var stop = Texting.SmsReceived(texted.Mobile, "  Stop \n");

        await Texting.DeliverAsync(App, stop);
        await Texting.DeliverAsync(App, stop);

        Assert.Equal("opted-out", await Texting.ClientStatusAsync(owner, texted.ClientId));
        Assert.Equal(ReminderStatus.Cancelled, (await Texting.ReminderAsync(App, owner.AccountId, texted.LaterReminderId)).Status);
        await Texting.SendAsync(App, owner.AccountId, texted.LaterReminderId, texted.LaterQueuedVersion);
        var outbox = Texting.Outbox(App, owner.AccountId);
        Assert.DoesNotContain(outbox, m => m.ReminderId == texted.LaterReminderId);
        var confirmation = Assert.Single(outbox, m => m.Body == StopConfirmation);
        Assert.Equal(texted.Mobile, confirmation.To);
        Assert.Equal(2, outbox.Count);
    }

    [Theory]
    [InlineData("STOPALL")]
    [InlineData("unsubscribe")]
    [InlineData(" Cancel ")]
    [InlineData("end")]
    [InlineData("QUIT")]
    [InlineData("stop all")]
    public async Task EveryStopWordOptsOut(string word)
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, word));

        Assert.Equal("opted-out", await Texting.ClientStatusAsync(owner, texted.ClientId));
    }

    [Fact]
    public async Task StopOptsOutEveryClientOfTheAccountWithThatNumber()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        var sibling = (await owner.AddClientAsync("Sam's Brother", texted.Mobile)).GetProperty("id").GetString()!;

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "STOP"));

        Assert.Equal("opted-out", await Texting.ClientStatusAsync(owner, sibling));
    }

    [Fact]
    public async Task ANumberSharedByTwoAccountsIsRoutedToTheOneThatTextedItLast()
    {
        using var first = await Owner.SignUpAsync(App);
        using var second = await Owner.SignUpAsync(App);
        var earlier = await Texting.ClientWithSentReminderAsync(first);
        var latest = await Texting.ClientWithSentReminderAsync(second, earlier.Mobile);

        await Texting.DeliverAsync(App, Texting.SmsReceived(earlier.Mobile, "STOP"));

        Assert.Equal("active", await Texting.ClientStatusAsync(first, earlier.ClientId));
        Assert.Equal("opted-out", await Texting.ClientStatusAsync(second, latest.ClientId));
    }

    [Fact]
    public async Task AStopFromAClientNeverTextedStillOptsThemOut()
    {
        using var owner = await Owner.SignUpAsync(App);
        var mobile = Texting.NewMobile();
        var clientId = (await owner.AddClientAsync("Val Quiet", mobile)).GetProperty("id").GetString()!;

        await Texting.DeliverAsync(App, Texting.SmsReceived(mobile, "STOP"));

        Assert.Equal("opted-out", await Texting.ClientStatusAsync(owner, clientId));
    }

    [Fact]
    public async Task AClientSavedBeforeRoutesWereWrittenWithClientsIsStillReachedThroughTheirLastTextsRoute()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        // As stored before: no route key on the client row, and only the route the last text wrote.
        var routes = App.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageTables.ReplyRoutes.Name);
        var saved = Assert.Single(await RawRows.OfAccountAsync(App, StorageTables.ReplyRoutes, owner.AccountId));
        await routes.DeleteEntityAsync(saved.PartitionKey, saved.RowKey);
        await routes.AddEntityAsync(
            new TableEntity(saved.PartitionKey, "latest")
            {
                ["AccountId"] = owner.AccountId,
                ["ClientId"] = texted.ClientId,
                ["ReminderId"] = texted.SentReminderId,
            }
        );
        var clients = App.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageTables.Clients.Name);
        var client = (await clients.GetEntityAsync<TableEntity>(owner.AccountId, "c:" + texted.ClientId)).Value;
        Assert.True(client.Remove("ReplyRouteKey"));
        await clients.UpdateEntityAsync(client, client.ETag, TableUpdateMode.Replace);

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "STOP"));

        Assert.Equal("opted-out", await Texting.ClientStatusAsync(owner, texted.ClientId));
    }

    [Fact]
    public async Task ANumberTwoAccountsShareThatNeitherTextedIsIgnored()
    {
        using var first = await Owner.SignUpAsync(App);
        using var second = await Owner.SignUpAsync(App);
        var mobile = Texting.NewMobile();
        var firstClient = (await first.AddClientAsync("Wyn Shared", mobile)).GetProperty("id").GetString()!;
        var secondClient = (await second.AddClientAsync("Wyn Shared", mobile)).GetProperty("id").GetString()!;

        await Texting.DeliverAsync(App, Texting.SmsReceived(mobile, "STOP"));

        Assert.Equal("active", await Texting.ClientStatusAsync(first, firstClient));
        Assert.Equal("active", await Texting.ClientStatusAsync(second, secondClient));
    }

    [Fact]
    public async Task RepliesFollowTheClientsNumberWhenItChangesAndStopWhenTheClientIsDeleted()
    {
        using var owner = await Owner.SignUpAsync(App);
        var (oldMobile, newMobile) = (Texting.NewMobile(), Texting.NewMobile());
        var clientId = (await owner.AddClientAsync("Xan Mover", oldMobile)).GetProperty("id").GetString()!;
        using var moved = await owner.Browser.PutJsonAsync(
            $"/api/clients/{clientId}",
            new
            {
                name = "Xan Mover",
                mobile = newMobile,
                email = (string?)null,
            }
        );
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        await Texting.DeliverAsync(App, Texting.SmsReceived(oldMobile, "STOP"));
        Assert.Equal("active", await Texting.ClientStatusAsync(owner, clientId));
        await Texting.DeliverAsync(App, Texting.SmsReceived(newMobile, "STOP"));
        Assert.Equal("opted-out", await Texting.ClientStatusAsync(owner, clientId));

        Assert.Single(await RawRows.OfAccountAsync(App, StorageTables.ReplyRoutes, owner.AccountId));
        using var deleted = await owner.Browser.DeleteJsonAsync($"/api/clients/{clientId}", null);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await RawRows.OfAccountAsync(App, StorageTables.ReplyRoutes, owner.AccountId));
    }

    [Fact]
    public async Task SendingATextWritesNoReplyRoute()
    {
        using var owner = await Owner.SignUpAsync(App);
        var mobile = Texting.NewMobile();
        await owner.AddClientAsync("Yas Routed", mobile);
        var savedWithClient = Assert.Single(await RawRows.OfAccountAsync(App, StorageTables.ReplyRoutes, owner.AccountId));

        await Texting.ClientWithSentReminderAsync(owner, mobile);

        var routes = await RawRows.OfAccountAsync(App, StorageTables.ReplyRoutes, owner.AccountId);
        Assert.Equal(2, routes.Count);
        Assert.Contains(routes, r => r.RowKey == savedWithClient.RowKey && r.ETag == savedWithClient.ETag);
    }

    [Fact]
    public async Task StartOptsBackIn()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "STOP"));

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "start"));

        Assert.Equal("active", await Texting.ClientStatusAsync(owner, texted.ClientId));
    }

    [Fact]
    public async Task StartDoesNotLiftARestriction()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        using var restrict = await owner.Browser.PostJsonAsync($"/api/clients/{texted.ClientId}/restrict", null);

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "UNSTOP"));

        Assert.Equal("restricted", await Texting.ClientStatusAsync(owner, texted.ClientId));
    }

    [Fact]
    public async Task HelpAnswersWithTheBusinessNameAndHowToStop()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "help"));

        var answer = Assert.Single(Texting.Outbox(App, owner.AccountId), m => m.ReminderId.StartsWith("reply:", StringComparison.Ordinal));
        Assert.Contains("Harbour Physio", answer.Body, StringComparison.Ordinal);
        Assert.Contains("Reply STOP to stop messages.", answer.Body, StringComparison.Ordinal);
        Assert.Equal("active", await Texting.ClientStatusAsync(owner, texted.ClientId));
    }

    [Theory]
    [InlineData("Y")]
    [InlineData("yes")]
    [InlineData("C")]
    [InlineData(" Confirm ")]
    public async Task YesMarksTheAppointmentConfirmedAndEmailsTheOwnerOnlyWhenAskedTo(string word)
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, word));
        await AlertKit.SendWaitingAsync(App, owner.AccountId);
        Assert.Empty(AlertKit.EmailsTo(App, owner.Email));
        using var wanted = await owner.Browser.PutJsonAsync("/api/settings/alerts", new { confirmation = true });
        Assert.Equal(HttpStatusCode.OK, wanted.StatusCode);
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "N"));
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, word));
        await AlertKit.SendWaitingAsync(App, owner.AccountId);

        var appointment = await owner.GetJsonAsync($"/api/appointments/{texted.AppointmentId}");
        Assert.Equal("confirmed", appointment.GetProperty("response").GetString());
        Assert.Equal("scheduled", appointment.GetProperty("status").GetString());
        Assert.DoesNotContain(Owners.EmailsTo(App, owner.Email), e => e.Message.Subject.Contains("cancel", StringComparison.OrdinalIgnoreCase));
        var email = Assert.Single(AlertKit.EmailsTo(App, owner.Email));
        Assert.Equal("2 updates from your clients", email.Message.Subject);
        Assert.Contains("Sam Texter confirmed their appointment on", email.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccountsOwnWordsConfirmAndCancelWhileStopStillStops()
    {
        using var owner = await Owner.SignUpAsync(App);
        using var saved = await owner.Browser.PutJsonAsync(
            "/api/settings/reminders",
            new
            {
                includeTitle = false,
                includeLocation = false,
                includeDescription = false,
                confirmKeywords = new[] { " ok ", "Sí" },
                cancelKeywords = new[] { "Not  coming" },
            }
        );
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = await Owners.JsonAsync(saved);
        Assert.Equal(["OK", "SÍ"], settings.GetProperty("confirmKeywords").EnumerateArray().Select(w => w.GetString()));
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        Assert.Contains(
            "Reply OK to confirm or NOT COMING to cancel. Or answer here: ",
            Texting.Outbox(App, owner.AccountId)[0].Body,
            StringComparison.Ordinal
        );

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "yes"));
        Assert.Equal(JsonValueKind.Null, (await owner.GetJsonAsync($"/api/appointments/{texted.AppointmentId}")).GetProperty("response").ValueKind);
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "Ok", receivedAt: DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Equal("confirmed", (await owner.GetJsonAsync($"/api/appointments/{texted.AppointmentId}")).GetProperty("response").GetString());
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "not coming", receivedAt: DateTimeOffset.UtcNow.AddSeconds(2)));
        Assert.Equal("cancellation-requested", (await owner.GetJsonAsync($"/api/appointments/{texted.AppointmentId}")).GetProperty("response").GetString());
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "stop", receivedAt: DateTimeOffset.UtcNow.AddSeconds(3)));
        Assert.Equal("opted-out", await Texting.ClientStatusAsync(owner, texted.ClientId));
    }

    [Theory]
    [InlineData("STOP", null, "confirmKeywords", "\"STOP\" always means STOP")]
    [InlineData("help", null, "confirmKeywords", "\"HELP\" always means HELP")]
    [InlineData("yes", "YES", "cancelKeywords", "\"YES\" cannot both confirm and cancel.")]
    [InlineData("", null, "confirmKeywords", "Give at least one word")]
    [InlineData("ok!", null, "confirmKeywords", "characters other than letters, digits and spaces")]
    public async Task ReplyWordsThatCannotWorkAreRefusedWithWhy(string confirm, string? cancel, string field, string message)
    {
        using var owner = await Owner.SignUpAsync(App);

        using var saved = await owner.Browser.PutJsonAsync(
            "/api/settings/reminders",
            new
            {
                includeTitle = false,
                includeLocation = false,
                includeDescription = false,
                confirmKeywords = new[] { confirm },
                cancelKeywords = cancel is null ? null : new[] { cancel },
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        var errors = (await Owners.JsonAsync(saved)).GetProperty("errors").GetProperty(field);
        Assert.Contains(message, errors[0].GetString(), StringComparison.Ordinal);
        var kept = await owner.GetJsonAsync("/api/settings/reminders");
        Assert.Equal(["YES", "Y", "C", "CONFIRM"], kept.GetProperty("confirmKeywords").EnumerateArray().Select(w => w.GetString()));
    }

    [Theory]
    [InlineData("no")]
    [InlineData("N")]
    [InlineData("cancel appt")]
    public async Task NoMarksCancellationRequestedAndEmailsTheOwner(string word)
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, word));
        await AlertKit.SendWaitingAsync(App, owner.AccountId);

        var appointment = await owner.GetJsonAsync($"/api/appointments/{texted.AppointmentId}");
        Assert.Equal("cancellation-requested", appointment.GetProperty("response").GetString());
        var email = Assert.Single(Owners.EmailsTo(App, owner.Email), e => e.Message.Subject == "A client asked to cancel an appointment");
        Assert.Contains("Sam Texter", email.Message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam", email.Message.Subject, StringComparison.Ordinal);
        Assert.Equal("active", await Texting.ClientStatusAsync(owner, texted.ClientId));
    }

    [Fact]
    public async Task AnAppointmentWithoutAnswerHasNoResponse()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);

        var appointment = await owner.GetJsonAsync($"/api/appointments/{texted.AppointmentId}");

        Assert.Equal(JsonValueKind.Null, appointment.GetProperty("response").ValueKind);
    }

    [Fact]
    public async Task OtherRepliesAreShownToThatOwnerOnly()
    {
        using var owner = await Owner.SignUpAsync(App);
        using var other = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "Running 5 minutes late, sorry!"));
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "yes", receivedAt: DateTimeOffset.UtcNow.AddSeconds(1)));

        var items = (await owner.GetJsonAsync("/api/replies")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["confirm", "other"], items.Select(i => i.GetProperty("kind").GetString()));
        var late = items[1];
        Assert.Equal("Running 5 minutes late, sorry!", late.GetProperty("text").GetString());
        Assert.Equal("Sam Texter", late.GetProperty("clientName").GetString());
        Assert.Equal(texted.ClientId, late.GetProperty("clientId").GetString());
        Assert.False(late.GetProperty("read").GetBoolean());
        Assert.Empty((await other.GetJsonAsync("/api/replies")).GetProperty("items").EnumerateArray());
        using var notTheirs = await other.Browser.PostJsonAsync($"/api/replies/{late.GetProperty("id").GetString()}/read", null);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);

        using var read = await owner.Browser.PostJsonAsync($"/api/replies/{late.GetProperty("id").GetString()}/read", null);

        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        Assert.True((await owner.GetJsonAsync("/api/replies")).GetProperty("items")[1].GetProperty("read").GetBoolean());
    }

    [Fact]
    public async Task ATenKilobyteReplyIsStoredTruncated()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, new string('a', 10 * 1024)));

        var reply = Assert.Single((await owner.GetJsonAsync("/api/replies")).GetProperty("items").EnumerateArray());
        Assert.Equal(new string('a', 1600), reply.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AStopFromAnUnknownNumberChangesNothing()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        var unknown = Texting.NewMobile();

        await Texting.DeliverAsync(App, Texting.SmsReceived(unknown, "STOP"));

        Assert.Equal("active", await Texting.ClientStatusAsync(owner, texted.ClientId));
        Assert.Single(Texting.Outbox(App, owner.AccountId));
        Assert.Empty((await owner.GetJsonAsync("/api/replies")).GetProperty("items").EnumerateArray());
        Assert.DoesNotContain(Texting.Outbox(App, owner.AccountId), m => m.To == unknown);
    }

    [Fact]
    public async Task NumbersAndReplyTextNeverAppearInTheClearInTablesOrLogs()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        var secretText = "Door code is " + Guid.NewGuid().ToString("N");

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, secretText));
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "STOP"));
        await Texting.DeliverAsync(App, Texting.SmsReceived(Texting.NewMobile(), secretText + " unknown"));

        var needles = new[] { secretText, texted.Mobile, texted.Mobile.TrimStart('+'), texted.Mobile[3..] };
        var stored = await AllStoredTextAsync();
        var logs = fixture.Logs.Lines;
        Assert.Contains(logs, line => line.Contains("Inbound SMS", StringComparison.Ordinal));
        foreach (var needle in needles)
        {
            Assert.DoesNotContain(stored, value => value.Contains(needle, StringComparison.Ordinal));
            Assert.DoesNotContain(logs, line => line.Contains(needle, StringComparison.Ordinal));
        }
    }

    private async Task<List<string>> AllStoredTextAsync()
    {
        var service = App.Services.GetRequiredService<TableServiceClient>();
        var text = new List<string>();
        foreach (var table in StorageTables.All)
        {
            try
            {
                await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
                {
                    text.Add(row.PartitionKey);
                    text.Add(row.RowKey);
                    text.AddRange(row.StoredValues().Select(v => v?.ToString() ?? ""));
                }
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404)
            {
                // Not created yet in this storage account: it holds nothing.
            }
        }
        return text;
    }
}
