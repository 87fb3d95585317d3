using System.Text;
using System.Web;

namespace ClientReminders.AzureClients.Storage;

public sealed class QueueSharedKeyAuthenticator(SharedKeyCredential credential) : IStorageRequestAuthenticator
{
    public ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = request.Content?.Headers;
        var contentLength = content?.ContentLength is > 0 and var length ? length.ToString() : "";
        var stringToSign = new StringBuilder()
            .Append(request.Method.Method).Append('\n')
            .Append(Join(content?.ContentEncoding)).Append('\n')
            .Append(Join(content?.ContentLanguage)).Append('\n')
            .Append(contentLength).Append('\n')
            .Append(content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : "").Append('\n')
            .Append(content?.ContentType?.ToString() ?? "").Append('\n')
            .Append('\n')
            .Append(Header(request, "If-Modified-Since")).Append('\n')
            .Append(Header(request, "If-Match")).Append('\n')
            .Append(Header(request, "If-None-Match")).Append('\n')
            .Append(Header(request, "If-Unmodified-Since")).Append('\n')
            .Append(Header(request, "Range")).Append('\n')
            .Append(CanonicalizedHeaders(request))
            .Append(CanonicalizedResource(request.RequestUri!))
            .ToString();

        request.Headers.Authorization = null;
        request.Headers.TryAddWithoutValidation("Authorization", credential.AuthorizationHeader(stringToSign));
        return ValueTask.CompletedTask;
    }

    private static string Join(IEnumerable<string>? values) => values is null ? "" : string.Join(',', values);

    private static string Header(HttpRequestMessage request, string name) =>
        request.Headers.NonValidated.TryGetValues(name, out var values) ? string.Join(',', values) : "";

    private static string CanonicalizedHeaders(HttpRequestMessage request) => string.Concat(request.Headers.NonValidated
        .Where(header => header.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
        .Select(header => (Name: header.Key.ToLowerInvariant(), Value: string.Join(',', header.Value).Trim()))
        .OrderBy(header => header.Name, StringComparer.Ordinal)
        .Select(header => $"{header.Name}:{header.Value}\n"));

    private string CanonicalizedResource(Uri uri)
    {
        var query = HttpUtility.ParseQueryString(uri.Query);
        var parameters = query.AllKeys
            .OfType<string>()
            .Select(name => (Name: name.ToLowerInvariant(), Values: query.GetValues(name)!.Order(StringComparer.Ordinal)))
            .OrderBy(parameter => parameter.Name, StringComparer.Ordinal)
            .Select(parameter => $"\n{parameter.Name}:{string.Join(',', parameter.Values)}");
        return credential.CanonicalizedPath(uri) + string.Concat(parameters);
    }
}
