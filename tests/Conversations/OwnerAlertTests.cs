using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Messaging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClientReminders.Tests.Conversations;

public class OwnerAlertTests(MessagingApp fixture) : IClassFixture<MessagingApp>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task AlertsAreBatchedAtMostOneEmailPerIntervalEachEventOnceWhateverRunsThem()
    {
        using var owner = await Owner.SignUpAsync(App);
        var clientId = (await owner.AddClientAsync("Ann Archer", Texting.NewMobile())).GetProperty("id").GetString()!;
        var account = (await App.Services.GetRequiredService<AccountStore>().GetAsync(owner.AccountId, CancellationToken.None))!;
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var alerts = ActivatorUtilities.CreateInstance<OwnerAlerts>(App.Services, clock);

        await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.FreeText, clientId, "first", clock.GetUtcNow()), CancellationToken.None);
        await alerts.RunAsync(owner.AccountId, CancellationToken.None);
        Assert.Single(AlertKit.EmailsTo(App, owner.Email));

        clock.Advance(TimeSpan.FromMinutes(1));
        var appointment = new OwnerAlert(AlertKind.Rearrange, clientId, "second", clock.GetUtcNow(), "appt-1", "2026-12-09T10:30", "link");
        await alerts.RaiseAsync(account, appointment, CancellationToken.None);
        await alerts.RaiseAsync(account, appointment, CancellationToken.None);
        await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.Stop, clientId, "third", clock.GetUtcNow()), CancellationToken.None);
        await alerts.RunAsync(owner.AccountId, CancellationToken.None);
        Assert.Single(AlertKit.EmailsTo(App, owner.Email));

        clock.Advance(TimeSpan.FromMinutes(14));
        await Task.WhenAll(alerts.RunAsync(owner.AccountId, CancellationToken.None), alerts.RunAsync(owner.AccountId, CancellationToken.None));
        await alerts.RunAsync(owner.AccountId, CancellationToken.None);

        var emails = AlertKit.EmailsTo(App, owner.Email);
        Assert.Equal(2, emails.Count);
        Assert.Equal("2 updates from your clients", emails[1].Message.Subject);
        Assert.Contains(
            "Ann Archer needs to rearrange their appointment on Wednesday 9 December 2026 at 10:30 (from the link in a message).",
            emails[1].Message.Text,
            StringComparison.Ordinal
        );
        Assert.Contains("Ann Archer replied STOP", emails[1].Message.Text, StringComparison.Ordinal);
        Assert.Contains("/appointments/appt-1", emails[1].Message.Text, StringComparison.Ordinal);
        Assert.Contains("at most once every 15 minutes", emails[1].Message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ann", emails[1].Message.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(await RawRows.OfAccountAsync(App, StorageTables.OwnerAlerts, owner.AccountId), r =>
            r.RowKey.StartsWith(OwnerAlertEntity.Prefix, StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task TheFirstEventAfterAQuietSpellIsScheduledAtOnceAndTheNextForWhenTheIntervalEnds()
    {
        using var owner = await Owner.SignUpAsync(App);
        var clientId = (await owner.AddClientAsync("Bo Batch", Texting.NewMobile())).GetProperty("id").GetString()!;
        var account = (await App.Services.GetRequiredService<AccountStore>().GetAsync(owner.AccountId, CancellationToken.None))!;
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var alerts = ActivatorUtilities.CreateInstance<OwnerAlerts>(App.Services, clock);
        var state = async () =>
            (await RawRows.OfAccountAsync(App, StorageTables.OwnerAlerts, owner.AccountId)).Single(r => r.RowKey == OwnerAlertStateEntity.Row);

        await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.FreeText, clientId, "a", clock.GetUtcNow()), CancellationToken.None);
        Assert.Equal(clock.GetUtcNow(), (await state()).GetDateTimeOffset(nameof(OwnerAlertStateEntity.PendingFor)));
        await alerts.RunAsync(owner.AccountId, CancellationToken.None);
        Assert.Null((await state()).GetDateTimeOffset(nameof(OwnerAlertStateEntity.PendingFor)));

        var sentAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(3));
        await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.FreeText, clientId, "b", clock.GetUtcNow()), CancellationToken.None);

        Assert.Equal(sentAt.AddMinutes(15), (await state()).GetDateTimeOffset(nameof(OwnerAlertStateEntity.PendingFor)));
    }

    [Fact]
    public async Task APendingBatchThatRunsTooEarlyQueuesItselfAgainInsteadOfStopping()
    {
        using var owner = await Owner.SignUpAsync(App);
        var clientId = (await owner.AddClientAsync("Di Early", Texting.NewMobile())).GetProperty("id").GetString()!;
        var account = (await App.Services.GetRequiredService<AccountStore>().GetAsync(owner.AccountId, CancellationToken.None))!;
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var alerts = ActivatorUtilities.CreateInstance<OwnerAlerts>(App.Services, clock);
        await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.FreeText, clientId, "one", clock.GetUtcNow()), CancellationToken.None);
        await alerts.RunAsync(owner.AccountId, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.FreeText, clientId, "two", clock.GetUtcNow()), CancellationToken.None);
        var queuedBefore = (await StateAsync(owner)).GetDateTimeOffset(nameof(OwnerAlertStateEntity.LastQueuedAt));

        // The owner lengthened the interval, or the message came early: the batch it carried is not due yet.
        clock.Advance(TimeSpan.FromMinutes(2));
        await alerts.RunAsync(owner.AccountId, CancellationToken.None);

        Assert.Equal(clock.GetUtcNow(), (await StateAsync(owner)).GetDateTimeOffset(nameof(OwnerAlertStateEntity.LastQueuedAt)));
        Assert.NotEqual(queuedBefore, clock.GetUtcNow());
        Assert.Single(AlertKit.EmailsTo(App, owner.Email));
    }

    [Fact]
    public async Task AnEventRaisedAgainAfterItsScheduleWasLostIsScheduled()
    {
        using var owner = await Owner.SignUpAsync(App);
        var clientId = (await owner.AddClientAsync("Ed Lost", Texting.NewMobile())).GetProperty("id").GetString()!;
        var account = (await App.Services.GetRequiredService<AccountStore>().GetAsync(owner.AccountId, CancellationToken.None))!;
        var alerts = App.Services.GetRequiredService<OwnerAlerts>();
        var alert = new OwnerAlert(AlertKind.Rearrange, clientId, "answer-appt-rearrange", DateTimeOffset.UtcNow, "appt", "2026-12-20T09:00", "link");
        await alerts.RaiseAsync(account, alert, CancellationToken.None);
        // As if the first attempt had written the event and failed before scheduling it.
        var table = App.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageTables.OwnerAlerts.Name);
        await table.DeleteEntityAsync(owner.AccountId, OwnerAlertStateEntity.Row);

        await alerts.RaiseAsync(account, alert, CancellationToken.None);

        Assert.NotNull((await StateAsync(owner)).GetDateTimeOffset(nameof(OwnerAlertStateEntity.PendingFor)));
    }

    [Fact]
    public async Task AnEmailListingOneMoreEventIsNotTakenForARepeatOfTheLast()
    {
        using var owner = await Owner.SignUpAsync(App);
        var clientId = (await owner.AddClientAsync("Flo Fresh", Texting.NewMobile())).GetProperty("id").GetString()!;
        var account = (await App.Services.GetRequiredService<AccountStore>().GetAsync(owner.AccountId, CancellationToken.None))!;
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var alerts = ActivatorUtilities.CreateInstance<OwnerAlerts>(App.Services, clock);
        await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.FreeText, clientId, "a", clock.GetUtcNow()), CancellationToken.None);
        var table = App.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageTables.OwnerAlerts.Name);
        var waiting = (await table.GetEntityAsync<TableEntity>(owner.AccountId, OwnerAlertEntity.Prefix + "a")).Value;
        await alerts.RunAsync(owner.AccountId, CancellationToken.None);
        // As if deleting the emailed event had failed: it is still there when the next event comes.
        await table.UpsertEntityAsync(waiting, TableUpdateMode.Replace);
        clock.Advance(TimeSpan.FromMinutes(1));
        await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.Stop, clientId, "b", clock.GetUtcNow()), CancellationToken.None);

        clock.Advance(TimeSpan.FromMinutes(15));
        await alerts.RunAsync(owner.AccountId, CancellationToken.None);

        var emails = AlertKit.EmailsTo(App, owner.Email);
        Assert.Equal(2, emails.Count);
        Assert.Contains("Flo Fresh replied STOP", emails[1].Message.Text, StringComparison.Ordinal);
    }

    private async Task<TableEntity> StateAsync(Owner owner) =>
        (await RawRows.OfAccountAsync(App, StorageTables.OwnerAlerts, owner.AccountId)).Single(r => r.RowKey == OwnerAlertStateEntity.Row);

    [Fact]
    public async Task TheOwnerChoosesWhichEventsAlertAndHowOften()
    {
        using var owner = await Owner.SignUpAsync(App);
        var defaults = await owner.GetJsonAsync("/api/settings/alerts");
        Assert.Equal(
            (true, true, true, true, false, 15),
            (
                defaults.GetProperty("rearrange").GetBoolean(),
                defaults.GetProperty("cancellation").GetBoolean(),
                defaults.GetProperty("freeText").GetBoolean(),
                defaults.GetProperty("stop").GetBoolean(),
                defaults.GetProperty("confirmation").GetBoolean(),
                defaults.GetProperty("everyMinutes").GetInt32()
            )
        );

        using var saved = await owner.Browser.PutJsonAsync("/api/settings/alerts", new { stop = false, everyMinutes = 60 });
        using var refused = await owner.Browser.PutJsonAsync("/api/settings/alerts", new { everyMinutes = 7 });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var kept = await owner.GetJsonAsync("/api/settings/alerts");
        Assert.Equal(
            (false, true, 60),
            (kept.GetProperty("stop").GetBoolean(), kept.GetProperty("freeText").GetBoolean(), kept.GetProperty("everyMinutes").GetInt32())
        );
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotEmpty(ClientsApiTests.Errors(await Owners.JsonAsync(refused), "everyMinutes"));

        var clientId = (await owner.AddClientAsync("Cy Quiet", Texting.NewMobile())).GetProperty("id").GetString()!;
        var account = (await App.Services.GetRequiredService<AccountStore>().GetAsync(owner.AccountId, CancellationToken.None))!;
        var alerts = App.Services.GetRequiredService<OwnerAlerts>();
        await alerts.RaiseAsync(account, new OwnerAlert(AlertKind.Stop, clientId, "unwanted", DateTimeOffset.UtcNow), CancellationToken.None);
        Assert.Equal("Nothing is waiting.", await alerts.RunAsync(owner.AccountId, CancellationToken.None));
        Assert.Empty(AlertKit.EmailsTo(App, owner.Email));
    }

    [Fact]
    public async Task ConversationsAreDeletedTwelveMonthsAfterTheirLatestMessage()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        await Texting.DeliverAsync(App, Texting.SmsReceived(texted.Mobile, "Running ten minutes late"));
        // The sent reminder's and the later one's rows (written when queued), the reply's, the thread and the reply itself.
        var service = App.Services.GetRequiredService<TableServiceClient>();
        StorageTable[] tables = [StorageTables.Conversations, StorageTables.ConversationThreads, StorageTables.Replies];
        async Task<int> RowsAsync() => (await Task.WhenAll(tables.Select(t => RawRows.OfAccountAsync(App, t, owner.AccountId)))).Sum(r => r.Count);
        Assert.Equal(5, await RowsAsync());

        await new RetentionPurge(service, tables, new ManualTimeProvider(DateTimeOffset.UtcNow.AddDays(364)), NullLogger<RetentionPurge>.Instance).RunAsync(
            CancellationToken.None
        );
        Assert.Equal(5, await RowsAsync());
        await new RetentionPurge(service, tables, new ManualTimeProvider(DateTimeOffset.UtcNow.AddDays(366)), NullLogger<RetentionPurge>.Instance).RunAsync(
            CancellationToken.None
        );
        Assert.Equal(0, await RowsAsync());
    }
}
