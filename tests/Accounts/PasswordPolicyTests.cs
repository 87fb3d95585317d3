namespace ClientReminders.Tests.Accounts;

public class PasswordPolicyTests
{
    private readonly PasswordPolicy policy = new();

    [Fact]
    public void ALongUncommonPasswordIsAccepted()
    {
        Assert.Null(policy.Check("violet tractor umbrella", "jane.doe", "Acme Plumbing"));
    }

    [Fact]
    public void ElevenCharactersAreTooFew()
    {
        Assert.Equal("Use at least 12 characters.", policy.Check("violetumbre"));
    }

    [Fact]
    public void AnEmptyPasswordIsTooShort()
    {
        Assert.Equal("Use at least 12 characters.", policy.Check(""));
    }

    [Fact]
    public void LengthCountsCharactersNotUtf16Units()
    {
        var sixEmoji = string.Concat(Enumerable.Repeat("🐙🦄", 3));

        Assert.Equal(12, sixEmoji.Length);
        Assert.Equal("Use at least 12 characters.", policy.Check(sixEmoji));
        Assert.Null(policy.Check(string.Concat(Enumerable.Repeat("🐙🦄", 6))));
    }

    [Fact]
    public void AccentedLettersCountOnceEach()
    {
        Assert.Null(policy.Check("éèêëàâäôöûüç"));
    }

    [Fact]
    public void MoreThan256CharactersAreTooMany()
    {
        Assert.Null(policy.Check(new string('x', 250) + "qwzrtp"));
        Assert.Equal("Use at most 256 characters.", policy.Check(new string('x', 250) + "qwzrtpv"));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiopas")]
    [InlineData("iloveyou1234")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("PASSWORD1234")]
    [InlineData("Qwertyuiopas")]
    public void ACommonPasswordIsRefusedWhateverItsCase(string password)
    {
        Assert.Equal("This password is too common. Choose something less predictable.", policy.Check(password));
    }

    [Fact]
    public void TheCommonListHoldsOnlyPasswordsLongEnoughToPassTheLengthRule()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("ClientReminders.Accounts.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var entries = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.InRange(entries.Length, 200, 5_000);
        Assert.All(entries, e => Assert.True(e.Length >= PasswordPolicy.MinimumLength, e));
    }

    [Theory]
    [InlineData("jane.doe", "my name is jane.doe!")]
    [InlineData("jane.doe", "JANEDOE-rules-the-world")]
    [InlineData("Acme Plumbing", "acmeplumbing2024")]
    [InlineData("Acme Plumbing", "ACME PLUMBING 2024")]
    public void APasswordContainingTheOwnersEmailNameOrBusinessNameIsRefused(string personal, string password)
    {
        Assert.Equal("Don't use your email address or business name in your password.", policy.Check(password, "other", personal));
    }

    [Fact]
    public void PersonalWordsShorterThanFourCharactersAreIgnored()
    {
        Assert.Null(policy.Check("bob went to the violet tractor", "bob", null, ""));
    }
}
