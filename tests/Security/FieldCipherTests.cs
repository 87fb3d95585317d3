using static ClientReminders.Tests.Security.SecurityTestKit;

namespace ClientReminders.Tests.Security;

public class FieldCipherTests
{
    private static readonly CipherContext Name = new("Clients", "client-1", "Name");

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("")]
    [InlineData("Zoë 👩🏽‍⚕️ Ñúñez 🎉")]
    [InlineData("מרים כהן")]
    [InlineData("محمد عبد الله")]
    [InlineData("+447700900123")]
    public async Task AValueComesBackAsItWent(string plaintext)
    {
        var (cipher, _) = await NewCipherAsync();
        var account = NewAccount();

        var encrypted = await cipher.EncryptAsync(account, Name, plaintext, CancellationToken.None);

        Assert.StartsWith("e1.1.", encrypted, StringComparison.Ordinal);
        Assert.Equal(plaintext, await cipher.DecryptAsync(account, Name, encrypted, CancellationToken.None));
    }

    [Fact]
    public async Task NullStaysNullBothWays()
    {
        var (cipher, _) = await NewCipherAsync();

        Assert.Null(await cipher.EncryptAsync(NewAccount(), Name, null, CancellationToken.None));
        Assert.Null(await cipher.DecryptAsync(NewAccount(), Name, null, CancellationToken.None));
    }

    [Fact]
    public async Task ValuesOfAccountsInterleavedOnManyThreadsEachDecryptUnderTheirOwnKey()
    {
        var (cipher, _) = await NewCipherAsync();
        var accounts = Enumerable.Range(0, 4).Select(_ => NewAccount()).ToArray();
        var values = accounts.Select(account => Enumerable.Range(0, 50).Select(i => $"{account}-{i}").ToArray()).ToArray();

        var encrypted = await Task.WhenAll(
            Enumerable
                .Range(0, 200)
                .Select(i => Task.Run(async () => await cipher.EncryptAsync(accounts[i % 4], Name, values[i % 4][i / 4], CancellationToken.None)))
        );
        var decrypted = await Task.WhenAll(
            Enumerable.Range(0, 200).Select(i => Task.Run(async () => await cipher.DecryptAsync(accounts[i % 4], Name, encrypted[i], CancellationToken.None)))
        );

        Assert.Equal(Enumerable.Range(0, 200).Select(i => values[i % 4][i / 4]), decrypted);
        await Assert.ThrowsAsync<CryptographicException>(async () => await cipher.DecryptAsync(accounts[1], Name, encrypted[0], CancellationToken.None));
    }

    [Fact]
    public async Task TwoEncryptionsOfTheSameValueDiffer()
    {
        var (cipher, _) = await NewCipherAsync();
        var account = NewAccount();

        var first = await cipher.EncryptAsync(account, Name, "Ada", CancellationToken.None);
        var second = await cipher.EncryptAsync(account, Name, "Ada", CancellationToken.None);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task TheTextFormIsVersionThenBase64UrlOfNonceCiphertextAndTag()
    {
        var (cipher, _) = await NewCipherAsync();

        var encrypted = await cipher.EncryptAsync(NewAccount(), Name, "Ada", CancellationToken.None);

        Assert.Matches("^e1\\.1\\.[A-Za-z0-9_-]+$", encrypted);
        Assert.Equal(12 + 3 + 16, System.Buffers.Text.Base64Url.DecodeFromChars(encrypted!.AsSpan(5)).Length);
    }

    public static TheoryData<string, CipherContext> ElsewhereThanItWasWritten =>
        new()
        {
            { "same", new CipherContext("Clients", "client-2", "Name") },
            { "same", new CipherContext("Clients", "client-1", "Email") },
            { "same", new CipherContext("Imports", "client-1", "Name") },
            { "other", Name },
        };

    [Theory]
    [MemberData(nameof(ElsewhereThanItWasWritten))]
    public async Task AValueMovedToAnotherRowFieldTableOrAccountDoesNotDecrypt(string whichAccount, CipherContext elsewhere)
    {
        var (cipher, _) = await NewCipherAsync();
        var (account, other) = (NewAccount(), NewAccount());
        await cipher.EncryptAsync(other, Name, "their client", CancellationToken.None);
        var encrypted = await cipher.EncryptAsync(account, Name, "Ada", CancellationToken.None);

        var target = whichAccount == "same" ? account : other;

        await Assert.ThrowsAnyAsync<CryptographicException>(() => cipher.DecryptAsync(target, elsewhere, encrypted, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ATamperedValueDoesNotDecrypt()
    {
        var (cipher, _) = await NewCipherAsync();
        var account = NewAccount();
        var encrypted = await cipher.EncryptAsync(account, Name, "Ada Lovelace", CancellationToken.None);
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(encrypted!.AsSpan(5));
        bytes[14] ^= 0x01;
        var tampered = "e1.1." + System.Buffers.Text.Base64Url.EncodeToString(bytes);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => cipher.DecryptAsync(account, Name, tampered, CancellationToken.None).AsTask());
    }

    [Theory]
    [InlineData("Ada Lovelace")]
    [InlineData("e2.1.AAAA")]
    [InlineData("e1.x.AAAA")]
    [InlineData("e1.0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("e1.1.")]
    [InlineData("e1.1.AAAA")]
    [InlineData("e1.1.not*base64url")]
    public async Task AMalformedValueIsAFormatError(string malformed)
    {
        var (cipher, _) = await NewCipherAsync();

        await Assert.ThrowsAsync<FormatException>(() => cipher.DecryptAsync(NewAccount(), Name, malformed, CancellationToken.None).AsTask());
    }

    [Theory]
    [InlineData("e1.1.abc", 1)]
    [InlineData("e1.42.abc", 42)]
    [InlineData("e1.0.abc", null)]
    [InlineData("e1..abc", null)]
    [InlineData("e1.-1.abc", null)]
    [InlineData("Ada", null)]
    [InlineData(null, null)]
    public void KeyVersionOfReadsTheVersionOfOurValuesOnly(string? ciphertext, int? version)
    {
        Assert.Equal(version, FieldCipher.KeyVersionOf(ciphertext));
    }

    [Fact]
    public async Task AfterADataKeyRotationNewValuesUseTheNewVersionAndOldOnesStillDecrypt()
    {
        var (cipher, store) = await NewCipherAsync();
        var account = NewAccount();
        var old = await cipher.EncryptAsync(account, Name, "Ada", CancellationToken.None);

        await store.RotateAsync(account, CancellationToken.None);
        var fresh = await cipher.EncryptAsync(account, Name, "Grace", CancellationToken.None);

        Assert.Equal(1, FieldCipher.KeyVersionOf(old));
        Assert.Equal(2, FieldCipher.KeyVersionOf(fresh));
        Assert.Equal("Ada", await cipher.DecryptAsync(account, Name, old, CancellationToken.None));
        Assert.Equal("Grace", await cipher.DecryptAsync(account, Name, fresh, CancellationToken.None));
    }

    [Fact]
    public async Task AfterAMasterKeyRotationAndRewrapValuesStillDecryptWithThePreviousKeyRemoved()
    {
        var table = NewDataKeysTable();
        var (oldMaster, newMaster) = (NewMasterKey(), NewMasterKey());
        var account = NewAccount();
        var encrypted = await new FieldCipher(await StoreAsync(Ring(oldMaster), table)).EncryptAsync(account, Name, "Ada", CancellationToken.None);

        await (await StoreAsync(Ring(newMaster, oldMaster), table)).RewrapAllAsync(CancellationToken.None);

        var restarted = new FieldCipher(await StoreAsync(Ring(newMaster), table));
        Assert.Equal("Ada", await restarted.DecryptAsync(account, Name, encrypted, CancellationToken.None));
    }

    [Fact]
    public async Task AfterAMasterKeyRotationValuesStillDecryptWhileThePreviousKeyIsListed()
    {
        var table = NewDataKeysTable();
        var (oldMaster, newMaster) = (NewMasterKey(), NewMasterKey());
        var account = NewAccount();
        var encrypted = await new FieldCipher(await StoreAsync(Ring(oldMaster), table)).EncryptAsync(account, Name, "Ada", CancellationToken.None);

        var restarted = new FieldCipher(await StoreAsync(Ring(newMaster, oldMaster), table));

        Assert.Equal("Ada", await restarted.DecryptAsync(account, Name, encrypted, CancellationToken.None));
    }

    [Fact]
    public async Task AfterAMasterKeyRotationWithoutThePreviousKeyOrARewrapNothingDecrypts()
    {
        var table = NewDataKeysTable();
        var account = NewAccount();
        var encrypted = await new FieldCipher(await StoreAsync(Ring(NewMasterKey()), table)).EncryptAsync(account, Name, "Ada", CancellationToken.None);

        var restarted = new FieldCipher(await StoreAsync(Ring(NewMasterKey()), table));

        var error = await Assert.ThrowsAnyAsync<CryptographicException>(() =>
            restarted.DecryptAsync(account, Name, encrypted, CancellationToken.None).AsTask()
        );
        Assert.Contains(KeyRing.PreviousMasterKeysSetting, error.Message, StringComparison.Ordinal);
    }

    private static async Task<(FieldCipher Cipher, DataKeyStore Store)> NewCipherAsync()
    {
        var store = await StoreAsync(Ring(NewMasterKey()), NewDataKeysTable());
        return (new FieldCipher(store), store);
    }
}
