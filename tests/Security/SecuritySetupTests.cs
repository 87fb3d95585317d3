namespace ClientReminders.Tests.Security;

public class SecuritySetupTests
{
    [Fact]
    public async Task TheAppResolvesFieldEncryptionOnceRegisteredAndEncryptsWithTheRealTables()
    {
        await using var app = await TestApp.StartAsync(configure: builder => builder.Services.AddFieldEncryption());
        var cipher = app.Services.GetRequiredService<FieldCipher>();
        var account = Guid.NewGuid().ToString("N");
        var context = new CipherContext("Clients", "c1", "Name");

        var encrypted = await cipher.EncryptAsync(account, context, "Ada", CancellationToken.None);

        Assert.Equal("Ada", await cipher.DecryptAsync(account, context, encrypted, CancellationToken.None));
        Assert.Same(app.Services.GetRequiredService<DataKeyStore>(), app.Services.GetRequiredService<DataKeyStore>());
        Assert.Equal(0, await app.Services.GetRequiredService<Reencryption>().ReencryptAccountAsync(account, CancellationToken.None));
    }
}
