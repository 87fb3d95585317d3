using ClientReminders.Appointments;

namespace ClientReminders.Reminders;

public static class RemindersSetup
{
    public static WebApplicationBuilder AddReminders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReminderOptions>().BindConfiguration("Reminders").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReminderPlanner>()
            .AddSingleton<AppointmentService>()
            .AddSingleton<RuleService>()
            .AddSingleton<TemplateService>()
            .AddSingleton<ReminderList>()
            .AddSingleton<ReminderSender>();
        // Without an Azure Communication Services resource, reminders go to the local outbox.
        services.AddSingleton<LocalReminderOutbox>();
        services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<LocalReminderOutbox>());
        return builder;
    }
}
