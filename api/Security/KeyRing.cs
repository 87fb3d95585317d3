namespace ClientReminders.Security;

/// <summary>
/// The app's master secret (Key Vault in Azure, a local key file in development, never in the data store) and the
/// purpose-bound keys derived from it, so one leaked derived key reveals nothing about the others. Older master keys
/// listed under <see cref="PreviousMasterKeysSetting"/> only unwrap data keys wrapped before a master-key rotation.
/// Blind indexes come from <see cref="BlindIndexKeySetting"/> when it is set, so rotating the master key leaves every
/// stored lookup hash (sign-in by email, duplicates, reply routes) valid; unset, they come from the master key as before.
/// </summary>
public sealed class KeyRing
{
    public const string MasterKeySetting = "Security:MasterKey";
    public const string PreviousMasterKeysSetting = "Security:PreviousMasterKeys";
    public const string BlindIndexKeySetting = "Security:BlindIndexKey";

    private const byte WrapFormat = 1;
    private const int MasterKeyIdBytes = 8;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int HeaderBytes = 1 + MasterKeyIdBytes + NonceBytes;

    private readonly byte[] _master;
    private readonly byte[] _blindIndexRoot;
    private readonly List<byte[]> _previousMasters = [];
    private readonly Dictionary<string, byte[]> _wrapKeys = new(StringComparer.Ordinal);

    public KeyRing(IConfiguration configuration)
    {
        var encoded = configuration[MasterKeySetting];
        _master =
            encoded is { Length: > 0 } && TryDecode(encoded) is { Length: >= 32 } key
                ? key
                : throw new InvalidOperationException(
                    $"'{MasterKeySetting}' must be set to at least 32 random bytes, base64-encoded. Locally scripts/run.sh creates one in .local/master.key."
                );
        _blindIndexRoot = configuration[BlindIndexKeySetting] switch
        {
            null or "" => _master,
            var value => TryDecode(value) is { Length: >= 32 } blindIndexKey
                ? blindIndexKey
                : throw new InvalidOperationException(
                    $"'{BlindIndexKeySetting}' must be at least 32 random bytes, base64-encoded (or unset to derive blind indexes from the master key)."
                ),
        };
        CurrentMasterKeyId = MasterKeyId(_master);
        _wrapKeys[CurrentMasterKeyId] = WrapKeyFrom(_master);

        foreach (var previous in configuration.GetSection(PreviousMasterKeysSetting).GetChildren())
        {
            var bytes =
                previous.Value is { Length: > 0 } value && TryDecode(value) is { Length: >= 32 } decoded
                    ? decoded
                    : throw new InvalidOperationException($"'{previous.Path}' must be a previous master key: at least 32 bytes, base64-encoded.");
            _wrapKeys.TryAdd(MasterKeyId(bytes), WrapKeyFrom(bytes));
            _previousMasters.Add(bytes);
        }
    }

    /// <summary>First 16 hex characters of the SHA-256 of the current master key: names it without revealing it.</summary>
    public string CurrentMasterKeyId { get; }

    public byte[] DeriveKey(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _master, 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>The keys <see cref="DeriveKey"/> gave under the previous master keys, to verify what was signed before a rotation.</summary>
    public IEnumerable<byte[]> DerivePreviousKeys(string purpose) =>
        _previousMasters.Select(master => HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: Encoding.UTF8.GetBytes(purpose)));

    /// <summary>
    /// A key for signatures that must outlive master-key rotations (links in emails already sent): derived from the
    /// blind-index key when one is set; without one it is <see cref="DeriveKey"/>'s.
    /// </summary>
    public byte[] DeriveLastingKey(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _blindIndexRoot, 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>A keyed hash to look a value up by without storing it in the clear.</summary>
    public string BlindIndex(string purpose, string value) =>
        Convert.ToHexStringLower(
            HMACSHA256.HashData(
                HKDF.DeriveKey(HashAlgorithmName.SHA256, _blindIndexRoot, 32, info: Encoding.UTF8.GetBytes("blind-index:" + purpose)),
                Encoding.UTF8.GetBytes(value)
            )
        );

    /// <summary>Encrypts a data key under the current master key, bound to <paramref name="context"/>: format byte, master key id, nonce, ciphertext, tag.</summary>
    public byte[] WrapKey(byte[] dataKey, string context)
    {
        ArgumentNullException.ThrowIfNull(dataKey);
        var wrapped = new byte[HeaderBytes + dataKey.Length + TagBytes];
        wrapped[0] = WrapFormat;
        Convert.FromHexString(CurrentMasterKeyId).CopyTo(wrapped, 1);
        var nonce = wrapped.AsSpan(1 + MasterKeyIdBytes, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_wrapKeys[CurrentMasterKeyId], TagBytes);
        aes.Encrypt(nonce, dataKey, wrapped.AsSpan(HeaderBytes, dataKey.Length), wrapped.AsSpan(HeaderBytes + dataKey.Length), Encoding.UTF8.GetBytes(context));
        return wrapped;
    }

    public byte[] UnwrapKey(byte[] wrapped, string context)
    {
        var masterKeyId = MasterKeyIdOf(wrapped);
        if (!_wrapKeys.TryGetValue(masterKeyId, out var wrapKey))
        {
            throw new CryptographicException(
                $"This data key was wrapped by master key {masterKeyId}, which is neither '{MasterKeySetting}' nor listed under '{PreviousMasterKeysSetting}'."
            );
        }

        var dataKey = new byte[wrapped.Length - HeaderBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(wrapKey, TagBytes);
            aes.Decrypt(
                wrapped.AsSpan(1 + MasterKeyIdBytes, NonceBytes),
                wrapped.AsSpan(HeaderBytes, dataKey.Length),
                wrapped.AsSpan(HeaderBytes + dataKey.Length),
                dataKey,
                Encoding.UTF8.GetBytes(context)
            );
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new CryptographicException(
                $"This data key does not unwrap for '{context}': it was wrapped for another account or version, or it was altered.",
                exception
            );
        }

        return dataKey;
    }

    /// <summary>The id of the master key that wrapped <paramref name="wrapped"/>.</summary>
    public static string MasterKeyIdOf(byte[] wrapped)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        return wrapped.Length > HeaderBytes + TagBytes && wrapped[0] == WrapFormat
            ? Convert.ToHexStringLower(wrapped.AsSpan(1, MasterKeyIdBytes))
            : throw new CryptographicException("This is not a wrapped data key: its format is unknown or it is truncated.");
    }

    private static string MasterKeyId(byte[] master) => Convert.ToHexStringLower(SHA256.HashData(master))[..(MasterKeyIdBytes * 2)];

    private static byte[] WrapKeyFrom(byte[] master) => HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, info: "data-key-wrap"u8.ToArray());

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
