using System.Buffers.Text;
using ClientReminders.Tests.Security;

namespace ClientReminders.Tests.Messaging;

public class UnsubscribeTokensTests
{
    private const string AccountId = "0f8e4d3c2b1a49788a6b5c4d3e2f1a0b";
    private const string ClientId = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private static readonly UnsubscribeTokens Tokens = new(SecurityTestKit.Ring(SecurityTestKit.NewMasterKey()));

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string Decode(string token) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));

    [Fact]
    public void ATokenReadsBackAsTheAccountAndClientItWasMadeFor()
    {
        var token = Tokens.Create(AccountId, ClientId);

        Assert.True(Tokens.TryRead(token, out var accountId, out var clientId));
        Assert.Equal((AccountId, ClientId), (accountId, clientId));
        Assert.True(Base64Url.IsValid(token));
    }

    [Fact]
    public void ATokenForTheUsualIdsIsShortEnoughForAnEmailFooter()
    {
        Assert.Equal(60, Tokens.Create(AccountId, ClientId).Length);
        Assert.True(Tokens.Create("not-a-guid", ClientId).Length > 100);
        Assert.True(Tokens.TryRead(Tokens.Create("not-a-guid", ClientId), out var accountId, out _));
        Assert.Equal("not-a-guid", accountId);
    }

    [Fact]
    public void ALongTokenFromAnEmailSentBeforeShortOnesStillReads()
    {
        Assert.True(Tokens.TryRead(Tokens.CreateLong(AccountId, ClientId), out var accountId, out var clientId));
        Assert.Equal((AccountId, ClientId), (accountId, clientId));
    }

    [Fact]
    public void AShortTokenWhoseIdsWereSwappedIsRefused()
    {
        var bytes = Base64Url.DecodeFromChars(Tokens.Create(AccountId, ClientId));
        var swapped = (byte[])bytes.Clone();
        bytes.AsSpan(1, 16).CopyTo(swapped.AsSpan(17, 16));
        bytes.AsSpan(17, 16).CopyTo(swapped.AsSpan(1, 16));

        Assert.False(Tokens.TryRead(Base64Url.EncodeToString(swapped), out _, out _));
        Assert.False(Tokens.TryRead(Base64Url.EncodeToString(bytes.AsSpan(0, bytes.Length - 1)), out _, out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ATokenWithAnyByteChangedIsRefused(bool isLong)
    {
        var bytes = Base64Url.DecodeFromChars(isLong ? Tokens.CreateLong(AccountId, ClientId) : Tokens.Create(AccountId, ClientId));

        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = (byte[])bytes.Clone();
            tampered[i] ^= 0x01;
            Assert.False(Tokens.TryRead(Base64Url.EncodeToString(tampered), out _, out _), $"byte {i} changed");
        }
    }

    [Fact]
    public void ATokenWhoseIdsWereSwappedForAnotherAccountOrClientIsRefused()
    {
        var parts = Decode(Tokens.CreateLong(AccountId, ClientId)).Split('|');

        Assert.False(Tokens.TryRead(Encode($"{parts[0]}|{new string('1', 32)}|{parts[2]}|{parts[3]}"), out _, out _));
        Assert.False(Tokens.TryRead(Encode($"{parts[0]}|{parts[1]}|{new string('2', 32)}|{parts[3]}"), out _, out _));
        Assert.False(Tokens.TryRead(Encode($"{parts[0]}|{parts[2]}|{parts[1]}|{parts[3]}"), out _, out _));
    }

    [Fact]
    public void ATokenOfAnotherVersionIsRefused()
    {
        var parts = Decode(Tokens.CreateLong(AccountId, ClientId)).Split('|');

        Assert.False(Tokens.TryRead(Encode($"2|{parts[1]}|{parts[2]}|{parts[3]}"), out _, out _));
    }

    [Fact]
    public void ATokenSignedUnderAnotherMasterKeyIsRefused()
    {
        var other = new UnsubscribeTokens(SecurityTestKit.Ring(SecurityTestKit.NewMasterKey()));

        Assert.False(Tokens.TryRead(other.Create(AccountId, ClientId), out _, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("!!!!")]
    [InlineData("MXxhfGJ8")]
    [InlineData("MXx8fA")]
    public void GarbageIsRefused(string? token)
    {
        Assert.False(Tokens.TryRead(token, out var accountId, out var clientId));
        Assert.Equal(("", ""), (accountId, clientId));
    }

    [Fact]
    public void AnOverlongTokenIsRefused()
    {
        Assert.False(Tokens.TryRead(Encode($"1|{new string('a', 600)}|{ClientId}|x"), out _, out _));
    }

    [Fact]
    public void ALinkFromBeforeAMasterKeyRotationStillWorksAfterIt()
    {
        var (blindIndexKey, before, after) = (SecurityTestKit.NewMasterKey(), SecurityTestKit.NewMasterKey(), SecurityTestKit.NewMasterKey());
        var token = new UnsubscribeTokens(SecurityTestKit.RingWithBlindIndexKey(before, blindIndexKey)).Create(AccountId, ClientId);

        var rotated = new UnsubscribeTokens(SecurityTestKit.RingWithBlindIndexKey(after, blindIndexKey));

        Assert.True(rotated.TryRead(token, out var accountId, out var clientId));
        Assert.Equal((AccountId, ClientId), (accountId, clientId));
        Assert.False(new UnsubscribeTokens(SecurityTestKit.RingWithBlindIndexKey(after, SecurityTestKit.NewMasterKey())).TryRead(token, out _, out _));
    }

    [Fact]
    public void ALinkSignedUnderAPreviousMasterKeyWorksWhileThatKeyIsListed()
    {
        var (old, current) = (SecurityTestKit.NewMasterKey(), SecurityTestKit.NewMasterKey());
        var payload = $"1|{AccountId}|{ClientId}";
        var signature = HMACSHA256.HashData(SecurityTestKit.Ring(old).DeriveKey("unsubscribe"), Encoding.UTF8.GetBytes(payload));
        var token = Encode($"{payload}|{Base64Url.EncodeToString(signature)}");

        Assert.True(new UnsubscribeTokens(SecurityTestKit.RingWithBlindIndexKey(current, SecurityTestKit.NewMasterKey(), old)).TryRead(token, out _, out _));
        Assert.False(new UnsubscribeTokens(SecurityTestKit.RingWithBlindIndexKey(current, SecurityTestKit.NewMasterKey())).TryRead(token, out _, out _));
    }
}
