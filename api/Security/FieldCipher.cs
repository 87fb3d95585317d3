using System.Buffers.Text;

namespace ClientReminders.Security;

/// <summary>Where an encrypted value lives; it is bound into the ciphertext, so a value moved anywhere else fails to decrypt.</summary>
public sealed record CipherContext(string Table, string RowKey, string Field);

/// <summary>
/// Encrypts personal data fields with the account's current data key: AES-256-GCM, a fresh 96-bit nonce per value,
/// the account, table, row and field as associated data. Text form: <c>e1.{keyVersion}.{base64url(nonce|ciphertext|tag)}</c>.
/// </summary>
public sealed class FieldCipher(DataKeyStore keys)
{
    private const string Prefix = "e1.";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public async ValueTask<string?> EncryptAsync(string accountId, CipherContext context, string? plaintext, CancellationToken cancellationToken)
    {
        if (plaintext is null)
        {
            return null;
        }

        var associatedData = AssociatedData(accountId, context);
        var key = await keys.GetCurrentAsync(accountId, cancellationToken);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        AesFor(key.Key).Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), associatedData);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{key.Version}.{Base64Url.EncodeToString(sealedBytes)}");
    }

    public async ValueTask<string?> DecryptAsync(string accountId, CipherContext context, string? ciphertext, CancellationToken cancellationToken)
    {
        if (ciphertext is null)
        {
            return null;
        }

        var (version, sealedBytes) = Parse(ciphertext);
        var associatedData = AssociatedData(accountId, context);
        var key = await keys.GetAsync(accountId, version, cancellationToken);
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        try
        {
            AesFor(key.Key)
                .Decrypt(
                    sealedBytes.AsSpan(0, NonceBytes),
                    sealedBytes.AsSpan(NonceBytes, plain.Length),
                    sealedBytes.AsSpan(NonceBytes + plain.Length),
                    plain,
                    associatedData
                );
        }
        catch (AuthenticationTagMismatchException exception)
        {
            throw new CryptographicException(
                $"The value in {context.Table}/{context.RowKey}/{context.Field} does not decrypt: it was altered or belongs to another account, row or field.",
                exception
            );
        }
        return Encoding.UTF8.GetString(plain);
    }

    [ThreadStatic]
    private static byte[]? t_key;

    [ThreadStatic]
    private static AesGcm? t_aes;

    /// <summary>
    /// This thread's AesGcm for the key it used last (an instance is not safe across threads): setting one up per value, a key
    /// import and a new OpenSSL context, cost more than the value's encryption. The key store hands out one array per key version.
    /// </summary>
    private static AesGcm AesFor(byte[] key)
    {
        if (t_aes is null || !ReferenceEquals(t_key, key))
        {
            t_aes?.Dispose();
            t_aes = new AesGcm(key, TagBytes);
            t_key = key;
        }
        return t_aes;
    }

    /// <summary>The data key version that encrypted <paramref name="ciphertext"/>, or null when it is not one of our values.</summary>
    public static int? KeyVersionOf(string? ciphertext) =>
        ciphertext is not null
        && ciphertext.StartsWith(Prefix, StringComparison.Ordinal)
        && ciphertext.IndexOf('.', Prefix.Length) is > 0 and var dot
        && int.TryParse(ciphertext.AsSpan(Prefix.Length, dot - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
        && version >= 1
            ? version
            : null;

    private static (int Version, byte[] Sealed) Parse(string ciphertext)
    {
        if (KeyVersionOf(ciphertext) is not { } version)
        {
            throw new FormatException("This is not an encrypted field value: it should look like e1.{version}.{data}.");
        }

        var data = ciphertext.AsSpan(ciphertext.IndexOf('.', Prefix.Length) + 1);
        if (!Base64Url.IsValid(data, out var length) || length < NonceBytes + TagBytes)
        {
            throw new FormatException("This encrypted field value is truncated or not base64url.");
        }
        return (version, Base64Url.DecodeFromChars(data));
    }

    private static byte[] AssociatedData(string accountId, CipherContext context)
    {
        DataKeyStore.CheckAccountId(accountId);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(context.Table);
        ArgumentNullException.ThrowIfNull(context.RowKey);
        ArgumentException.ThrowIfNullOrEmpty(context.Field);
        if (context.Table.Contains('|') || context.Field.Contains('|'))
        {
            throw new ArgumentException("Table and field names cannot contain '|'.", nameof(context));
        }
        return Encoding.UTF8.GetBytes($"{accountId}|{context.Table}|{context.RowKey}|{context.Field}");
    }
}
