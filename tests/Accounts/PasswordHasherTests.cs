namespace ClientReminders.Tests.Accounts;

public class PasswordHasherTests
{
    private static PasswordHasher Hasher(int iterations = 1_000) => new(Options.Create(new PasswordHashingOptions { Iterations = iterations }));

    [Fact]
    public void AHashVerifiesWithThePasswordItWasMadeFrom()
    {
        var hasher = Hasher();

        Assert.Equal(PasswordVerification.Succeeded, hasher.Verify("correct horse battery", hasher.Hash("correct horse battery")));
    }

    [Fact]
    public void AWrongPasswordFails()
    {
        var hasher = Hasher();

        Assert.Equal(PasswordVerification.Failed, hasher.Verify("correct horse batterY", hasher.Hash("correct horse battery")));
    }

    [Fact]
    public void AHashMadeWithFewerIterationsVerifiesButAsksToBeRehashed()
    {
        var old = Hasher(500).Hash("correct horse battery");

        Assert.Equal(PasswordVerification.SucceededRehashNeeded, Hasher(1_000).Verify("correct horse battery", old));
    }

    [Fact]
    public void AHashWithAShorterSaltVerifiesButAsksToBeRehashed()
    {
        var salt = new byte[8];
        var key = Rfc2898DeriveBytes.Pbkdf2("pw"u8.ToArray(), salt, 1_000, HashAlgorithmName.SHA256, 32);
        var stored = $"$pbkdf2-sha256$v=1$i=1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}";

        Assert.Equal(PasswordVerification.SucceededRehashNeeded, Hasher(1_000).Verify("pw", stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("$pbkdf2-sha256$v=1$i=1000$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("$pbkdf2-sha256$v=2$i=1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("$pbkdf2-sha1$v=1$i=1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("$pbkdf2-sha256$v=1$i=0$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("$pbkdf2-sha256$v=1$i=-5$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("$pbkdf2-sha256$v=1$i=99999999999$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("$pbkdf2-sha256$v=1$i=1000$not*base64$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("$pbkdf2-sha256$v=1$i=1000$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("$pbkdf2-sha256$v=1$i=1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")]
    [InlineData("$pbkdf2-sha256$v=1$i=1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=$extra")]
    [InlineData("pbkdf2-sha256$v=1$i=1000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void AMalformedStoredHashFailsWithoutThrowing(string stored)
    {
        Assert.Equal(PasswordVerification.Failed, Hasher().Verify("anything", stored));
    }

    [Fact]
    public void ANullStoredHashFailsWithoutThrowing()
    {
        Assert.Equal(PasswordVerification.Failed, Hasher().Verify("anything", null!));
    }

    [Fact]
    public void TwoHashesOfTheSamePasswordHaveDifferentSalts()
    {
        var hasher = Hasher();

        var first = PasswordHasher.Parse(hasher.Hash("same password here"))!;
        var second = PasswordHasher.Parse(hasher.Hash("same password here"))!;

        Assert.NotEqual(Convert.ToBase64String(first.Salt), Convert.ToBase64String(second.Salt));
        Assert.NotEqual(Convert.ToBase64String(first.Key), Convert.ToBase64String(second.Key));
    }

    [Fact]
    public void TheProductionDefaultIs600000IterationsA16ByteSaltAndA32ByteKey()
    {
        var stored = new PasswordHasher(Options.Create(new PasswordHashingOptions())).Hash("correct horse battery");

        var parsed = PasswordHasher.Parse(stored)!;
        Assert.StartsWith("$pbkdf2-sha256$v=1$i=600000$", stored, StringComparison.Ordinal);
        Assert.Equal((1, 600_000, 16, 32), (parsed.Version, parsed.Iterations, parsed.Salt.Length, parsed.Key.Length));
    }

    [Fact]
    public void VerifyingAgainstTheDummyAlwaysFails()
    {
        Assert.Equal(PasswordVerification.Failed, Hasher().VerifyAgainstDummy("correct horse battery"));
    }

    [Fact]
    public void TheDummyCostsWhatARealHashCostsBecauseItHasTheCurrentParameters()
    {
        var hasher = Hasher(1234);

        var dummy = PasswordHasher.Parse(hasher.DummyHash)!;

        Assert.Equal(1234, dummy.Iterations);
        Assert.Equal(PasswordHasher.SaltSize, dummy.Salt.Length);
        Assert.Equal(PasswordHasher.KeySize, dummy.Key.Length);
    }

    [Fact]
    public async Task IterationsBelowOneAreRefusedAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Security:Passwords:Iterations"] = "0";
        builder.Services.AddPasswordHashing(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Iterations", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IterationsAreReadFromSecurityPasswords()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Security:Passwords:Iterations"] = "1234";
        builder.Services.AddPasswordHashing(builder.Configuration);
        using var host = builder.Build();

        var stored = host.Services.GetRequiredService<PasswordHasher>().Hash("correct horse battery");

        Assert.Equal(1234, PasswordHasher.Parse(stored)!.Iterations);
    }
}
