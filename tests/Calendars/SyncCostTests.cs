using System.Text.RegularExpressions;
using Azure.Core.Pipeline;

namespace ClientReminders.Tests.Calendars;

/// <summary>Counts the storage requests a sync makes: every table request, and the send queue's creations and sends.</summary>
public sealed class StorageRequestCounter() : DelegatingHandler(new SocketsHttpHandler())
{
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        var sendQueue =
            path.Contains("/" + ReminderStore.QueueName, StringComparison.Ordinal) && request.Method != HttpMethod.Get && request.Method != HttpMethod.Delete;
        if (sendQueue || request.RequestUri?.Port == TablePort)
        {
            Interlocked.Increment(ref _requests);
            lock (Log)
            {
                Log.Add(request.Method + " " + Regex.Replace(path, "\\(.*", "(") + (request.RequestUri!.Query.Contains("filter") ? "?query" : ""));
            }
        }
        return base.SendAsync(request, cancellationToken);
    }

    public int TablePort { get; set; }

    public List<string> Log { get; } = [];
}

/// <summary>The calendar app with its table and queue requests counted.</summary>
public sealed class CountedCalendarApp : CalendarApp
{
    public StorageRequestCounter Storage { get; } = new();

    protected override void Configure(WebApplicationBuilder builder)
    {
        var connection = builder.Configuration[AzureClientsSetup.StorageSetting]!;
        var tables = new TableServiceClient(connection, StorageClientOptions.ForTables(new HttpClientTransport(Storage)));
        Storage.TablePort = tables.Uri.Port;
        builder.Services.AddSingleton(tables);
        builder.Services.AddSingleton(new QueueServiceClient(connection, StorageClientOptions.ForQueues(new HttpClientTransport(Storage))));
    }
}

public class SyncCostTests(CountedCalendarApp fixture) : IClassFixture<CountedCalendarApp>
{
    /// <summary>
    /// Per matched event: the client read, the appointment added, the reminder look-up and add, the reminder's days
    /// remembered, the event row written, and for a reminder due within the queue's week its message, queued mark and row in the
    /// client's conversation; the calendar's lease for the scan.
    /// Not: a send-queue creation per message, the event row, assignment and appointment read one by one, the appointment
    /// read back, or the rules once per appointment (217 requests here with the first three fixes only, about 265 before).
    /// </summary>
    [Fact]
    public async Task AFirstSyncOfTwentyMatchedEventsCostsAtMostNineStorageRequestsAnEvent()
    {
        var (owner, _, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        const int events = 20;
        for (var i = 0; i < events; i++)
        {
            calendar.Add($"Ada Lovelace session {i}", fixture.DaysAhead(2 + i % 10, 8 + i % 9));
        }
        var sync = fixture.App.Services.GetRequiredService<CalendarSync>();
        var before = fixture.Storage.Requests;
        fixture.Storage.Log.Clear();

        var outcome = await sync.SyncAccountAsync(owner.AccountId, CancellationToken.None);

        var cost = fixture.Storage.Requests - before;
        Assert.Equal(0, outcome.Failed);
        Assert.Equal(events, (await owner.CalendarAppointmentsAsync()).Count);
        Assert.True(
            // Eight an event, and since conversations one more for each reminder queued (its row in the client's conversation,
            // written when queued so sending costs nothing more) and the scan's lease on the calendar (taken and given back).
            cost <= events * 9,
            $"The first sync of {events} events made {cost} storage requests: "
                + string.Join("; ", fixture.Storage.Log.GroupBy(x => x).Select(g => g.Key + " x" + g.Count()))
        );
    }
}
