using System.Web;

namespace ClientReminders.AzureClients.Storage;

public sealed class TableSharedKeyAuthenticator(SharedKeyCredential credential) : IStorageRequestAuthenticator
{
    public ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var comp = HttpUtility.ParseQueryString(uri.Query)["comp"];
        var stringToSign = string.Join('\n',
            request.Method.Method,
            request.Content?.Headers.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : "",
            request.Content?.Headers.ContentType?.ToString() ?? "",
            request.Headers.GetValues("x-ms-date").Single(),
            credential.CanonicalizedPath(uri) + (comp is null ? "" : $"?comp={comp}"));

        request.Headers.Authorization = null;
        request.Headers.TryAddWithoutValidation("Authorization", credential.AuthorizationHeader(stringToSign));
        return ValueTask.CompletedTask;
    }
}
