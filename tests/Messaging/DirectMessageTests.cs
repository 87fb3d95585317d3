using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Messaging;

public class DirectMessageTests(MessagingApp fixture) : IClassFixture<MessagingApp>
{
    // 170 GSM-7 characters after "Hi Ada, ": two segments for every recipient.
    private static readonly string LongText = "Hi {ClientFirstName}, " + new string('x', 170);

    private TestApp App => fixture.App;

    [Fact]
    public async Task PreviewCountsRecipientsAndSaysWhyTheOthersAreSkipped()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ada = (await owner.AddClientAsync("Ada Lovelace", Texting.NewMobile())).GetProperty("id").GetString()!;
        var restricted = await owner.RestrictedClientAsync();
        var optedOut = await owner.OptedOutClientAsync();
        var noMobile = (await owner.AddClientAsync("Emma Mail", email: "emma@example.com")).GetProperty("id").GetString()!;

        var preview = await owner.PreviewAsync(
            new
            {
                clientIds = new[] { ada, restricted, optedOut, noMobile },
                channel = "sms",
                text = "Hi {ClientFirstName}, we are closed on Monday.",
            }
        );

        Assert.Equal(1, preview.GetProperty("recipients").GetInt32());
        var skipped = preview
            .GetProperty("skipped")
            .EnumerateArray()
            .ToDictionary(s => s.GetProperty("clientId").GetString()!, s => s.GetProperty("reason").GetString());
        Assert.Equal(
            new Dictionary<string, string?>
            {
                [restricted] = "The client is restricted: nothing is sent to them.",
                [optedOut] = "The client opted out of messages.",
                [noMobile] = "The client has no mobile number.",
            },
            skipped
        );
        var sms = preview.GetProperty("sms");
        Assert.Equal(
            ("GSM-7", 1, 1),
            (sms.GetProperty("encoding").GetString(), sms.GetProperty("segments").GetInt32(), sms.GetProperty("totalSegments").GetInt32())
        );
    }

    [Fact]
    public async Task PreviewShowsWhatEachChannelsFirstRecipientGetsFilledAsTheSenderFillsIt()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ada = (await owner.AddClientAsync("Ada Lovelace", Texting.NewMobile())).GetProperty("id").GetString()!;
        var emma = (await owner.AddClientAsync("Emma Mail", email: "emma@example.com")).GetProperty("id").GetString()!;

        var preview = await owner.PreviewAsync(
            new
            {
                clientIds = new[] { emma, ada },
                channel = "sms-or-email",
                subject = "{BusinessName} news for {ClientFirstName}",
                text = "Hi {ClientFirstName}, we have moved.",
            }
        );

        var samples = preview
            .GetProperty("samples")
            .EnumerateArray()
            .Select(s =>
                (
                    s.GetProperty("clientName").GetString(),
                    s.GetProperty("channel").GetString(),
                    s.GetProperty("subject").GetString(),
                    s.GetProperty("text").GetString()
                )
            )
            .ToList();
        Assert.Equal(
            [("Ada Lovelace", "sms", null, "Hi Ada, we have moved."), ("Emma Mail", "email", "Harbour Physio news for Emma", "Hi Emma, we have moved.")],
            samples
        );
    }

    [Fact]
    public async Task PreviewCountsTheSegmentsOfEverySms()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ids = new[] { await AddAsync(owner, "Ada Lovelace"), await AddAsync(owner, "Grace Hopper") };

        var preview = await owner.PreviewAsync(
            new
            {
                clientIds = ids,
                channel = "sms",
                text = LongText,
            }
        );

        Assert.Equal(
            (2, 4),
            (preview.GetProperty("sms").GetProperty("segments").GetInt32(), preview.GetProperty("sms").GetProperty("totalSegments").GetInt32())
        );
    }

    [Fact]
    public async Task SendingToAGroupSendsEachRecipientTheirOwnTextExactlyOnceAndCountsItsSegments()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ada = await AddAsync(owner, "Ada Lovelace");
        var grace = await AddAsync(owner, "Grace Hopper");
        var restricted = await owner.RestrictedClientAsync();

        var batchId = await owner.SendDirectAsync([ada, grace, restricted], LongText);

        var all = await owner.BatchAsync(batchId);
        var notSent = Assert.Single(all, r => r.Status == ReminderStatus.Skipped);
        Assert.Equal((restricted, "The client is restricted: nothing is sent to them.", null), (notSent.ClientId, notSent.Reason, notSent.DirectText));
        var rows = all.Where(r => r != notSent).ToList();
        Assert.Equal(new[] { ada, grace }.Order(StringComparer.Ordinal), rows.Select(r => r.ClientId).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(row));
            Assert.Equal(new SendRun.AlreadyFinished(ReminderStatus.Sent), await Texting.SendAsync(App, owner.AccountId, row.Id, row.Version));
        }
        var outbox = Texting.Outbox(App, owner.AccountId);
        Assert.Equal(["Hi Ada, ", "Hi Grace, "], outbox.Select(m => m.Body[..(m.Body.IndexOf(',') + 2)]).Order(StringComparer.Ordinal));
        Assert.Equal(4, (await owner.GetJsonAsync("/api/me")).GetProperty("plan").GetProperty("smsUsed").GetInt32());
    }

    [Fact]
    public async Task TheSameRequestSentTwiceQueuesOneBatch()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ada = await AddAsync(owner, "Ada Lovelace");
        var request = new
        {
            clientIds = new[] { ada },
            channel = "sms",
            text = "Parking is closed today.",
            requestId = Guid.NewGuid().ToString(),
        };

        using var first = await owner.Browser.PostJsonAsync("/api/messages/direct", request);
        using var again = await owner.Browser.PostJsonAsync("/api/messages/direct", request);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        var batchId = (await Owners.JsonAsync(first)).GetProperty("batchId").GetString()!;
        Assert.Equal(batchId, (await Owners.JsonAsync(again)).GetProperty("batchId").GetString());
        var row = Assert.Single(await owner.BatchAsync(batchId));
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(row));
        Assert.Single(Texting.Outbox(App, owner.AccountId));
    }

    [Fact]
    public async Task AGroupNeedingMoreSmsThanTheMonthHasLeftIsRefusedBeforeAnythingIsQueued()
    {
        using var owner = await Owner.SignUpAsync(App);
        var account = await owner.AccountAsync();
        account.SmsAllowance = 1;
        await App.Services.GetRequiredService<AccountStore>().UpdateAsync(account, CancellationToken.None);
        var clients = new[] { await AddAsync(owner, "Ada Lovelace"), await AddAsync(owner, "Grace Hopper") };

        using var response = await owner.Browser.PostJsonAsync(
            "/api/messages/direct",
            new
            {
                clientIds = clients,
                channel = "sms",
                text = "Parking is closed today.",
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await Owners.JsonAsync(response)).GetProperty("errors").GetProperty("clientIds")[0].GetString();
        Assert.Equal("Sending this takes 2 SMS segments, but only 1 are left this month. Choose fewer clients or send by email.", error);
        Assert.Empty(await DirectRowsAsync(owner));
    }

    [Fact]
    public async Task RestrictedAndOptedOutClientsGetNothing()
    {
        using var owner = await Owner.SignUpAsync(App);
        var optedOut = await owner.OptedOutClientAsync();
        var restricted = await owner.RestrictedClientAsync();
        var before = Texting.Outbox(App, owner.AccountId).Count;

        using var response = await owner.Browser.PostJsonAsync(
            "/api/messages/direct",
            new
            {
                clientIds = new[] { optedOut, restricted },
                channel = "sms",
                text = "Hello",
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, Texting.Outbox(App, owner.AccountId).Count);
    }

    [Fact]
    public async Task AClientRestrictedAfterQueuingIsStillNotSentTo()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ada = await AddAsync(owner, "Ada Lovelace");
        var row = Assert.Single(await owner.BatchAsync(await owner.SendDirectAsync([ada], "Hello {ClientName}")));
        using var restricted = await owner.Browser.PostJsonAsync($"/api/clients/{ada}/restrict", null);

        await owner.RunQueuedAsync(row);

        Assert.Equal(HttpStatusCode.OK, restricted.StatusCode);
        Assert.Equal(ReminderStatus.Cancelled, (await Texting.ReminderAsync(App, owner.AccountId, row.Id)).Status);
        Assert.Empty(Texting.Outbox(App, owner.AccountId));
    }

    [Theory]
    [InlineData("Hi {ClientFirstName}, see you {Date}.", "{Date} at line 1, column 31 cannot be used here")]
    [InlineData("Hi {ClientFirstName},\nsee you {ClientNmae}.", "Unknown placeholder {ClientNmae} at line 2, column 9; did you mean {ClientName}?")]
    public async Task APlaceholderADirectMessageCannotFillIsRefusedWithItsPosition(string text, string expected)
    {
        using var owner = await Owner.SignUpAsync(App);
        var ada = await AddAsync(owner, "Ada Lovelace");

        using var response = await owner.Browser.PostJsonAsync(
            "/api/messages/direct",
            new
            {
                clientIds = new[] { ada },
                channel = "sms",
                text,
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(expected, Assert.Single(DirectMessaging.Errors(await Owners.JsonAsync(response), "text")), StringComparison.Ordinal);
        Assert.Empty(await DirectRowsAsync(owner));
    }

    [Fact]
    public async Task MoreThan500ClientsAreRefused()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ids = Enumerable.Range(0, 501).Select(_ => Guid.NewGuid().ToString("N")).ToArray();

        using var response = await owner.Browser.PostJsonAsync(
            "/api/messages/direct",
            new
            {
                clientIds = ids,
                channel = "sms",
                text = "Hello",
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Send to at most 500 clients at a time."], DirectMessaging.Errors(await Owners.JsonAsync(response), "clientIds"));
    }

    [Fact]
    public async Task TooLongTextsAndSmsOverTheSegmentLimitAreRefused()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ada = await AddAsync(owner, "Ada Lovelace");

        using var tooLong = await owner.Browser.PostJsonAsync(
            "/api/messages/direct",
            new
            {
                clientIds = new[] { ada },
                channel = "sms",
                text = new string('x', 1001),
            }
        );
        using var tooManySegments = await owner.Browser.PostJsonAsync(
            "/api/messages/direct",
            new
            {
                clientIds = new[] { ada },
                channel = "sms",
                text = new string('x', 600),
            }
        );

        Assert.Equal(["Use at most 1000 characters."], DirectMessaging.Errors(await Owners.JsonAsync(tooLong), "text"));
        Assert.Equal(
            ["This message needs 4 SMS segments; the limit is 3. Shorten it."],
            DirectMessaging.Errors(await Owners.JsonAsync(tooManySegments), "text")
        );
        Assert.Empty(await DirectRowsAsync(owner));
    }

    [Fact]
    public async Task AnotherOwnersClientIsRefusedAndNeverSentTo()
    {
        using var owner = await Owner.SignUpAsync(App);
        using var other = await Owner.SignUpAsync(App);
        var theirs = await AddAsync(other, "Ada Lovelace");

        using var preview = await owner.Browser.PostJsonAsync(
            "/api/messages/direct/preview",
            new
            {
                clientIds = new[] { theirs },
                channel = "sms",
                text = "Hello",
            }
        );
        using var send = await owner.Browser.PostJsonAsync(
            "/api/messages/direct",
            new
            {
                clientIds = new[] { theirs },
                channel = "sms",
                text = "Hello",
            }
        );

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (preview.StatusCode, send.StatusCode));
        Assert.Equal(["One of the chosen clients was not found."], DirectMessaging.Errors(await Owners.JsonAsync(send), "clientIds"));
        Assert.Empty(await DirectRowsAsync(owner));
        Assert.Empty(await DirectRowsAsync(other));
        Assert.Empty(Texting.Outbox(App, other.AccountId));
    }

    [Fact]
    public async Task AnEmailNeedsASubjectAndCarriesTheTextLaidOutWithTheBusinessAndTheUnsubscribeLink()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ada = (await owner.AddClientAsync("Ada Lovelace", email: "ada@example.com")).GetProperty("id").GetString()!;
        const string text = "Hi {ClientFirstName},\nparking is <closed> on Monday.";

        using var noSubject = await owner.Browser.PostJsonAsync(
            "/api/messages/direct",
            new
            {
                clientIds = new[] { ada },
                channel = "email",
                text,
            }
        );
        await owner.SendDirectNowAsync([ada], text, ReminderChannel.Email, "News for {ClientName}");

        Assert.Equal(["Write a subject for the email."], DirectMessaging.Errors(await Owners.JsonAsync(noSubject), "subject"));
        var email = Assert.Single(Texting.Outbox(App, owner.AccountId));
        Assert.Equal(("ada@example.com", "News for Ada Lovelace"), (email.To, email.Subject));
        Assert.StartsWith(
            "Hi Ada,\nparking is <closed> on Monday.\n\n--\nHarbour Physio\n\nUnsubscribe from these emails:",
            email.Body,
            StringComparison.Ordinal
        );
        Assert.Contains("<p style=\"margin:0 0 16px\">Hi Ada,<br>\nparking is &lt;closed&gt; on Monday.</p>", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Add to my calendar", email.Html, StringComparison.Ordinal);
        Assert.Contains("Unsubscribe from these emails:", email.Html, StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe", email.Headers!.Keys);
    }

    [Fact]
    public async Task TheTextIsNeverStoredOrQueuedInClear()
    {
        using var owner = await Owner.SignUpAsync(App);
        var marker = Guid.NewGuid().ToString("N");
        var ada = await AddAsync(owner, "Ada Lovelace");
        var row = Assert.Single(await owner.BatchAsync(await owner.SendDirectAsync([ada], $"Hi {{ClientFirstName}}, code {marker}")));
        var queued = await SendQueue.TakeAsync(App, row.Id, row.Version);

        await Texting.SendAsync(App, owner.AccountId, row.Id, row.Version);

        Assert.Contains(marker, Assert.Single(Texting.Outbox(App, owner.AccountId)).Body, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, queued.MessageText, StringComparison.Ordinal);
        var table = await App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        await foreach (var stored in table.QueryAsync<TableEntity>(ReminderKeys.AccountFilter(owner.AccountId)))
        {
            Assert.DoesNotContain(marker, JsonSerializer.Serialize(stored.ToDictionary(p => p.Key, p => p.Value?.ToString())), StringComparison.Ordinal);
        }
        await SendQueue.Queue(App).DeleteMessageAsync(queued.MessageId, queued.PopReceipt);
    }

    private static async Task<string> AddAsync(Owner owner, string name) =>
        (await owner.AddClientAsync(name, Texting.NewMobile())).GetProperty("id").GetString()!;

    private static async Task<List<ReminderEntity>> DirectRowsAsync(Owner owner)
    {
        var table = await owner.App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        var rows = new List<ReminderEntity>();
        await foreach (
            var row in table.QueryAsync<ReminderEntity>(
                ReminderKeys.AccountFilter(owner.AccountId) + " and " + TableClient.CreateQueryFilter($"Kind eq {ReminderKind.Direct.Name()}")
            )
        )
        {
            rows.Add(row);
        }
        return rows;
    }
}
