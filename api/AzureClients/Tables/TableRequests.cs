using System.Net.Http.Headers;
using Azure;

namespace ClientReminders.AzureClients.Tables;

internal static class TableRequests
{
    public static HttpRequestMessage Create(HttpMethod method, Uri uri, ITableEntity? entity = null, ETag? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("Accept", TableConstants.JsonAccept);
        request.Headers.TryAddWithoutValidation("DataServiceVersion", "3.0");
        request.Headers.TryAddWithoutValidation("MaxDataServiceVersion", "3.0;NetFx");
        if (entity is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "return-no-content");
            request.Content = Json(TableEntityJson.Serialize(entity));
        }

        if (ifMatch is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag.ToString());
        }

        return request;
    }

    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static string EntityPath(string partitionKey, string rowKey) =>
        $"(PartitionKey='{Key(partitionKey)}',RowKey='{Key(rowKey)}')";

    private static string Key(string key) => Uri.EscapeDataString(key.Replace("'", "''"));
}
