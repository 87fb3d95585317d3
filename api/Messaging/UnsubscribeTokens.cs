using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ClientReminders.Security;

namespace ClientReminders.Messaging;

/// <summary>
/// Signed unsubscribe tokens: base64url of "version|accountId|clientId|HMAC" under a key derived for "unsubscribe".
/// They never expire, as an unsubscribe link in an old email must keep working.
/// </summary>
public sealed class UnsubscribeTokens(KeyRing keys)
{
    private const string Version = "1";
    private const int MaxTokenLength = 512;

    private readonly byte[] _key = keys.DeriveKey("unsubscribe");

    public string Create(string accountId, string clientId)
    {
        if (accountId.Contains('|', StringComparison.Ordinal) || clientId.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("Account and client ids cannot contain '|'.");
        }
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
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return false;
        }
        var parts = text.Split('|');
        if (parts is not [Version, { Length: > 0 } account, { Length: > 0 } client, { Length: > 0 } signature]
            || !Base64Url.IsValid(signature, out var signatureLength) || signatureLength != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }
        var expected = Sign($"{Version}|{account}|{client}");
        if (!CryptographicOperations.FixedTimeEquals(expected, Base64Url.DecodeFromChars(signature)))
        {
            return false;
        }
        (accountId, clientId) = (account, client);
        return true;
    }

    private byte[] Sign(string payload) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload));
}
