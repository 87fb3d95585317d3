namespace ClientReminders.Security;

/// <summary>
/// Short signed tokens naming two 32-hex-digit ids (an account and one of its rows) for one purpose, under a key that
/// outlives master-key rotations, as links in emails already sent must keep working: a version byte, both ids' 16
/// bytes and the first 12 bytes of their HMAC (96 bits: no one guesses that), 60 characters in base64url.
/// </summary>
public sealed class IdPairTokens(KeyRing keys, string purpose, byte version)
{
    private const int SignatureLength = 12;
    public const int Length = 1 + 16 + 16 + SignatureLength;

    private readonly byte _version = version;
    private readonly byte[] _key = keys.DeriveLastingKey(purpose);
    private readonly byte[][] _accepted = AcceptedKeys(keys, purpose);

    /// <summary>The keys a signature for <paramref name="purpose"/> may have been made under: the lasting one, the current and previous master keys'.</summary>
    public static byte[][] AcceptedKeys(KeyRing keys, string purpose) =>
        [keys.DeriveLastingKey(purpose), keys.DeriveKey(purpose), .. keys.DerivePreviousKeys(purpose)];

    /// <summary>Whether <paramref name="signature"/> is the start of the HMAC of <paramref name="data"/> under any key, checking every key in fixed time.</summary>
    public static bool SignedByAny(byte[][] keys, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var valid = false;
        foreach (var key in keys)
        {
            var expected = HMACSHA256.HashData(key, data);
            valid |= signature.Length <= expected.Length && CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, signature.Length), signature);
        }
        return valid;
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
        if (!SignedByAny(_accepted, token[..33], token[33..]))
        {
            return false;
        }
        (first, second) = (new Guid(token.Slice(1, 16)).ToString("N"), new Guid(token.Slice(17, 16)).ToString("N"));
        return true;
    }

    private static bool TryParse(string id, out Guid value) => Guid.TryParseExact(id, "N", out value) && value.ToString("N") == id;
}
