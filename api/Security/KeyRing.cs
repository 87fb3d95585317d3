using System.Security.Cryptography;
using System.Text;

namespace ClientReminders.Security;

/// <summary>
/// The app's master secret (Key Vault in Azure, a local key file in development, never in the data store) and the
/// purpose-bound keys derived from it, so one leaked derived key reveals nothing about the others.
/// </summary>
public sealed class KeyRing
{
    public const string MasterKeySetting = "Security:MasterKey";

    private readonly byte[] _master;

    public KeyRing(IConfiguration configuration)
    {
        var encoded = configuration[MasterKeySetting];
        _master = encoded is { Length: > 0 } && TryDecode(encoded) is { Length: >= 32 } key
            ? key
            : throw new InvalidOperationException($"'{MasterKeySetting}' must be set to at least 32 random bytes, base64-encoded. Locally scripts/run.sh creates one in .local/master.key.");
    }

    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>A keyed hash to look a value up by without storing it in the clear.</summary>
    public string BlindIndex(string purpose, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(DeriveKey("blind-index:" + purpose), Encoding.UTF8.GetBytes(value)));

    private static byte[]? TryDecode(string encoded)
    {
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
