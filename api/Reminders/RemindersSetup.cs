namespace ClientReminders.Reminders;

public static class RemindersSetup
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration("Reminders").ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<ReminderStore>()
            .AddSingleton<ReminderCounts>()
            .AddSingleton<ReminderPlanner>()
            .AddSingleton<RuleService>()
            .AddSingleton<TemplateService>()
            .AddSingleton<ReminderService>()
            .AddSingleton<SendCheck>()
            .AddSingleton<ReminderComposer>()
            .AddSingleton<ReminderSender>()
            .AddSingleton<StuckReminderSweeper>()
            .AddSingleton<PlanRemindersTimer>()
            .AddSingleton<MessageUsage>()
            .AddSingleton<SendingConfigs>()
            .AddSingleton<NoticeTemplates>()
            .AddSingleton(new EncryptedTable(StorageTables.Reminders, ReminderStore.EncryptedColumns));
    }
}
