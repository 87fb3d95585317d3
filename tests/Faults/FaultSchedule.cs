namespace ClientReminders.Tests.Faults;

/// <summary>What the fake ACS does to one request for a message.</summary>
public enum AcsFault
{
    None,
    TooManyRequests,
    ServerError,
    Unavailable,
    Slow,

    /// <summary>The message is accepted (and counts as sent), then the connection drops before the answer: the dangerous case.</summary>
    DropAfterAccepting,
}

/// <summary>Where the API process dies on its way through one reminder's send.</summary>
public enum CrashPoint
{
    None,
    AfterClaim,
    AfterProviderAccepted,
    BeforeFinish,
}

/// <summary>The faults of one reminder: what ACS does to its first requests, where the process dies, whether its queue message is doubled.</summary>
public sealed record ReminderFaults(IReadOnlyList<AcsFault> AcsAttempts, CrashPoint Crash, bool DuplicateMessage);

/// <summary>
/// A seeded schedule of faults. Faults are tied to reminders and to the n-th request for a message, not to moments, so the
/// same seed injects the same faults however the run is timed; only the Azurite outages and the extra app kills are timed.
/// </summary>
public sealed record FaultSchedule(
    int Seed,
    IReadOnlyList<ReminderFaults> Reminders,
    IReadOnlyList<TimeSpan> AzuriteOutages,
    TimeSpan AzuriteOutageLength,
    IReadOnlyList<TimeSpan> AppKills,
    int MalformedMessages,
    IReadOnlySet<int> LostMessages
)
{
    private static readonly AcsFault[] AcsFaults =
    [
        AcsFault.TooManyRequests,
        AcsFault.ServerError,
        AcsFault.Unavailable,
        AcsFault.Slow,
        AcsFault.DropAfterAccepting,
    ];

    public static FaultSchedule Create(int seed, int reminders)
    {
        var random = new Random(seed);
        var crashes = new Dictionary<int, CrashPoint>();
        foreach (var (point, count) in new[] { (CrashPoint.AfterClaim, 3), (CrashPoint.AfterProviderAccepted, 3), (CrashPoint.BeforeFinish, 3) })
        {
            while (crashes.Count(c => c.Value == point) < count)
            {
                crashes.TryAdd(random.Next(reminders), point);
            }
        }
        var faults = Enumerable
            .Range(0, reminders)
            .Select(i =>
            {
                var acs =
                    random.NextDouble() < 0.35 ? Enumerable.Range(0, random.Next(1, 4)).Select(_ => AcsFaults[random.Next(AcsFaults.Length)]).ToList() : [];
                return new ReminderFaults(acs, crashes.GetValueOrDefault(i), random.NextDouble() < 0.1);
            })
            .ToList();
        // Outages and kills within the seconds most reminders fall due in, apart enough for each to be recovered from.
        var outages = new[] { TimeSpan.FromSeconds(1 + random.NextDouble() * 2), TimeSpan.FromSeconds(7 + random.NextDouble() * 3) };
        var kills = Enumerable.Range(0, 3).Select(k => TimeSpan.FromSeconds(0.5 + 4 * k + random.NextDouble() * 3)).ToList();
        // Drawn last, so the faults above stay what this seed always gave; a doubled message would recover a lost one without the sweep.
        var lost = new HashSet<int>();
        while (lost.Count < 3)
        {
            if (random.Next(reminders) is var i && !faults[i].DuplicateMessage)
            {
                lost.Add(i);
            }
        }
        return new FaultSchedule(seed, faults, outages, TimeSpan.FromSeconds(2), kills, MalformedMessages: 2, lost);
    }

    public AcsFault AcsFaultFor(int reminder, int attempt) =>
        Reminders[reminder].AcsAttempts is var attempts && attempt < attempts.Count ? attempts[attempt] : AcsFault.None;
}
