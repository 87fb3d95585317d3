using ClientReminders.Calendars.Microsoft;

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
            .AddSingleton<GraphSubscriptions>()
            .AddSingleton<GraphNotifications>()
            .AddSingleton<IAccountClosing, CalendarClosure>()
            .AddSingleton<CalendarData>()
            .AddSingleton<CalendarAppointmentEdits>()
            .AddSingleton(
                new EncryptedTable(
                    StorageTables.CalendarConnections,
                    [nameof(CalendarConnectionEntity.Mailbox), nameof(CalendarConnectionEntity.TokenCache), nameof(CalendarConnectionEntity.HomeAccountId)]
                )
            )
            .AddSingleton(new EncryptedTable(StorageTables.CalendarConnectRequests, [nameof(CalendarConnectRequestEntity.CodeVerifier)]))
            .AddSingleton(
                new EncryptedTable(
                    StorageTables.CalendarSources,
                    [
                        nameof(CalendarSourceEntity.Name),
                        nameof(CalendarSourceEntity.DeltaLink),
                        nameof(CalendarSourceEntity.ResumeLink),
                        nameof(CalendarSourceEntity.FeedAddress),
                    ]
                )
            )
            .AddSingleton(new EncryptedTable(StorageTables.CalendarEvents, [nameof(CalendarEventEntity.Subject), nameof(CalendarEventEntity.Location)]));
    }
}
