using System.Security.Cryptography;

namespace ClientReminders.Security;

/// <summary>
/// Short signed tokens naming two 32-hex-digit ids (an account and one of its rows) for one purpose, under a key that
/// outlives master-key rotations, as links in emails already sent must keep working: a version byte, both ids' 16
/// bytes and the first 12 bytes of their HMAC (96 bits: no one guesses that), 60 characters in base64url.
/// </summary>
public sealed class IdPairTokens
{
    private const int SignatureLength = 12;
    public const int Length = 1 + 16 + 16 + SignatureLength;

    private readonly byte _version;
    private readonly byte[] _key;
    private readonly byte[][] _accepted;

    public IdPairTokens(KeyRing keys, string purpose, byte version)
    {
        _version = version;
        _key = keys.DeriveLastingKey(purpose);
        _accepted = [_key, keys.DeriveKey(purpose), .. keys.DerivePreviousKeys(purpose)];
    }

    /// <summary>The token's bytes, or null when an id is not 32 lowercase hex digits.</summary>
    public byte[]? TryCreate(string first, string second)
    {
        if (!TryParse(first, out var a) || !TryParse(second, out var b))
        {
            return null;
        }
        var token = new byte[Length];
        token[0] = _version;
        a.TryWriteBytes(token.AsSpan(1, 16));
        b.TryWriteBytes(token.AsSpan(17, 16));
        HMACSHA256.HashData(_key, token.AsSpan(0, 33)).AsSpan(0, SignatureLength).CopyTo(token.AsSpan(33));
        return token;
    }

    public bool TryRead(ReadOnlySpan<byte> token, out string first, out string second)
    {
        (first, second) = ("", "");
        if (token.Length != Length || token[0] != _version)
        {
            return false;
        }
        var valid = false;
        foreach (var key in _accepted)
        {
            valid |= CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, token[..33]).AsSpan(0, SignatureLength), token[33..]);
        }
        if (!valid)
        {
            return false;
        }
        (first, second) = (new Guid(token.Slice(1, 16)).ToString("N"), new Guid(token.Slice(17, 16)).ToString("N"));
        return true;
    }

    private static bool TryParse(string id, out Guid value) => Guid.TryParseExact(id, "N", out value) && value.ToString("N") == id;
}
