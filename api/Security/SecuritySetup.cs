using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClientReminders.Security;

public static class SecuritySetup
{
    /// <summary>Per-account data keys, field encryption and re-encryption; needs KeyRing and Tables (AddAccounts registers them).</summary>
    public static IServiceCollection AddFieldEncryption(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DataKeyStore>();
        services.AddSingleton<FieldCipher>();
        services.AddSingleton<Reencryption>();
        return services;
    }
}
