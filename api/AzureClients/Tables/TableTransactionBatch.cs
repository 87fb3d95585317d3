using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using ClientReminders.AzureClients.Storage;

namespace ClientReminders.AzureClients.Tables;

// An entity group transaction: one multipart/mixed batch holding a single changeset.
internal static partial class TableTransactionBatch
{
    public static HttpRequestMessage CreateRequest(string serviceUrl, string tableUrl, IReadOnlyList<TableTransactionAction> actions)
    {
        var batchBoundary = $"batch_{Guid.NewGuid()}";
        var changesetBoundary = $"changeset_{Guid.NewGuid()}";
        var body = new StringBuilder()
            .Append($"--{batchBoundary}\r\n")
            .Append($"Content-Type: multipart/mixed; boundary={changesetBoundary}\r\n\r\n");
        for (var index = 0; index < actions.Count; index++)
        {
            AppendAction(body, changesetBoundary, tableUrl, actions[index], index);
        }

        body.Append($"--{changesetBoundary}--\r\n--{batchBoundary}--\r\n");

        var request = TableRequests.Create(HttpMethod.Post, new Uri($"{serviceUrl}/$batch"));
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToString()));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/mixed; boundary={batchBoundary}");
        return request;
    }

    private static void AppendAction(StringBuilder body, string boundary, string tableUrl, TableTransactionAction action, int index)
    {
        var entity = action.Entity;
        var entityUri = $"{tableUrl}{TableRequests.EntityPath(entity.PartitionKey, entity.RowKey)}";
        var (method, uri, ifMatch, hasBody) = action.ActionType switch
        {
            TableTransactionActionType.Add => ("POST", tableUrl, null, true),
            TableTransactionActionType.Delete => ("DELETE", entityUri, IfMatch(action.ETag), false),
            TableTransactionActionType.UpdateMerge => ("MERGE", entityUri, IfMatch(action.ETag), true),
            TableTransactionActionType.UpdateReplace => ("PUT", entityUri, IfMatch(action.ETag), true),
            TableTransactionActionType.UpsertMerge => ("MERGE", entityUri, (string?)null, true),
            TableTransactionActionType.UpsertReplace => ("PUT", entityUri, null, true),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown transaction action."),
        };

        body.Append($"--{boundary}\r\n")
            .Append("Content-Type: application/http\r\n")
            .Append("Content-Transfer-Encoding: binary\r\n\r\n")
            .Append($"{method} {uri} HTTP/1.1\r\n")
            .Append($"Accept: {TableConstants.JsonAccept}\r\n")
            .Append("DataServiceVersion: 3.0\r\n")
            .Append($"Content-ID: {index}\r\n");
        if (ifMatch is not null)
        {
            body.Append($"If-Match: {ifMatch}\r\n");
        }

        if (hasBody)
        {
            body.Append("Content-Type: application/json\r\n")
                .Append("Prefer: return-no-content\r\n\r\n")
                .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity)))
                .Append("\r\n");
        }
        else
        {
            body.Append("\r\n");
        }
    }

    private static string IfMatch(ETag etag) => etag == default ? "*" : etag.ToString();

    public static IReadOnlyList<Response> ReadResponse(StorageResponse response)
    {
        var parts = StatusLine().Matches(response.Content.ToString())
            .Select(match => new TransactionPartResponse(int.Parse(match.Groups["status"].Value), match.Groups["rest"].Value))
            .ToList();
        if (parts.FirstOrDefault(part => part.Status >= 400) is not { } failed)
        {
            return parts;
        }

        var (code, message) = ParsePartError(failed.Body);
        var failure = new RequestFailedException(
            failed.Status,
            $"Table transaction failed.\nStatus: {failed.Status} ({failed.ReasonPhrase})\nErrorCode: {code}\n\n{message}",
            code,
            null);
        throw new TableTransactionFailedException(failure, FailedIndex(message, failed));
    }

    private static (string? Code, string? Message) ParsePartError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var error = document.RootElement.GetProperty("odata.error");
            return (error.GetProperty("code").GetString(), error.GetProperty("message").GetProperty("value").GetString());
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (null, body);
        }
    }

    private static int? FailedIndex(string? message, TransactionPartResponse failed)
    {
        if (message is not null && IndexPrefix().Match(message) is { Success: true } prefix)
        {
            return int.Parse(prefix.Groups[1].Value);
        }

        return failed.Headers.TryGetValue("Content-ID", out var contentId) && int.TryParse(contentId, out var index) ? index : null;
    }

    [GeneratedRegex(@"^HTTP/1\.1 (?<status>\d{3})(?<rest>.*?)(?=^--)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex IndexPrefix();
}
