namespace ClientReminders.Retention;

public static class RetentionSetup
{
    public static IServiceCollection AddRetention(this IServiceCollection services) =>
        services.AddSingleton<IReadOnlyList<StorageTable>>(StorageTables.All).AddSingleton<RetentionPurge>();

    public static void MapRetentionPurge(this IEndpointRouteBuilder app) =>
        app.MapTimerTrigger<RetentionPurge>("RetentionPurge", async (purge, _, cancellationToken) => (await purge.RunAsync(cancellationToken)).ToString());
}
