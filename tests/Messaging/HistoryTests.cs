using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Messaging;

public class HistoryTests(MessagingApp fixture) : IClassFixture<MessagingApp>
{
    private TestApp App => fixture.App;

    private static string Today => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task HistoryListsRemindersAndDirectMessagesNewestFirstWithTheirReplies()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "Yes"));
        var direct = Assert.Single(await owner.SendDirectNowAsync([texted.ClientId], "Hi {ClientFirstName}, parking is closed."));

        var items = await ItemsAsync(owner, "");

        Assert.Equal(
            [(direct.Id, "direct"), (texted.SentReminderId, "reminder")],
            items.Where(i => i.GetProperty("status").GetString() == "sent").Select(i => (i.GetProperty("id").GetString(), i.GetProperty("kind").GetString()))
        );
        var reminder = items.Single(i => i.GetProperty("id").GetString() == texted.SentReminderId);
        Assert.Equal(
            ("Sam Texter", "sms", 1),
            (reminder.GetProperty("clientName").GetString(), reminder.GetProperty("channel").GetString(), reminder.GetProperty("replies").GetInt32())
        );
        Assert.Contains(items, i => i.GetProperty("id").GetString() == texted.LaterReminderId && i.GetProperty("status").GetString() == "scheduled");
    }

    [Fact]
    public async Task HistoryFiltersByStatusClientAndDate()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        var other = (await owner.AddClientAsync("Grace Hopper", Texting.NewMobile())).GetProperty("id").GetString()!;
        var oldId = await MoveBackAsync(owner, Assert.Single(await owner.SendDirectNowAsync([other], "Earlier news")).Id, TimeSpan.FromDays(5));
        var delivered = Assert.Single(await owner.SendDirectNowAsync([other], "Latest news"));
        await Texting.DeliverAsync(App, Texting.DeliveryReport($"{owner.AccountId}/{delivered.Id}", "Delivered", DateTimeOffset.UtcNow));
        var fiveDaysAgo = DateTimeOffset.UtcNow.AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal([texted.LaterReminderId], Ids(await ItemsAsync(owner, "?status=scheduled")));
        Assert.Equal([delivered.Id], Ids(await ItemsAsync(owner, "?status=delivered")));
        Assert.Equal([delivered.Id, texted.SentReminderId, oldId], Ids(await ItemsAsync(owner, "?status=sent")));
        Assert.Equal([delivered.Id, oldId], Ids(await ItemsAsync(owner, $"?clientId={other}")));
        Assert.Equal([oldId], Ids(await ItemsAsync(owner, $"?status=sent&from={fiveDaysAgo}&to={fiveDaysAgo}")));
        Assert.Equal([delivered.Id, texted.SentReminderId], Ids(await ItemsAsync(owner, $"?status=sent&from={Today}")));
    }

    [Fact]
    public async Task AFailedMessageSaysWhyInPlainWords()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ada = (await owner.AddClientAsync("Ada Lovelace", Texting.NewMobile())).GetProperty("id").GetString()!;
        var undelivered = Assert.Single(await owner.SendDirectNowAsync([ada], "Hello"));
        await Texting.DeliverAsync(App, Texting.DeliveryReport($"{owner.AccountId}/{undelivered.Id}", "Failed", DateTimeOffset.UtcNow));

        var failed = Assert.Single(await ItemsAsync(owner, "?status=failed"));
        using var unknownStatus = await owner.Browser.GetAsync("/api/history?status=lost");
        using var badDate = await owner.Browser.GetAsync("/api/history?from=01/02/2025");

        Assert.Equal(
            (undelivered.Id, "failed", "The phone network could not deliver the message."),
            (failed.GetProperty("id").GetString(), failed.GetProperty("deliveryStatus").GetString(), failed.GetProperty("reason").GetString())
        );
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unknownStatus.StatusCode, badDate.StatusCode));
    }

    [Fact]
    public async Task DailyCountsCoverThirtyDaysAndCountSentDeliveredAndFailed()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ids = new List<string>();
        foreach (var name in new[] { "Ada Lovelace", "Grace Hopper", "Edsger Dijkstra" })
        {
            ids.Add((await owner.AddClientAsync(name, Texting.NewMobile())).GetProperty("id").GetString()!);
        }
        var rows = await owner.SendDirectNowAsync([.. ids], "Hello {ClientFirstName}");
        await Texting.DeliverAsync(App, Texting.DeliveryReport($"{owner.AccountId}/{rows[0].Id}", "Delivered", DateTimeOffset.UtcNow));
        await Texting.DeliverAsync(App, Texting.DeliveryReport($"{owner.AccountId}/{rows[1].Id}", "Failed", DateTimeOffset.UtcNow));
        await MoveBackAsync(owner, rows[2].Id, TimeSpan.FromDays(3));

        var days = (await owner.GetJsonAsync("/api/history/daily?days=30")).GetProperty("days").EnumerateArray().ToList();

        Assert.Equal(30, days.Count);
        Assert.Equal(Today, days[^1].GetProperty("date").GetString());
        Assert.Equal((2, 1, 1), Counts(days[^1]));
        Assert.Equal((1, 0, 0), Counts(days[^4]));
        Assert.Equal(3, days.Sum(d => d.GetProperty("sent").GetInt32()));
    }

    [Fact]
    public async Task AnOwnerSeesNoneOfAnotherOwnersHistory()
    {
        using var owner = await Owner.SignUpAsync(App);
        using var other = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        await owner.SendDirectNowAsync([texted.ClientId], "Hello");

        Assert.Empty(await ItemsAsync(other, ""));
        Assert.Empty(await ItemsAsync(other, $"?clientId={texted.ClientId}"));
        Assert.All((await other.GetJsonAsync("/api/history/daily")).GetProperty("days").EnumerateArray(), d => Assert.Equal((0, 0, 0), Counts(d)));
        Assert.Equal(2, (await ItemsAsync(owner, "?status=sent")).Count);
    }

    [Fact]
    public async Task HistoryComesInPagesNewestFirstEachNamingTheNext()
    {
        using var owner = await Owner.SignUpAsync(App);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await owner.AddClientAsync($"Client {i}", Texting.NewMobile())).GetProperty("id").GetString()!);
        }
        await owner.SendDirectNowAsync([.. ids], "Hello {ClientFirstName}");
        var everything = Ids(await ItemsAsync(owner, ""));
        Assert.Equal(5, everything.Length);

        var pages = new List<string[]>();
        string? cursor = null;
        do
        {
            var page = await owner.GetJsonAsync("/api/history?limit=2" + (cursor is null ? "" : "&before=" + Uri.EscapeDataString(cursor)));
            pages.Add(Ids([.. page.GetProperty("items").EnumerateArray()]));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(p => p.Length));
        Assert.Equal(everything, pages.SelectMany(p => p));
    }

    /// <summary>
    /// Pages are read from the newest partitions backwards, in growing windows, only as far as a page needs: whatever the
    /// spread of the rows over the year (and a message sent days after it was due), every one comes once, in order.
    /// </summary>
    [Fact]
    public async Task HistoryPagesOfAYearSpreadUnevenlyComeWholeAndInOrder()
    {
        using var owner = await Owner.SignUpAsync(App);
        var store = App.Services.GetRequiredService<ReminderStore>();
        var now = DateTimeOffset.UtcNow;
        var daysAgo = new[] { 0, 0, 1, 2, 3, 5, 9, 9, 17, 33, 34, 60, 61, 120, 200, 300, 360 };
        var rows = daysAgo
            .Select(
                (ago, i) =>
                {
                    var due = now.AddDays(-ago).AddMinutes(-i);
                    // One went out three days after it was due: it belongs above rows due after it.
                    var sent = i == 9 ? due.AddDays(3) : due.AddSeconds(5);
                    return new ReminderEntity
                    {
                        PartitionKey = ReminderKeys.Partition(owner.AccountId, due),
                        RowKey = ReminderEntity.DirectIdFor(due, $"batch{i:D2}", "client"),
                        Kind = ReminderKind.Direct,
                        ClientId = "client",
                        RuleChannel = ReminderChannel.Sms,
                        Channel = ReminderChannel.Sms,
                        DueAt = due,
                        Status = ReminderStatus.Sent,
                        SentAt = sent,
                        Segments = 1,
                        Version = 1,
                    };
                }
            )
            .ToList();
        foreach (var row in rows)
        {
            await store.SaveAsync(row, CancellationToken.None);
        }
        var expected = rows.OrderByDescending(r => r.SentAt).ThenBy(r => r.RowKey, StringComparer.Ordinal).Select(r => r.Id).ToArray();

        var listed = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await owner.GetJsonAsync("/api/history?limit=3" + (cursor is null ? "" : "&before=" + Uri.EscapeDataString(cursor)));
            listed.AddRange(Ids([.. page.GetProperty("items").EnumerateArray()]));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        } while (cursor is not null && pages < 20);

        Assert.Equal(expected, listed);
        Assert.Equal(6, pages);
    }

    [Theory]
    [InlineData("?before=yesterday", "before")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=501", "limit")]
    public async Task AHistoryPageThatCannotBeFoundSaysWhy(string query, string field)
    {
        using var owner = await Owner.SignUpAsync(App);

        using var response = await owner.Browser.GetAsync("/api/history" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Owners.JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    private static async Task<List<JsonElement>> ItemsAsync(Owner owner, string query) =>
        [.. (await owner.GetJsonAsync("/api/history" + query)).GetProperty("items").EnumerateArray()];

    private static string[] Ids(List<JsonElement> items) => [.. items.Select(i => i.GetProperty("id").GetString()!)];

    private static (int, int, int) Counts(JsonElement day) =>
        (day.GetProperty("sent").GetInt32(), day.GetProperty("delivered").GetInt32(), day.GetProperty("failed").GetInt32());

    /// <summary>Makes a sent row look sent earlier: it moves to the partition and id of its new day, as if due then.</summary>
    private static async Task<string> MoveBackAsync(Owner owner, string id, TimeSpan by)
    {
        var row = await Texting.ReminderAsync(owner.App, owner.AccountId, id);
        var table = await owner.App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag);
        row.DueAt -= by;
        row.SentAt -= by;
        row.PartitionKey = ReminderKeys.Partition(owner.AccountId, row.DueAt);
        row.RowKey = ReminderKeys.Day(row.DueAt) + row.RowKey[8..];
        await table.AddEntityAsync(row);
        return row.Id;
    }
}
