namespace ClientReminders.Tests.Calendars;

public class ResumableSyncTests(CalendarApp fixture) : IClassFixture<CalendarApp>
{
    private int DeltaRequests(FakeUser user, string kind) =>
        fixture.Cloud.GraphRequests.Count(r =>
            r.UserOid == user.ObjectId && r.Path.Contains("/delta", StringComparison.Ordinal) && r.Query.Contains(kind, StringComparison.OrdinalIgnoreCase)
        );

    [Fact]
    public async Task ASyncCutShortGoesOnFromTheSavedPageAndEndsWithEveryAppointmentOnce()
    {
        var (owner, user, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        user.MaxPageSize = 10;
        for (var i = 0; i < 35; i++)
        {
            calendar.Add($"Ada Lovelace session {i}", fixture.DaysAhead(1 + i % 20, 8 + i % 9));
        }
        var sync = fixture.App.Services.GetRequiredService<CalendarSync>();
        fixture.Cloud.NextPagesBeforeFailure = 1;

        var cut = await sync.SyncAccountAsync(owner.AccountId, CancellationToken.None);

        Assert.Equal(1, cut.Failed);
        Assert.Equal(20, (await owner.CalendarAppointmentsAsync()).Count);
        var startsBefore = DeltaRequests(user, "startDateTime");

        var resumed = await sync.SyncAccountAsync(owner.AccountId, CancellationToken.None);

        Assert.Equal(0, resumed.Failed);
        Assert.Equal(startsBefore, DeltaRequests(user, "startDateTime"));
        var appointments = await owner.CalendarAppointmentsAsync();
        Assert.Equal(35, appointments.Count);
        Assert.Equal(35, appointments.Select(a => a.Id).Distinct().Count());
        Assert.All(appointments, a => Assert.Equal(AppointmentStatus.Scheduled, a.Status));

        var steady = await sync.SyncAccountAsync(owner.AccountId, CancellationToken.None);
        Assert.Equal(0, steady.Failed);
        Assert.Equal(startsBefore, DeltaRequests(user, "startDateTime"));
    }

    [Fact]
    public async Task AResumedFullResyncKeepsWhatItAppliedBeforeTheCutAndStillCancelsWhatWasDeleted()
    {
        var (owner, user, calendar, connectionId, _) = await fixture.OwnerWithCalendarAsync();
        using var _owner = owner;
        user.MaxPageSize = 10;
        var events = Enumerable.Range(0, 35).Select(i => calendar.Add($"Ada Lovelace session {i}", fixture.DaysAhead(1 + i % 20, 8 + i % 9))).ToList();
        var sync = fixture.App.Services.GetRequiredService<CalendarSync>();
        Assert.Equal(0, (await sync.SyncAccountAsync(owner.AccountId, CancellationToken.None)).Failed);
        calendar.Delete(events[0]);
        // New options make the next scan a full resync, reconciled against what was remembered.
        await owner.ChooseAsync(
            connectionId,
            calendar,
            new
            {
                matchAttendeeEmail = true,
                matchNameInSubject = true,
                matchContactInText = true,
                createClients = false,
                includeAllDay = true,
                includeFree = false,
            }
        );
        fixture.Cloud.NextPagesBeforeFailure = 1;

        Assert.Equal(1, (await sync.SyncAccountAsync(owner.AccountId, CancellationToken.None)).Failed);
        var startsBefore = DeltaRequests(user, "startDateTime");
        Assert.Equal(0, (await sync.SyncAccountAsync(owner.AccountId, CancellationToken.None)).Failed);

        // Resumed, not started again: the 20 events applied before the cut were not seen by this scan, yet stay.
        Assert.Equal(startsBefore, DeltaRequests(user, "startDateTime"));

        var appointments = await owner.CalendarAppointmentsAsync();
        Assert.Equal(35, appointments.Count);
        Assert.Equal(34, appointments.Count(a => a.Status == AppointmentStatus.Scheduled));
    }
}
