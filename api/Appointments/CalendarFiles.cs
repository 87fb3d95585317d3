using System.Buffers.Text;

namespace ClientReminders.Appointments;

/// <summary>
/// The "add to my calendar" link in reminder emails: a signed link to the appointment as an iCalendar file, read afresh
/// each time (a moved appointment gives its new time, a cancelled one says so), holding only what the account's privacy
/// choices let reminders show: the time, the business, and the title and location when reminders include them.
/// </summary>
public sealed class CalendarFiles(
    KeyRing keys,
    AccountStore accounts,
    AppointmentService appointments,
    ClientStore clients,
    TemplateService templates,
    FieldCipher cipher,
    IOptions<AppOptions> app,
    TimeProvider time
)
{
    public const string Path = "/api/calendar-file";

    private readonly IdPairTokens _tokens = new(keys, "calendar-file", 1);

    /// <summary>The link for one appointment, or null for ids the short token cannot carry.</summary>
    public string? LinkFor(string accountId, string appointmentId) =>
        _tokens.TryCreate(accountId, appointmentId) is { } token ? app.Value.Link($"{Path}/{Base64Url.EncodeToString(token)}") : null;

    /// <summary>The file's text, or null when the link is not valid or the appointment or account is gone.</summary>
    public async Task<string?> FileAsync(string token, CancellationToken cancellationToken)
    {
        if (
            token.Length > 100
            || !Base64Url.IsValid(token)
            || !_tokens.TryRead(Base64Url.DecodeFromChars(token), out var accountId, out var appointmentId)
            || await accounts.GetAsync(accountId, cancellationToken) is not { Status: AccountStatus.Active } account
            || await appointments.FindAsync(accountId, appointmentId, cancellationToken) is not { } appointment
            // A deleted or anonymised client's appointments are no one's to fetch: a synced title may carry their name.
            || await clients.GetAsync(accountId, appointment.ClientId, cancellationToken) is not { Status: not ClientStatus.Anonymised }
        )
        {
            return null;
        }
        var settings = await templates.GetSettingsAsync(accountId, cancellationToken);
        var title = settings.IncludeTitle ? await cipher.ReadAsync(accountId, appointment, nameof(AppointmentEntity.Title), cancellationToken) : null;
        var location = settings.IncludeLocation ? await cipher.ReadAsync(accountId, appointment, nameof(AppointmentEntity.Location), cancellationToken) : null;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(appointment.TimeZone);
        var end = ReminderTiming.ToInstant(DateTime.Parse(appointment.End, CultureInfo.InvariantCulture), zone);
        return IcsFile.Event(
            uid: $"{appointment.Id}@client-reminders",
            stamp: time.GetUtcNow(),
            start: appointment.StartUtc,
            end: end,
            summary: title is { Length: > 0 } ? $"{title} ({account.BusinessName})" : $"Appointment with {account.BusinessName}",
            location: location is { Length: > 0 } ? location : account.BusinessAddress,
            cancelled: appointment.Status != AppointmentStatus.Scheduled,
            sequence: appointment.Version
        );
    }
}

/// <summary>Writes one event as RFC 5545 text: CRLF lines folded at 75 octets, TEXT values escaped, times in UTC.</summary>
public static class IcsFile
{
    public static string Event(
        string uid,
        DateTimeOffset stamp,
        DateTimeOffset start,
        DateTimeOffset end,
        string summary,
        string? location,
        bool cancelled,
        int sequence
    )
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Client Reminders//Appointment//EN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:" + Text(uid),
            "DTSTAMP:" + Utc(stamp),
            "DTSTART:" + Utc(start),
            "DTEND:" + Utc(end > start ? end : start),
            "SEQUENCE:" + sequence.ToString(CultureInfo.InvariantCulture),
            "SUMMARY:" + Text(summary),
        };
        if (location is { Length: > 0 })
        {
            lines.Add("LOCATION:" + Text(location));
        }
        lines.AddRange(["STATUS:" + (cancelled ? "CANCELLED" : "CONFIRMED"), "END:VEVENT", "END:VCALENDAR"]);
        var file = new StringBuilder();
        foreach (var line in lines)
        {
            Fold(file, line);
        }
        return file.ToString();
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Text(string value) =>
        value
            .Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .ReplaceLineEndings("\\n");

    /// <summary>Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8 character.</summary>
    private static void Fold(StringBuilder file, string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                file.Append("\r\n ");
                octets = 1;
            }
            file.Append(rune.ToString());
            octets += size;
        }
        file.Append("\r\n");
    }
}
