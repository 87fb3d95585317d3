namespace ClientReminders.Calendars.Ics;

public static class IcsSetup
{
    /// <summary>
    /// The feed fetcher and its Calendars:Ics options, the owner's feed subscriptions and their sync (run by SyncCalendars);
    /// parsing and expansion are static and need no registration.
    /// </summary>
    public static IServiceCollection AddIcsFeeds(this IServiceCollection services)
    {
        services.AddOptions<IcsFeedOptions>().BindConfiguration(IcsFeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IcsFeedFetcher>();
        services.AddSingleton<IcsSubscriptions>();
        services.AddSingleton<IcsFeedSync>();
        return services;
    }
}
