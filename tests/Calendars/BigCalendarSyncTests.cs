using Azure.Core.Pipeline;

namespace ClientReminders.Tests.Calendars;

/// <summary>The calendar app with a storage transport that counts the CalendarEvents requests in flight at once.</summary>
public sealed class WatchedCalendarApp : CalendarApp
{
    public InFlightCounter CalendarEventRequests { get; } =
        new(request => request.RequestUri?.AbsolutePath.Contains("/CalendarEvents(", StringComparison.Ordinal) == true);

    protected override void Configure(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton(
            new TableServiceClient(
                builder.Configuration[AzureClientsSetup.StorageSetting]!,
                StorageClientOptions.ForTables(new HttpClientTransport(CalendarEventRequests))
            )
        );
}

public sealed class InFlightCounter(Func<HttpRequestMessage, bool> counts) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _inFlight;
    private int _max;

    public int Max => Volatile.Read(ref _max);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!counts(request))
        {
            return await base.SendAsync(request, cancellationToken);
        }
        var now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, max) != max) { }
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

public class BigCalendarSyncTests(WatchedCalendarApp fixture) : IClassFixture<WatchedCalendarApp>
{
    [Fact]
    public async Task TheEventsOfAPageAreAppliedSideBySideAtMostEightAtATime()
    {
        var (owner, _, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        for (var i = 0; i < 40; i++)
        {
            calendar.Add($"Ada Lovelace session {i}", fixture.DaysAhead(1 + i % 20, 8 + i % 9));
        }

        var outcome = await fixture.App.Services.GetRequiredService<CalendarSync>().SyncAccountAsync(owner.AccountId, CancellationToken.None);

        Assert.Equal(0, outcome.Failed);
        Assert.Equal(40, (await owner.CalendarAppointmentsAsync()).Count);
        Assert.InRange(fixture.CalendarEventRequests.Max, 2, 8);
    }
}
