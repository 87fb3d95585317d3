using Azure.Identity;
using ClientReminders.Appointments;
using ClientReminders.AzureClients.Communication.Email;
using ClientReminders.AzureClients.Communication.Sms;

namespace ClientReminders.Reminders;

public static class RemindersSetup
{
    public static WebApplicationBuilder AddReminders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReminderOptions>().BindConfiguration("Reminders").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReminderStore>()
            .AddSingleton<ReminderPlanner>()
            .AddSingleton<AppointmentService>()
            .AddSingleton<CalendarFiles>()
            .AddSingleton<RuleService>()
            .AddSingleton<TemplateService>()
            .AddSingleton<ReminderList>()
            .AddSingleton<ReminderSender>()
            .AddSingleton<StuckReminderSweeper>()
            .AddSingleton<PlanRemindersTimer>()
            .AddSingleton<MessageUsage>()
            .AddSingleton<SendingConfigs>()
            .AddSingleton(new Security.EncryptedTable(Storage.StorageTables.Appointments, [nameof(AppointmentEntity.Title), nameof(AppointmentEntity.Location), nameof(AppointmentEntity.Notes)]))
            .AddSingleton(new Security.EncryptedTable(Storage.StorageTables.Reminders, ReminderStore.EncryptedColumns));
        var acs = builder.Configuration.GetSection("Acs").Get<AcsOptions>() ?? new AcsOptions();
        if (acs.IsConfigured)
        {
            services.AddOptions<AcsOptions>().BindConfiguration("Acs")
                .Validate(o => !string.IsNullOrWhiteSpace(o.SmsFrom), AcsOptions.MissingSender(nameof(AcsOptions.SmsFrom), "the ACS phone number SMS reminders are sent from, in E.164 form (+14255550123)"))
                .Validate(o => !string.IsNullOrWhiteSpace(o.EmailFrom), AcsOptions.MissingSender(nameof(AcsOptions.EmailFrom), "the sender address of the ACS Email domain (DoNotReply@…)"))
                .ValidateOnStart();
            services.AddSingleton(_ => acs.ConnectionString is { Length: > 0 } cs ? new SmsClient(cs) : new SmsClient(acs.Endpoint!, new DefaultAzureCredential()));
            services.AddSingleton(_ => acs.ConnectionString is { Length: > 0 } cs ? new EmailClient(cs) : new EmailClient(acs.Endpoint!, new DefaultAzureCredential()));
            services.AddSingleton<IMessageSender, AcsMessageSender>();
        }
        else
        {
            // Without an Azure Communication Services resource (the local default), reminders go to the local outbox.
            services.AddSingleton<LocalReminderOutbox>();
            services.AddSingleton<IMessageSender>(sp => sp.GetRequiredService<LocalReminderOutbox>());
        }
        return builder;
    }
}
