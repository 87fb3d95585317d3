using static ClientReminders.Tests.Security.SecurityTestKit;

namespace ClientReminders.Tests.Security;

public class KeyRingTests
{
    [Fact]
    public void TheMasterKeyIdIsTheFirst16HexCharactersOfItsSha256()
    {
        var master = NewMasterKey();

        var expected = Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(master)))[..16];
        Assert.Equal(expected, Ring(master).CurrentMasterKeyId);
    }

    [Fact]
    public void AWrappedKeyUnwrapsWithTheSameContext()
    {
        var ring = Ring(NewMasterKey());
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var wrapped = ring.WrapKey(dataKey, "data-key|a|1");

        Assert.Equal(dataKey, ring.UnwrapKey(wrapped, "data-key|a|1"));
        Assert.Equal(ring.CurrentMasterKeyId, KeyRing.MasterKeyIdOf(wrapped));
        Assert.DoesNotContain(Convert.ToHexString(dataKey), Convert.ToHexString(wrapped), StringComparison.Ordinal);
    }

    [Fact]
    public void WrappingTheSameKeyTwiceGivesDifferentBytes()
    {
        var ring = Ring(NewMasterKey());
        var dataKey = RandomNumberGenerator.GetBytes(32);

        Assert.NotEqual(ring.WrapKey(dataKey, "c"), ring.WrapKey(dataKey, "c"));
    }

    [Fact]
    public void AWrappedKeyDoesNotUnwrapWithAnotherContext()
    {
        var ring = Ring(NewMasterKey());
        var wrapped = ring.WrapKey(RandomNumberGenerator.GetBytes(32), "data-key|a|1");

        var error = Assert.ThrowsAny<CryptographicException>(() => ring.UnwrapKey(wrapped, "data-key|b|1"));
        Assert.Contains("another account or version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAlteredWrappedKeyDoesNotUnwrap()
    {
        var ring = Ring(NewMasterKey());
        var wrapped = ring.WrapKey(RandomNumberGenerator.GetBytes(32), "c");
        wrapped[^20] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => ring.UnwrapKey(wrapped, "c"));
    }

    [Fact]
    public void APreviousMasterKeyStillUnwrapsWhatItWrapped()
    {
        var old = NewMasterKey();
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = Ring(old).WrapKey(dataKey, "c");

        var rotated = Ring(NewMasterKey(), old);

        Assert.Equal(dataKey, rotated.UnwrapKey(wrapped, "c"));
        Assert.NotEqual(KeyRing.MasterKeyIdOf(wrapped), KeyRing.MasterKeyIdOf(rotated.WrapKey(dataKey, "c")));
    }

    [Fact]
    public void AKeyWrappedByAMasterKeyNoLongerConfiguredNamesTheMissingKey()
    {
        var old = Ring(NewMasterKey());
        var wrapped = old.WrapKey(RandomNumberGenerator.GetBytes(32), "c");

        var error = Assert.ThrowsAny<CryptographicException>(() => Ring(NewMasterKey()).UnwrapKey(wrapped, "c"));

        Assert.Contains(old.CurrentMasterKeyId, error.Message, StringComparison.Ordinal);
        Assert.Contains(KeyRing.PreviousMasterKeysSetting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SomethingThatIsNotAWrappedKeyIsRefused()
    {
        Assert.ThrowsAny<CryptographicException>(() => Ring(NewMasterKey()).UnwrapKey([9, 1, 2, 3], "c"));
    }

    [Fact]
    public void DerivedKeysAndBlindIndexesStillComeFromTheCurrentMasterKeyAlone()
    {
        var master = NewMasterKey();
        var bytes = Convert.FromBase64String(master);
        var alone = Ring(master);
        var withPrevious = Ring(master, NewMasterKey());

        var expectedKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, bytes, 32, info: Encoding.UTF8.GetBytes("purpose"));
        var expectedIndex = Convert.ToHexStringLower(
            HMACSHA256.HashData(
                HKDF.DeriveKey(HashAlgorithmName.SHA256, bytes, 32, info: Encoding.UTF8.GetBytes("blind-index:email")),
                Encoding.UTF8.GetBytes("a@example.com")
            )
        );
        Assert.Equal(expectedKey, alone.DeriveKey("purpose"));
        Assert.Equal(expectedKey, withPrevious.DeriveKey("purpose"));
        Assert.Equal(expectedIndex, withPrevious.BlindIndex("email", "a@example.com"));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void APreviousMasterKeyThatIsNotAKeyStopsTheApp(string previous)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Ring(NewMasterKey(), previous));
        Assert.Contains("Security:PreviousMasterKeys:0", error.Message, StringComparison.Ordinal);
    }
}
