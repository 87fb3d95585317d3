using Microsoft.Extensions.Configuration;
using static ClientReminders.Tests.Security.SecurityTestKit;

namespace ClientReminders.Tests.Security;

public class BlindIndexKeyTests
{
    [Fact]
    public void WithoutABlindIndexKeyIndexesComeFromTheMasterKeyAsBefore()
    {
        var master = NewMasterKey();
        var expected = Convert.ToHexStringLower(
            HMACSHA256.HashData(
                HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(master), 32, info: "blind-index:account-email"u8.ToArray()),
                Encoding.UTF8.GetBytes("jane@example.com")
            )
        );

        Assert.Equal(expected, Ring(master).BlindIndex("account-email", "jane@example.com"));
    }

    [Fact]
    public void WithABlindIndexKeyRotatingTheMasterKeyKeepsEveryIndex()
    {
        var blindIndexKey = NewMasterKey();
        var (oldMaster, newMaster) = (NewMasterKey(), NewMasterKey());
        var before = RingWith(oldMaster, blindIndexKey);
        var after = RingWith(newMaster, blindIndexKey, previousMasterKey: oldMaster);

        Assert.Equal(before.BlindIndex("account-email", "jane@example.com"), after.BlindIndex("account-email", "jane@example.com"));
        Assert.NotEqual(Ring(oldMaster).BlindIndex("account-email", "jane@example.com"), Ring(newMaster).BlindIndex("account-email", "jane@example.com"));
        Assert.NotEqual(before.DeriveKey("csrf"), after.DeriveKey("csrf"));
    }

    [Fact]
    public void ABlindIndexKeyIsNotTheMasterKeysIndexesUnderAnotherName()
    {
        var master = NewMasterKey();

        Assert.NotEqual(
            Ring(master).BlindIndex("client-mobile", "a|+447700900123"),
            RingWith(master, NewMasterKey()).BlindIndex("client-mobile", "a|+447700900123")
        );
    }

    [Fact]
    public void AShortOrMalformedBlindIndexKeyIsRefusedAtStart()
    {
        var tooShort = Assert.Throws<InvalidOperationException>(() => RingWith(NewMasterKey(), Convert.ToBase64String(new byte[16])));
        var notBase64 = Assert.Throws<InvalidOperationException>(() => RingWith(NewMasterKey(), "not base64!"));

        Assert.Contains(KeyRing.BlindIndexKeySetting, tooShort.Message);
        Assert.Contains(KeyRing.BlindIndexKeySetting, notBase64.Message);
    }

    private static KeyRing RingWith(string master, string blindIndexKey, string? previousMasterKey = null)
    {
        var settings = new Dictionary<string, string?> { [KeyRing.MasterKeySetting] = master, [KeyRing.BlindIndexKeySetting] = blindIndexKey };
        if (previousMasterKey is not null)
        {
            settings[$"{KeyRing.PreviousMasterKeysSetting}:0"] = previousMasterKey;
        }
        return new KeyRing(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }
}
