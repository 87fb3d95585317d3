namespace ClientReminders.Accounts;

public static class PasswordsSetup
{
    /// <summary>The password hasher (options from <c>Security:Passwords</c>) and the password policy.</summary>
    public static IServiceCollection AddPasswordHashing(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<PasswordHashingOptions>()
            .Bind(configuration.GetSection(PasswordHashingOptions.Section))
            .Validate(o => o.Iterations >= 1, $"{PasswordHashingOptions.Section}:Iterations must be at least 1.")
            .ValidateOnStart();
        return services.AddSingleton<PasswordHasher>().AddSingleton<PasswordPolicy>();
    }
}
