namespace ClientReminders.AzureClients.Communication;

/// <summary>Signs each attempt with the ACS HMAC-SHA256 scheme over verb, path and query, x-ms-date, host and body hash.</summary>
public sealed class HmacAuthenticator(AzureKeyCredential credential) : IRequestAuthenticator
{
    public const string ContentHashHeader = "x-ms-content-sha256";

    public async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        var date = request.Headers.NonValidated.TryGetValues("x-ms-date", out var dates) ? dates.ToString() : "";
        var uri = request.RequestUri!;
        var stringToSign = StringToSign(request.Method.Method, uri.PathAndQuery, date, uri.Authority, contentHash);

        request.Headers.Remove(ContentHashHeader);
        request.Headers.TryAddWithoutValidation(ContentHashHeader, contentHash);
        request.Headers.Authorization = null;
        request.Headers.TryAddWithoutValidation("Authorization", AuthorizationHeader(credential.Key, stringToSign));
    }

    public static string StringToSign(string method, string pathAndQuery, string date, string host, string contentHash) =>
        $"{method}\n{pathAndQuery}\n{date};{host};{contentHash}";

    public static string AuthorizationHeader(string accessKey, string stringToSign)
    {
        var signature = HMACSHA256.HashData(Convert.FromBase64String(accessKey), Encoding.UTF8.GetBytes(stringToSign));
        return $"HMAC-SHA256 SignedHeaders=x-ms-date;host;{ContentHashHeader}&Signature={Convert.ToBase64String(signature)}";
    }
}
