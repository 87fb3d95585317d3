using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Messaging;

namespace ClientReminders.Tests.Conversations;

public class ConversationTests(MessagingApp fixture) : IClassFixture<MessagingApp>
{
    private const string Question = "Can I move to Friday afternoon instead?";

    private TestApp App => fixture.App;

    [Fact]
    public async Task AFreeTextReplyJoinsTheConversationNeedsAnAnswerAndRaisesTheUnreadCountAndOneAlertEmail()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        var reply = Texting.SmsReceived(texted.Mobile, Question);

        await Texting.DeliverAsync(App, reply);
        await Texting.DeliverAsync(App, reply);

        var inbox = await owner.GetJsonAsync("/api/conversations");
        var summary = Assert.Single(inbox.GetProperty("items").EnumerateArray());
        Assert.Equal((texted.ClientId, "Sam Texter"), (summary.GetProperty("clientId").GetString(), summary.GetProperty("clientName").GetString()));
        Assert.True(summary.GetProperty("unread").GetBoolean());
        Assert.True(summary.GetProperty("needsAction").GetBoolean());
        Assert.Equal(Question, summary.GetProperty("lastMessage").GetProperty("text").GetString());
        Assert.Equal((1, 1), (inbox.GetProperty("unread").GetInt32(), inbox.GetProperty("needsAction").GetInt32()));

