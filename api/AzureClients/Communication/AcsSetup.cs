using Azure.Identity;
using ClientReminders.AzureClients.Communication.Email;
using ClientReminders.AzureClients.Communication.Sms;

namespace ClientReminders.AzureClients.Communication;

public static class AcsSetup
{
    public const string Section = "Acs";

    /// <summary>
    /// With Azure Communication Services configured (<c>Acs:*</c>): its options, checked at start, both clients, and the
    /// reminder and email senders over them. Without it (the local default): reminders to the local outbox, owners' emails to
    /// the dev outbox (<see cref="EmailSetup.AddEmail"/> registers it).
    /// </summary>
    public static IServiceCollection AddCommunication(this IServiceCollection services, IConfiguration configuration)
    {
        var acs = configuration.GetSection(Section).Get<AcsOptions>() ?? new AcsOptions();
        if (!acs.IsConfigured)
        {
            return services
                .AddSingleton<LocalReminderOutbox>()
                .AddSingleton<IMessageSender>(sp => sp.GetRequiredService<LocalReminderOutbox>())
                .AddSingleton<IEmailSender>(sp => sp.GetRequiredService<DevOutbox>());
        }
        services
            .AddOptions<AcsOptions>()
            .BindConfiguration(Section)
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.SmsFrom),
                AcsOptions.MissingSender(nameof(AcsOptions.SmsFrom), "the ACS phone number SMS reminders are sent from, in E.164 form (+14255550123)")
            )
            .Validate(
                o => !string.IsNullOrWhiteSpace(o.EmailFrom),
                AcsOptions.MissingSender(nameof(AcsOptions.EmailFrom), "the sender address of the ACS Email domain (DoNotReply@…)")
            )
            .ValidateOnStart();
        return services
            .AddSingleton(_ => acs.ConnectionString is { Length: > 0 } cs ? new SmsClient(cs) : new SmsClient(acs.Endpoint!, new DefaultAzureCredential()))
            .AddSingleton(_ => acs.ConnectionString is { Length: > 0 } cs ? new EmailClient(cs) : new EmailClient(acs.Endpoint!, new DefaultAzureCredential()))
            .AddSingleton<IMessageSender, AcsMessageSender>()
            .AddSingleton<IEmailSender, AcsEmailSender>();
    }
}
