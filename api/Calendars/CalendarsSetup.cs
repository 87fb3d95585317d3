using ClientReminders.Calendars.Microsoft;
using ClientReminders.Security;
using ClientReminders.Storage;

namespace ClientReminders.Calendars;

public static class CalendarsSetup
{
    /// <summary>Calendar sources (Outlook through Graph), matching, the review list and the SyncCalendars timer; options from <c>Calendars</c> and <c>Graph</c>.</summary>
    public static IServiceCollection AddCalendars(this IServiceCollection services)
    {
        services.AddOptions<CalendarOptions>().BindConfiguration("Calendars").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GraphOptions>().BindConfiguration("Graph").ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<MicrosoftCloudHttp>()
            .AddSingleton<MicrosoftIdentity>()
            .AddSingleton<MicrosoftConnections>()
            .AddSingleton<ClientMatcher>()
            .AddSingleton<CalendarAppointments>()
            .AddSingleton<CalendarEventSink>()
            .AddSingleton<CalendarSources>()
            .AddSingleton<CalendarSync>()
            .AddSingleton<CalendarData>()
            .AddSingleton<CalendarAppointmentEdits>()
            .AddSingleton(new EncryptedTable(StorageTables.CalendarConnections, ["Mailbox", "TokenCache", "HomeAccountId"]))
            .AddSingleton(new EncryptedTable(StorageTables.CalendarConnectRequests, ["CodeVerifier"]))
            .AddSingleton(new EncryptedTable(StorageTables.CalendarSources, ["Name", "DeltaLink", "ResumeLink", "FeedAddress"]))
            .AddSingleton(new EncryptedTable(StorageTables.CalendarEvents, ["Subject", "Location"]));
    }
}
