namespace ClientReminders.Messaging;

public static class UnsubscribeSetup
{
    public static IServiceCollection AddUnsubscribe(this IServiceCollection services) =>
        services.AddSingleton<UnsubscribeTokens>().AddSingleton<UnsubscribeLinks>().AddSingleton<UnsubscribeService>();
}
