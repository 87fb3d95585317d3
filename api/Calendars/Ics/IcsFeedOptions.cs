namespace ClientReminders.Calendars.Ics;

/// <summary>Settings under Calendars:Ics.</summary>
public sealed class IcsFeedOptions
{
    public const string Section = "Calendars:Ics";

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 200L * 1024 * 1024)]
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>More occurrences than this in a sync window fail the feed (see <see cref="IcsExpansionOptions.MaxOccurrences"/>).</summary>
    [Range(1, 1_000_000)]
    public int MaxOccurrences { get; set; } = 5_000;

    /// <summary>Feeds one account may subscribe to.</summary>
    [Range(1, 100)]
    public int MaxFeedsPerAccount { get; set; } = 10;

    /// <summary>
    /// Tests only: host names (as written in the address) that may be fetched over plain http and at loopback or private
    /// addresses. Empty by default, and it must stay empty in production.
    /// </summary>
    public List<string> AllowedTestHosts { get; set; } = [];
}
