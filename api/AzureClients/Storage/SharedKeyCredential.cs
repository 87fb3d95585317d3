using System.Security.Cryptography;
using System.Text;

namespace ClientReminders.AzureClients.Storage;

public sealed class SharedKeyCredential(string accountName, string accountKey)
{
    private readonly byte[] key = Convert.FromBase64String(accountKey);

    public string AccountName { get; } = accountName;

    public string AuthorizationHeader(string stringToSign) =>
        $"SharedKey {AccountName}:{Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)))}";

    public string CanonicalizedPath(Uri uri) => $"/{AccountName}{uri.AbsolutePath}";
}
