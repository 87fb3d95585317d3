namespace ClientReminders.Appointments;

public sealed record AppointmentInput(string? ClientId, string? Start, string? End, string? TimeZone, string? Title, string? Location, string? Notes);

/// <param name="MissingContact">Skipped because the client has no mobile number or email address for it: adding one on their page sends it after all.</param>
public sealed record AppointmentReminder(
    string Id,
    ReminderChannel Channel,
    DateTimeOffset DueAt,
    ReminderStatus Status,
    string? Reason,
    bool MissingContact = false
);

/// <summary>Where a calendar appointment came from: the kind of source, the calendar's name and a link to the event there.</summary>
public sealed record AppointmentSource(string Kind, string CalendarName, string? Link);

public sealed record AppointmentResponse(
    string Id,
    string ClientId,
    string ClientName,
    string Start,
    string End,
    string TimeZone,
    string Title,
    string Location,
    string Notes,
    string Status,
    IReadOnlyList<AppointmentReminder> Reminders,
    string? Response,
    AppointmentSource? Source = null
);

public sealed record AppointmentList(IReadOnlyList<AppointmentResponse> Items);

public static class AppointmentFields
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public static CipherContext Context(AppointmentEntity appointment, string field) => new(StorageTables.Appointments.Name, appointment.RowKey, field);

    /// <summary>One encrypted column of the appointment (title, location or notes), decrypted; null when it holds nothing.</summary>
    public static ValueTask<string?> ReadAsync(
        this FieldCipher cipher,
        string accountId,
        AppointmentEntity appointment,
        string column,
        CancellationToken cancellationToken
    ) =>
        cipher.DecryptAsync(
            accountId,
            Context(appointment, column),
            column switch
            {
                nameof(AppointmentEntity.Title) => appointment.Title,
                nameof(AppointmentEntity.Location) => appointment.Location,
                nameof(AppointmentEntity.Notes) => appointment.Notes,
                _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Not an encrypted column of an appointment."),
            },
            cancellationToken
        );

    public static readonly string[] EncryptedColumns = [nameof(AppointmentEntity.Title), nameof(AppointmentEntity.Location), nameof(AppointmentEntity.Notes)];
}
