namespace ClientReminders.Security;

public static class SecuritySetup
{
    /// <summary>Per-account data keys, field encryption and re-encryption; needs KeyRing and TableClients (AddAccounts registers them).</summary>
    public static IServiceCollection AddFieldEncryption(this IServiceCollection services)
    {
        services.AddSingleton<DataKeyStore>();
        services.AddSingleton<FieldCipher>();
        services.AddSingleton<Reencryption>();
        services.AddSingleton<KeyRotation>();
        return services;
    }

    /// <summary>The ReencryptAccount queue function and the RewrapDataKeys timer.</summary>
    public static void MapKeyRotation(this IEndpointRouteBuilder app) => KeyRotation.MapReencryption(app);
}
