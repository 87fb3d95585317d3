using System.Net.Mail;

namespace ClientReminders.Support;

public static class SupportSetup
{
    /// <summary>The support form's service; options from <c>Support</c>. Needs an <see cref="Email.IEmailSender"/> (<c>AddEmail</c>).</summary>
    public static IServiceCollection AddSupport(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<SupportOptions>()
            .Bind(configuration.GetSection(SupportOptions.Section))
            .Validate(o => MailAddress.TryCreate(o.Address, out _), $"{SupportOptions.Section}:Address must be an email address.")
            .ValidateOnStart();
        return services.AddSingleton<SupportService>();
    }
}
