using System.Buffers.Text;

namespace ClientReminders.Messaging;

/// <summary>
/// Signed unsubscribe tokens under a key derived for "unsubscribe" that outlives master-key rotations. They never expire,
/// as an unsubscribe link in an old email must keep working; links signed under a master key before a rotation still
/// read while that key is listed as a previous one. Version 2, for the usual 32-hex-digit ids, is 60 characters: base64url
/// of a version byte, both ids' 16 bytes and the first 12 bytes of the HMAC (96 bits: no one guesses that). Version 1,
/// base64url of "1|accountId|clientId|HMAC" (~150 characters), is still written for other ids and read for old emails.
/// </summary>
public sealed class UnsubscribeTokens(KeyRing keys)
{
    private const string Version = "1";
    private const byte CompactVersion = 2;
    private const int MaxTokenLength = 512;
    private const string Purpose = "unsubscribe";

    private readonly IdPairTokens _compact = new(keys, Purpose, CompactVersion);
    private readonly byte[] _key = keys.DeriveLastingKey(Purpose);
    private readonly byte[][] _accepted = IdPairTokens.AcceptedKeys(keys, Purpose);

    public string Create(string accountId, string clientId)
    {
        if (accountId.Contains('|', StringComparison.Ordinal) || clientId.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("Account and client ids cannot contain '|'.");
        }
        if (_compact.TryCreate(accountId, clientId) is { } compact)
        {
            return Base64Url.EncodeToString(compact);
        }
        return CreateLong(accountId, clientId);
    }

    /// <summary>A version 1 token, as emails sent before version 2 carry.</summary>
    internal string CreateLong(string accountId, string clientId)
    {
        var payload = $"{Version}|{accountId}|{clientId}";
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{payload}|{Base64Url.EncodeToString(Sign(payload))}"));
    }

    public bool TryRead(string? token, out string accountId, out string clientId)
    {
        (accountId, clientId) = ("", "");
        if (token is not { Length: > 0 and <= MaxTokenLength } || !Base64Url.IsValid(token))
        {
            return false;
        }
        string text;
        try
        {
            var bytes = Base64Url.DecodeFromChars(token);
            if (bytes is [CompactVersion, ..])
            {
                return _compact.TryRead(bytes, out accountId, out clientId);
            }
            text = Encoding.UTF8.GetString(bytes);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return false;
        }
        var parts = text.Split('|');
        if (
            parts is not [Version, { Length: > 0 } account, { Length: > 0 } client, { Length: > 0 } signature]
            || !Base64Url.IsValid(signature, out var signatureLength)
            || signatureLength != HMACSHA256.HashSizeInBytes
        )
        {
            return false;
        }
        var payload = Encoding.UTF8.GetBytes($"{Version}|{account}|{client}");
        var given = Base64Url.DecodeFromChars(signature);
        if (!IdPairTokens.SignedByAny(_accepted, payload, given))
        {
            return false;
        }
        (accountId, clientId) = (account, client);
        return true;
    }

    private byte[] Sign(string payload) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload));
}
