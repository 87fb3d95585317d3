using ClientReminders.Calendars.Microsoft;
using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Calendars;

/// <summary>The app on a known port, so Graph (the fake) can reach its notification URL, with change notifications on.</summary>
public sealed class ChangeNotificationApp : CalendarApp
{
    protected override void Settings(Dictionary<string, string> settings)
    {
        var url = $"http://127.0.0.1:{TestApp.FreePort()}";
        settings["urls"] = url;
        settings["App:PublicBaseUrl"] = url;
        settings["Calendars:ChangeNotifications"] = "true";
        settings.Remove("Calendars:PollWithoutSubscription");
        settings["Calendars:NotificationCoalescing"] = "00:00:01";
    }
}

public class ChangeNotificationTests(ChangeNotificationApp fixture) : IClassFixture<ChangeNotificationApp>
{
    [Fact]
    public async Task ChoosingACalendarSubscribesToItsEventsForAsLongAsGraphAllowsWithItsSecretKeptOnlyAsAHash()
    {
        var (owner, user, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;

        var subscription = Assert.Single(fixture.Cloud.Subscriptions, s => s.User == user);

        Assert.Equal(calendar.Id, subscription.CalendarId);
        Assert.Equal("created,updated,deleted", subscription.ChangeType);
        Assert.Equal(new Uri(fixture.App.BaseAddress, "/api/webhooks/graph").ToString(), subscription.NotificationUrl);
        Assert.Equal(new Uri(fixture.App.BaseAddress, "/api/webhooks/graph/lifecycle").ToString(), subscription.LifecycleNotificationUrl);
        Assert.Equal(fixture.Clock.GetUtcNow() + GraphSubscriptions.Life, subscription.ExpiresAt);
        var lookup = Assert.Single(await LookupRowsAsync(owner));
        Assert.Equal(subscription.Id, lookup.PartitionKey);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subscription.ClientState!))), lookup.GetString("ClientStateHash"));
        var stored = string.Join(
            " ",
            (await owner.RawRowsAsync(StorageTables.CalendarSources)).SelectMany(r => r.StoredValues()).Concat(lookup.StoredValues())
        );
        Assert.DoesNotContain(subscription.ClientState!, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BothNotificationUrlsAnswerGraphsValidationWithTheTokenAsPlainText()
    {
        foreach (var path in new[] { "/api/webhooks/graph", "/api/webhooks/graph/lifecycle" })
        {
            using var response = await fixture.App.Client.PostAsync($"{path}?validationToken={Uri.EscapeDataString("Validation: token <b>1</b>")}", null);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Validation: token <b>1</b>", await response.Content.ReadAsStringAsync());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task AnOutlookChangeArrivesInSecondsAndABurstOfThemIsOneDeltaRequest()
    {
        var (owner, user, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        await fixture.SyncAsync();
        var subscription = Assert.Single(fixture.Cloud.Subscriptions, s => s.User == user);
        var before = DeltaRequests(user);

        calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(2));
        calendar.Add("Ada Lovelace follow-up", fixture.DaysAhead(3));
        calendar.Add("Ada Lovelace review", fixture.DaysAhead(4));

        Assert.Equal(1, await RunQueuedChangesAsync(subscription.Id, expected: 1));
        Assert.Equal(3, (await owner.CalendarAppointmentsAsync()).Count);
        Assert.Equal(before + 1, DeltaRequests(user));
        Assert.Equal(3, fixture.Cloud.NotificationsSent.Count(n => n["subscriptionId"]!.GetValue<string>() == subscription.Id));
    }

    [Fact]
    public async Task NotificationsForUnknownSubscriptionsOrWithoutTheSecretAreIgnoredAndTheLatterAudited()
    {
        var (owner, user, _, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var subscription = Assert.Single(fixture.Cloud.Subscriptions, s => s.User == user);

        using var unknown = await NotifyAsync(Guid.NewGuid().ToString(), "anything");
        using var forged = await NotifyAsync(subscription.Id, "not-the-secret");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (unknown.StatusCode, forged.StatusCode));
        Assert.Equal(0, await RunQueuedChangesAsync(subscription.Id, expected: 0));
        var audit = (await owner.GetJsonAsync("/api/me/audit")).GetProperty("entries").EnumerateArray();
        Assert.Contains(audit, e => e.GetProperty("event").GetString() == AuditEvent.CalendarNotificationRefused);
    }

    [Fact]
    public async Task DroppedNotificationsAreCaughtByTheSafetyNetPollWhichWaitsAnHourWhileTheSubscriptionIsHealthy()
    {
        var (owner, user, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        await fixture.SyncAsync();
        fixture.Cloud.DropNotifications = true;
        try
        {
            calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(2));
            var before = DeltaRequests(user);

            fixture.Clock.Advance(TimeSpan.FromMinutes(10));
            await fixture.SyncAsync();
            Assert.Equal(before, DeltaRequests(user));
            Assert.Empty(await owner.CalendarAppointmentsAsync());

            fixture.Clock.Advance(TimeSpan.FromMinutes(50));
            await fixture.SyncAsync();
            Assert.Single(await owner.CalendarAppointmentsAsync());
        }
        finally
        {
            fixture.Cloud.DropNotifications = false;
        }
    }

    [Fact]
    public async Task LifecycleEventsRenewRecreateOrRescanAndTheTimerRenewsAtHalfLife()
    {
        var (owner, user, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var first = Assert.Single(fixture.Cloud.Subscriptions, s => s.User == user);

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Accepted, await fixture.Cloud.SendLifecycleAsync(first.Id, "reauthorizationRequired"));
        await RunQueuedChangesAsync(first.Id, expected: 1);
        Assert.Equal(fixture.Clock.GetUtcNow() + GraphSubscriptions.Life, first.ExpiresAt);

        calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(2));
        Assert.Equal(1, await RunQueuedChangesAsync(first.Id, expected: 1));
        fixture.Cloud.DropNotifications = true;
        calendar.Add("Ada Lovelace follow-up", fixture.DaysAhead(3));
        fixture.Cloud.DropNotifications = false;
        Assert.Equal(HttpStatusCode.Accepted, await fixture.Cloud.SendLifecycleAsync(first.Id, "missed"));
        await RunQueuedChangesAsync(first.Id, expected: 1);
        Assert.Equal(2, (await owner.CalendarAppointmentsAsync()).Count);

        Assert.Equal(HttpStatusCode.Accepted, await fixture.Cloud.SendLifecycleAsync(first.Id, "subscriptionRemoved"));
        await RunQueuedChangesAsync(first.Id, expected: 1);
        var second = Assert.Single(fixture.Cloud.Subscriptions, s => s.User == user);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(second.Id, Assert.Single(await LookupRowsAsync(owner)).PartitionKey);

        fixture.Clock.Advance(GraphSubscriptions.Life / 2 + TimeSpan.FromMinutes(1));
        await fixture.SyncAsync();
        Assert.Equal(fixture.Clock.GetUtcNow() + GraphSubscriptions.Life, second.ExpiresAt);
    }

    [Fact]
    public async Task DeselectingACalendarOrDisconnectingDeletesItsSubscriptionThereAndHere()
    {
        var (owner, user, calendar, connectionId, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var other = user.AddCalendar("Home");
        await owner.ChooseAsync(connectionId, other);
        Assert.Equal(2, fixture.Cloud.Subscriptions.Count(s => s.User == user));

        using var deselected = await owner.Browser.PutJsonAsync(
            $"/api/calendars/connections/{connectionId}/calendars",
            new { calendars = new[] { new { externalId = other.Id, selected = false } } }
        );
        Assert.Equal(HttpStatusCode.OK, deselected.StatusCode);
        Assert.Equal(calendar.Id, Assert.Single(fixture.Cloud.Subscriptions, s => s.User == user).CalendarId);

        using var disconnected = await owner.Browser.PostJsonAsync(
            $"/api/calendars/connections/{connectionId}/disconnect",
            new { cancelFutureAppointments = false }
        );
        Assert.Equal(HttpStatusCode.OK, disconnected.StatusCode);
        Assert.DoesNotContain(fixture.Cloud.Subscriptions, s => s.User == user);
        Assert.Empty(await LookupRowsAsync(owner));
    }

    [Fact]
    public async Task ACalendarAnotherScanHoldsIsLeftToItAndTheNotificationComesBackLater()
    {
        var (owner, user, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        await fixture.SyncAsync();
        var subscription = Assert.Single(fixture.Cloud.Subscriptions, s => s.User == user);
        var source = Assert.Single(await owner.RawRowsAsync(StorageTables.CalendarSources));
        var sources = fixture.App.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageTables.CalendarSources.Name);
        // Another instance is scanning this calendar right now.
        await sources.UpdateEntityAsync(
            new TableEntity(source.PartitionKey, source.RowKey) { ["SyncLeaseUntil"] = fixture.Clock.GetUtcNow().AddHours(3) },
            ETag.All,
            TableUpdateMode.Merge
        );
        var before = DeltaRequests(user);

        var run = await fixture
            .App.Services.GetRequiredService<GraphNotifications>()
            .RunAsync(
                new QueueInvocation(JsonSerializer.Serialize(new GraphChangeMessage(subscription.Id, false), JsonSerializerOptions.Web), "m", 1, null),
                CancellationToken.None
            );
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        await fixture.SyncAsync();

        Assert.StartsWith("Another scan holds the calendar", run, StringComparison.Ordinal);
        Assert.Equal(before, DeltaRequests(user));
        await sources.UpdateEntityAsync(
            new TableEntity(source.PartitionKey, source.RowKey) { ["SyncLeaseUntil"] = DateTimeOffset.UnixEpoch },
            ETag.All,
            TableUpdateMode.Merge
        );
        calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(2));
        Assert.True(await RunQueuedChangesAsync(subscription.Id, expected: 2) >= 2);
        Assert.Single(await owner.CalendarAppointmentsAsync());
    }

    [Fact]
    public async Task AScanANotificationAskedForThatFailsIsRetriedAndTheCalendarPolledOftenUntilItWorks()
    {
        var (owner, user, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        await fixture.SyncAsync();
        var subscription = Assert.Single(fixture.Cloud.Subscriptions, s => s.User == user);
        fixture.Cloud.DropNotifications = true;
        calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(2));
        fixture.Cloud.DropNotifications = false;
        var notifications = fixture.App.Services.GetRequiredService<GraphNotifications>();
        var message = new QueueInvocation(JsonSerializer.Serialize(new GraphChangeMessage(subscription.Id, false), JsonSerializerOptions.Web), "m", 1, null);

        fixture.Cloud.ThrottleNext(400, 0, times: 1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => notifications.RunAsync(message, CancellationToken.None));

        fixture.Clock.Advance(TimeSpan.FromMinutes(6));
        await fixture.SyncAsync();
        Assert.Single(await owner.CalendarAppointmentsAsync());
    }

    [Fact]
    public async Task ASubscriptionWhoseRowHereWasLostIsReplacedAtTheNextScan()
    {
        var (owner, user, _, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var first = Assert.Single(fixture.Cloud.Subscriptions, s => s.User == user);
        var lookups = fixture.App.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageTables.GraphSubscriptions.Name);
        await lookups.DeleteEntityAsync(first.Id, "");

        await fixture.App.Services.GetRequiredService<CalendarSync>().SyncAccountAsync(owner.AccountId, CancellationToken.None);

        var second = Assert.Single(fixture.Cloud.Subscriptions, s => s.User == user);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(second.Id, Assert.Single(await LookupRowsAsync(owner)).PartitionKey);
    }

    [Fact]
    public async Task ANotificationBodyOfAnotherShapeIsNeverA500()
    {
        using var response = await fixture.App.Client.PostAsync("/api/webhooks/graph", new StringContent("[1, 2]", Encoding.UTF8, "application/json"));
        using var empty = await fixture.App.Client.PostAsync("/api/webhooks/graph", new StringContent("", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task ClosingTheAccountDeletesItsSubscriptionsAndTheDataSummaryListsThemWithoutTheSecret()
    {
        var (owner, user, _, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        var summary = (await owner.GetJsonAsync("/api/data-summary")).GetProperty("categories").EnumerateArray();
        Assert.Equal(1, summary.Single(c => c.GetProperty("key").GetString() == "calendar-subscriptions").GetProperty("count").GetInt32());

        using var closed = await owner.Browser.DeleteJsonAsync("/api/me", new { password = Owners.Password });

        Assert.True(closed.IsSuccessStatusCode, closed.StatusCode.ToString());
        Assert.DoesNotContain(fixture.Cloud.Subscriptions, s => s.User == user);
    }

    private int DeltaRequests(FakeUser user) =>
        fixture.Cloud.GraphRequests.Count(r => r.UserOid == user.ObjectId && r.Path.Contains("delta", StringComparison.Ordinal));

    private async Task<HttpResponseMessage> NotifyAsync(string subscriptionId, string clientState)
    {
        var body = new
        {
            value = new[]
            {
                new
                {
                    subscriptionId,
                    clientState,
                    changeType = "created",
                    resource = "Users/x/Events/y",
                },
            },
        };
        return await fixture.App.Client.PostAsync("/api/webhooks/graph", JsonContent.Create(body));
    }

    private async Task<List<TableEntity>> LookupRowsAsync(Owner owner)
    {
        var table = fixture.App.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageTables.GraphSubscriptions.Name);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"AccountId eq {owner.AccountId}")))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Runs the SyncCalendarChanges function on the queue's messages for <paramref name="subscriptionId"/> as they become
    /// visible (other tests' messages are left for them), until <paramref name="expected"/> ran and a little after, so a
    /// second message would be seen. Returns how many ran.
    /// </summary>
    private async Task<int> RunQueuedChangesAsync(string subscriptionId, int expected)
    {
        var queue = new QueueClient((await AzuriteServer.SharedAsync()).ConnectionString, GraphNotifications.QueueName);
        await queue.CreateIfNotExistsAsync();
        var notifications = fixture.App.Services.GetRequiredService<GraphNotifications>();
        var ran = 0;
        var quietUntil = DateTimeOffset.UtcNow.AddSeconds(4);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (DateTimeOffset.UtcNow < deadline && (ran < expected || DateTimeOffset.UtcNow < quietUntil))
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value)
            {
                if (!message.MessageText.Contains(subscriptionId, StringComparison.Ordinal))
                {
                    continue;
                }
                await notifications.RunAsync(new QueueInvocation(message.MessageText, message.MessageId, message.DequeueCount, null), CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                ran++;
                quietUntil = DateTimeOffset.UtcNow.AddSeconds(3);
            }
            await Task.Delay(200);
        }
        return ran;
    }
}
