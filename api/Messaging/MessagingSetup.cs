namespace ClientReminders.Messaging;

public static class MessagingSetup
{
    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventGridOptions>().Bind(configuration.GetSection("EventGrid"));
        return services
            .AddSingleton<ReplyRoutes>()
            .AddSingleton<DeliveryReports>()
            .AddSingleton<InboundSms>()
            .AddSingleton<Replies>()
            .AddSingleton<EventGridWebhook>()
            .AddSingleton(new EncryptedTable(StorageTables.Replies, [nameof(ReplyEntity.Text)]));
    }
}
