using ClientReminders.Security;
using ClientReminders.Storage;

namespace ClientReminders.Appointments;

public sealed record AppointmentInput(string? ClientId, string? Start, string? End, string? TimeZone, string? Title, string? Location, string? Notes);

public sealed record AppointmentReminder(string Id, string Channel, DateTimeOffset DueAt, string Status, string? Reason);

public sealed record AppointmentResponse(
    string Id, string ClientId, string ClientName, string Start, string End, string TimeZone,
    string Title, string Location, string Notes, string Status, IReadOnlyList<AppointmentReminder> Reminders, string? Response);

public sealed record AppointmentList(IReadOnlyList<AppointmentResponse> Items);

public static class AppointmentFields
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";

    public static CipherContext Context(AppointmentEntity appointment, string field) => new(StorageTables.Appointments.Name, appointment.RowKey, field);
}
