namespace ClientReminders.Appointments;

public static class AppointmentsSetup
{
    public static IServiceCollection AddAppointments(this IServiceCollection services) =>
        services
            .AddSingleton<AppointmentService>()
            .AddSingleton<CalendarFiles>()
            .AddSingleton(new EncryptedTable(StorageTables.Appointments, AppointmentFields.EncryptedColumns));
}
