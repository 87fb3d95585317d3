using System.Text.Json;
using Azure;
using ClientReminders.AzureClients.Storage;

namespace ClientReminders.AzureClients.Tables;

internal sealed class TableQueryPageable<T>(
    StoragePipeline pipeline,
    string tableUrl,
    string? filter,
    int? maxPerPage,
    IEnumerable<string>? select,
    CancellationToken cancellationToken) : AsyncPageable<T>(cancellationToken) where T : class, ITableEntity, new()
{
    private readonly string? selectClause = select is null ? null : string.Join(',', select);

    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        do
        {
            var response = await pipeline.SendExpectingSuccessAsync(
                TableRequests.Create(HttpMethod.Get, PageUri(continuationToken, pageSizeHint ?? maxPerPage)),
                CancellationToken);
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            var values = document.RootElement.GetProperty("value")
                .EnumerateArray()
                .Select(TableEntityJson.Deserialize<T>)
                .ToList();
            continuationToken = ContinuationToken(response);
            yield return Page<T>.FromValues(values, continuationToken, response);
        }
        while (continuationToken is not null);
    }

    private Uri PageUri(string? continuationToken, int? top)
    {
        var query = new List<string>();
        Add("$filter", filter);
        Add("$top", top?.ToString());
        Add("$select", selectClause);
        if (continuationToken?.Split(' ', 2) is [var nextPartitionKey, .. var rest])
        {
            Add("NextPartitionKey", nextPartitionKey);
            Add("NextRowKey", rest.FirstOrDefault());
        }

        return new Uri($"{tableUrl}(){(query.Count == 0 ? "" : "?" + string.Join('&', query))}");

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    private static string? ContinuationToken(StorageResponse response) =>
        response.Header("x-ms-continuation-NextPartitionKey") is { } nextPartitionKey
            ? $"{nextPartitionKey} {response.Header("x-ms-continuation-NextRowKey")}".TrimEnd()
            : null;
}