        var thread = await owner.GetJsonAsync($"/api/clients/{texted.ClientId}/conversation");
        var items = thread.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["in", "out"], items.Select(i => i.GetProperty("direction").GetString()));
        Assert.Equal(["reply", "reminder"], items.Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(Question, items[0].GetProperty("text").GetString());
        Assert.Equal("other", items[0].GetProperty("replyKind").GetString());
        Assert.True(items[0].GetProperty("needsAnswer").GetBoolean());
        Assert.Equal(("sms", "sent"), (items[1].GetProperty("channel").GetString(), items[1].GetProperty("status").GetString()));
        Assert.Contains("Sam", items[1].GetProperty("text").GetString(), StringComparison.Ordinal);

        await AlertKit.SendWaitingAsync(App, owner.AccountId);
        await AlertKit.SendWaitingAsync(App, owner.AccountId);
        var email = Assert.Single(AlertKit.EmailsTo(App, owner.Email));
        Assert.Equal("A client sent you a message", email.Message.Subject);
        Assert.Contains("Sam Texter sent you a message that needs an answer.", email.Message.Text, StringComparison.Ordinal);
        Assert.Contains($"/clients/{texted.ClientId}#conversation", email.Message.Text, StringComparison.Ordinal);
        // What the client wrote stays in the app: an email is a copy nobody can delete for us.
        Assert.DoesNotContain("Friday", email.Message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUnreadCountAnswers304WhileItIsUnchanged()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);

        var (first, etag) = await UnreadAsync(owner, null);
        Assert.Equal((0, 0), first);
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, Question));
        var (second, changed) = await UnreadAsync(owner, etag);
        Assert.Equal((1, 1), second);
        Assert.NotEqual(etag, changed);

        using var unchanged = await owner.Browser.GetAsync("/api/conversations/unread", ("If-None-Match", changed!));
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Empty(await unchanged.Content.ReadAsByteArrayAsync());

        using var read = await owner.Browser.PostJsonAsync($"/api/clients/{texted.ClientId}/conversation/read", null);
        Assert.Equal(HttpStatusCode.NoContent, read.StatusCode);
        var (after, _) = await UnreadAsync(owner, changed);
        Assert.Equal((0, 1), after);
        Assert.All((await owner.GetJsonAsync("/api/replies")).GetProperty("items").EnumerateArray(), r => Assert.True(r.GetProperty("read").GetBoolean()));
    }

    [Fact]
    public async Task AMessageDeliveredLateAfterTheOwnerReadTheConversationIsStillUnread()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "On my way"));
        using var read = await owner.Browser.PostJsonAsync($"/api/clients/{texted.ClientId}/conversation/read", null);

        // Event Grid retried this one for half an hour: it was sent before the owner read the conversation.
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, Question, receivedAt: DateTimeOffset.UtcNow.AddMinutes(-30)));

        var summary = Assert.Single((await owner.GetJsonAsync("/api/conversations")).GetProperty("items").EnumerateArray());
        Assert.True(summary.GetProperty("unread").GetBoolean());
        Assert.True(summary.GetProperty("needsAction").GetBoolean());
    }

    [Fact]
    public async Task TheOwnerAnswersBySmsOnceEvenWhenTheRequestIsRepeatedAndTheThreadShowsItDelivered()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, Question));
        var answer = new
        {
            channel = "sms",
            text = "Yes, Friday at 3pm works. See you then!",
            requestId = Guid.NewGuid().ToString(),
        };

        using var sent = await owner.Browser.PostJsonAsync($"/api/clients/{texted.ClientId}/conversation", answer);
        using var again = await owner.Browser.PostJsonAsync($"/api/clients/{texted.ClientId}/conversation", answer);

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var queued = await Owners.JsonAsync(sent);
        var id = queued.GetProperty("reminderId").GetString()!;
        Assert.Equal(id, (await Owners.JsonAsync(again)).GetProperty("reminderId").GetString());
        var row = await Texting.ReminderAsync(App, owner.AccountId, id);
        Assert.Equal(ReminderKind.Direct, row.Kind);
        await Texting.SendAsync(App, owner.AccountId, id, row.Version);
        await Texting.SendAsync(App, owner.AccountId, id, row.Version);
        var delivered = Assert.Single(Texting.Outbox(App, owner.AccountId), m => m.ReminderId == id);
        Assert.Equal((texted.Mobile, answer.text), (delivered.To, delivered.Body));

        await Texting.DeliverAsync(App, Texting.DeliveryReport($"{owner.AccountId}/{id}", "Delivered", DateTimeOffset.UtcNow));

        var thread = await owner.GetJsonAsync($"/api/clients/{texted.ClientId}/conversation");
        var items = thread.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["answer", "reply", "reminder"], items.Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(queued.GetProperty("id").GetString(), items[0].GetProperty("id").GetString());
        Assert.Equal(
            ("out", answer.text, "sent", "delivered"),
            (
                items[0].GetProperty("direction").GetString(),
                items[0].GetProperty("text").GetString(),
                items[0].GetProperty("status").GetString(),
                items[0].GetProperty("delivery").GetString()
            )
        );
        Assert.False(items[1].GetProperty("needsAnswer").GetBoolean());
        Assert.False(thread.GetProperty("needsAction").GetBoolean());
        Assert.False(thread.GetProperty("unread").GetBoolean());
        var history = await owner.GetJsonAsync($"/api/history?clientId={texted.ClientId}");
        Assert.Contains(history.GetProperty("items").EnumerateArray(), h => h.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task TheOwnerAnswersByEmailWithTheBusinessAsTheSubjectUnlessOneIsGiven()
    {
        using var owner = await Owner.SignUpAsync(App);
        var client = await owner.AddClientAsync("Eve Mailer", email: "eve.mailer@example.com");
        var clientId = client.GetProperty("id").GetString()!;

        using var sent = await owner.Browser.PostJsonAsync(
            $"/api/clients/{clientId}/conversation",
            new
            {
                channel = "email",
                text = "Your results are in.\nCall us when you can.",
                requestId = Guid.NewGuid().ToString(),
            }
        );

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        var id = (await Owners.JsonAsync(sent)).GetProperty("reminderId").GetString()!;
        await Texting.SendAsync(App, owner.AccountId, id, 1);
        var email = Assert.Single(Texting.Outbox(App, owner.AccountId), m => m.ReminderId == id);
        Assert.Equal(("eve.mailer@example.com", "A message from Harbour Physio"), (email.To, email.Subject));
        Assert.Contains("Call us when you can.", email.Body, StringComparison.Ordinal);
        var thread = await owner.GetJsonAsync($"/api/clients/{clientId}/conversation");
        var item = Assert.Single(thread.GetProperty("items").EnumerateArray());
        Assert.Equal(
            ("email", "answer", "A message from Harbour Physio"),
            (item.GetProperty("channel").GetString(), item.GetProperty("kind").GetString(), item.GetProperty("subject").GetString())
        );
        // Writing first starts a conversation: it is in the inbox, read and needing nothing.
        var summary = Assert.Single((await owner.GetJsonAsync("/api/conversations")).GetProperty("items").EnumerateArray());
        Assert.False(summary.GetProperty("unread").GetBoolean() || summary.GetProperty("needsAction").GetBoolean());
    }

    [Fact]
    public async Task StopShowsTheOptOutInTheThreadWithOurAnswerAndRefusesFurtherRepliesClearly()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);

        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "STOP"));

        var thread = await owner.GetJsonAsync($"/api/clients/{texted.ClientId}/conversation");
        Assert.Equal("opted-out", thread.GetProperty("clientStatus").GetString());
        const string refused = "Sam Texter replied STOP, so nothing more can be sent to them unless they text START.";
        Assert.Equal((refused, refused), (thread.GetProperty("smsProblem").GetString(), thread.GetProperty("emailProblem").GetString()));
        var items = thread.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["auto-reply", "reply", "reminder"], items.Select(i => i.GetProperty("kind").GetString()));
        Assert.StartsWith("You will no longer get messages from Harbour Physio.", items[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("stop", items[1].GetProperty("replyKind").GetString());

        using var answer = await owner.Browser.PostJsonAsync(
            $"/api/clients/{texted.ClientId}/conversation",
            new
            {
                channel = "sms",
                text = "Sorry to see you go",
                requestId = Guid.NewGuid().ToString(),
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal([refused], ClientsApiTests.Errors(await Owners.JsonAsync(answer), "channel"));
        Assert.DoesNotContain(Texting.Outbox(App, owner.AccountId), m => m.Body == "Sorry to see you go");

        await AlertKit.SendWaitingAsync(App, owner.AccountId);
        var email = Assert.Single(AlertKit.EmailsTo(App, owner.Email));
        Assert.Equal("A client opted out of messages", email.Message.Subject);
    }

    [Fact]
    public async Task AnAnswerIsCheckedLikeEveryMessage()
    {
        using var owner = await Owner.SignUpAsync(App);
        var client = await owner.AddClientAsync("Pat Paper", mobile: Texting.NewMobile());
        var clientId = client.GetProperty("id").GetString()!;

        using var empty = await owner.Browser.PostJsonAsync($"/api/clients/{clientId}/conversation", new { channel = "fax", text = " " });
        using var noEmail = await owner.Browser.PostJsonAsync(
            $"/api/clients/{clientId}/conversation",
            new
            {
                channel = "email",
                text = "Hello",
                requestId = Guid.NewGuid().ToString(),
            }
        );
        using var control = await owner.Browser.PostJsonAsync(
            $"/api/clients/{clientId}/conversation",
            new
            {
                channel = "sms",
                text = "Hello\u202Edlrow",
                requestId = Guid.NewGuid().ToString(),
            }
        );
        using var unknown = await owner.Browser.PostJsonAsync(
            "/api/clients/nobody/conversation",
            new
            {
                channel = "sms",
                text = "Hello",
                requestId = Guid.NewGuid().ToString(),
            }
        );

        var problems = await Owners.JsonAsync(empty);
        Assert.Equal(["Choose sms or email."], ClientsApiTests.Errors(problems, "channel"));
        Assert.Equal(["Write the message."], ClientsApiTests.Errors(problems, "text"));
        Assert.NotEmpty(ClientsApiTests.Errors(problems, "requestId"));
        Assert.Equal([ClientReach.NoEmail], ClientsApiTests.Errors(await Owners.JsonAsync(noEmail), "channel"));
        Assert.Equal([FreeText.ControlProblem], ClientsApiTests.Errors(await Owners.JsonAsync(control), "text"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty((await owner.GetJsonAsync("/api/conversations")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task TheInboxPutsUnreadFirstFiltersByWhatNeedsActionAndPagesWithACursor()
    {
        using var owner = await Owner.SignUpAsync(App);
        var asking = await Texting.ClientWithSentReminderAsync(owner);
        var helpMobile = Texting.NewMobile();
        var helped = (await owner.AddClientAsync("Hal Helped", helpMobile)).GetProperty("id").GetString();
        await Texting.DeliverAsync(App, Texting.SmsReceived(asking.Mobile, Question, receivedAt: DateTimeOffset.UtcNow.AddMinutes(-5)));
        await Texting.DeliverAsync(App, Texting.SmsReceived(helpMobile, "HELP"));

        Assert.Equal([helped, asking.ClientId], await InboxAsync(owner, "all"));
        Assert.Equal([helped, asking.ClientId], await InboxAsync(owner, "unread"));
        Assert.Equal([asking.ClientId], await InboxAsync(owner, "action"));

        using var read = await owner.Browser.PostJsonAsync($"/api/clients/{helped}/conversation/read", null);
        Assert.Equal([asking.ClientId, helped], await InboxAsync(owner, "all"));
        Assert.Equal([asking.ClientId], await InboxAsync(owner, "unread"));

        using var done = await owner.Browser.PostJsonAsync($"/api/clients/{asking.ClientId}/conversation/done", null);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.Empty(await InboxAsync(owner, "action"));
        var thread = await owner.GetJsonAsync($"/api/clients/{asking.ClientId}/conversation");
        Assert.False(thread.GetProperty("items")[0].GetProperty("needsAnswer").GetBoolean());

        using var badFilter = await owner.Browser.GetAsync("/api/conversations?filter=starred");
        using var badCursor = await owner.Browser.GetAsync("/api/conversations?cursor=%27%20or%20true");
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (badFilter.StatusCode, badCursor.StatusCode));
    }

    [Fact]
    public async Task ALongConversationComesInPagesNewestFirstAndOnlyItsOwnCursorIsTaken()
    {
        using var owner = await Owner.SignUpAsync(App);
        var client = await owner.AddClientAsync("Lou Long", mobile: Texting.NewMobile());
        var clientId = client.GetProperty("id").GetString()!;
        var conversations = App.Services.GetRequiredService<ConversationService>();
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        for (var i = 0; i < ConversationService.ThreadPage + 5; i++)
        {
            await conversations.RecordAutoReplyAsync(owner.AccountId, clientId, $"k{i}", start.AddMinutes(i), $"Message {i}", CancellationToken.None);
        }

        var first = await owner.GetJsonAsync($"/api/clients/{clientId}/conversation");
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var second = await owner.GetJsonAsync($"/api/clients/{clientId}/conversation?cursor={Uri.EscapeDataString(cursor)}");

        var texts = first
            .GetProperty("items")
            .EnumerateArray()
            .Concat(second.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("text").GetString());
        Assert.Equal(Enumerable.Range(0, ConversationService.ThreadPage + 5).Reverse().Select(i => $"Message {i}"), texts);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        var other = await owner.AddClientAsync("Oz Other", mobile: Texting.NewMobile());
        using var foreign = await owner.Browser.GetAsync(
            $"/api/clients/{other.GetProperty("id").GetString()}/conversation?cursor={Uri.EscapeDataString(cursor)}"
        );
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
    }

    [Fact]
    public async Task TheExportAndTheDataSummaryHoldTheConversation()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, Question));
        using var sent = await owner.Browser.PostJsonAsync(
            $"/api/clients/{texted.ClientId}/conversation",
            new
            {
                channel = "sms",
                text = "Friday at 3pm it is",
                requestId = Guid.NewGuid().ToString(),
            }
        );
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "STOP"));

        using var response = await owner.Browser.GetAsync("/api/export?format=json");
        var export = await Owners.JsonAsync(response);

        var messages = export.GetProperty("conversations").EnumerateArray().ToList();
        Assert.All(messages, m => Assert.Equal(texted.ClientId, m.GetProperty("clientId").GetString()));
        Assert.Equal(["reminder", "reply", "answer", "reply", "auto-reply"], messages.Select(m => m.GetProperty("kind").GetString()));
        Assert.Equal(Question, messages[1].GetProperty("text").GetString());
        Assert.Equal("Friday at 3pm it is", messages[2].GetProperty("text").GetString());
        Assert.StartsWith("You will no longer get messages", messages[4].GetProperty("text").GetString(), StringComparison.Ordinal);
        var summary = (await owner.GetJsonAsync("/api/data-summary")).GetProperty("categories").EnumerateArray();
        // Stored: those five, and the row of the later reminder, written when it was queued (cancelled by the STOP, so not exported).
        Assert.Equal(6, summary.Single(c => c.GetProperty("key").GetString() == "conversations").GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("anonymise")]
    public async Task AClientsConversationGoesWithTheirData(string how)
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, Question));
        using var sent = await owner.Browser.PostJsonAsync(
            $"/api/clients/{texted.ClientId}/conversation",
            new
            {
                channel = "sms",
                text = "Friday works",
                requestId = Guid.NewGuid().ToString(),
            }
        );
        var answerId = (await Owners.JsonAsync(sent)).GetProperty("reminderId").GetString()!;
        await Texting.SendAsync(App, owner.AccountId, answerId, 1);

        using var erased =
            how == "delete"
                ? await owner.Browser.DeleteJsonAsync($"/api/clients/{texted.ClientId}", null)
                : await owner.Browser.PostJsonAsync($"/api/clients/{texted.ClientId}/anonymise", null);

        Assert.True(erased.IsSuccessStatusCode, erased.StatusCode.ToString());
        Assert.Empty(await RawRows.OfAccountAsync(App, StorageTables.Conversations, owner.AccountId));
        Assert.Empty(await RawRows.OfAccountAsync(App, StorageTables.ConversationThreads, owner.AccountId));
        Assert.Empty(await RawRows.OfAccountAsync(App, StorageTables.Replies, owner.AccountId));
        var answer = await Texting.ReminderAsync(App, owner.AccountId, answerId);
        Assert.Equal((null, null, null), (answer.Body, answer.To, answer.DirectText));
        Assert.Empty((await owner.GetJsonAsync("/api/conversations")).GetProperty("items").EnumerateArray());
    }

    private static async Task<List<string?>> InboxAsync(Owner owner, string filter) =>
        [
            .. (await owner.GetJsonAsync($"/api/conversations?filter={filter}"))
                .GetProperty("items")
                .EnumerateArray()
                .Select(i => i.GetProperty("clientId").GetString()),
        ];

    private static async Task<((int Unread, int NeedsAction) Counts, string? ETag)> UnreadAsync(Owner owner, string? etag)
    {
        // A changed count must come back in full, whatever the browser last saw.
        using var response = await owner.Browser.GetAsync("/api/conversations/unread", etag is null ? [] : [("If-None-Match", etag)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Owners.JsonAsync(response);
        return ((body.GetProperty("unread").GetInt32(), body.GetProperty("needsAction").GetInt32()), response.Headers.ETag?.ToString());
    }
}
