namespace ClientReminders.Calendars.Ics;

/// <summary>
/// An iCalendar feed as the owner sees it: the address only ever masked (scheme and host). <c>LastSyncAt</c> is the last attempt;
/// <c>LastSyncFailed</c> says whether it worked (<c>LastError</c> then says why, otherwise it is a note) and <c>LastSuccessAt</c> when one last did.
/// </summary>
public sealed record IcsFeedResponse(
    string Id,
    string Kind,
    string Name,
    string Address,
    MatchingSettings Matching,
    DateTimeOffset? LastSyncAt,
    string? LastError,
    DateTimeOffset? LastSuccessAt,
    bool LastSyncFailed
);

public sealed record IcsFeedInput(string? Name, string? Url, MatchingSettings? Matching);

/// <summary>Changes to a feed; what is left out stays as it is. A new url replaces the address (e.g. after the owner reset it at Google).</summary>
public sealed record IcsFeedChange(string? Name, string? Url, MatchingSettings? Matching);

public sealed record IcsFeedRemoval(bool CancelFutureAppointments);

public sealed record IcsFeedList(IReadOnlyList<IcsFeedResponse> Feeds);
