using System.Buffers.Text;

namespace ClientReminders.Security;

/// <summary>Unguessable single-use secrets (session ids, emailed links): only their hash is ever stored.</summary>
public static class Tokens
{
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
