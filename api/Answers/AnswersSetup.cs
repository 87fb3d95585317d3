namespace ClientReminders.Answers;

public static class AnswersSetup
{
    public static IServiceCollection AddAnswers(this IServiceCollection services) =>
        services.AddSingleton<AnswerTokens>().AddSingleton<AnswerLinks>().AddSingleton<AnswerService>().AddSingleton<AppointmentResponder>();
}
