using System.Text.Json;
using Azure;
using ClientReminders.AzureClients.Storage;

namespace ClientReminders.AzureClients.Tables;

internal sealed class TableItemPageable(StoragePipeline pipeline, string serviceUrl, string? filter, int? maxPerPage, CancellationToken cancellationToken)
    : AsyncPageable<TableItem>(cancellationToken)
{
    public override async IAsyncEnumerable<Page<TableItem>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        do
        {
            var response = await pipeline.SendExpectingSuccessAsync(
                TableRequests.Create(HttpMethod.Get, PageUri(continuationToken, pageSizeHint ?? maxPerPage)),
                CancellationToken);
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            var values = document.RootElement.GetProperty("value")
                .EnumerateArray()
                .Select(table => new TableItem(table.GetProperty("TableName").GetString()!))
                .ToList();
            continuationToken = response.Header("x-ms-continuation-NextTableName");
            yield return Page<TableItem>.FromValues(values, continuationToken, response);
        }
        while (continuationToken is not null);
    }

    private Uri PageUri(string? continuationToken, int? top)
    {
        var query = new List<string>();
        Add("$filter", filter);
        Add("$top", top?.ToString());
        Add("NextTableName", continuationToken);
        return new Uri($"{serviceUrl}/Tables{(query.Count == 0 ? "" : "?" + string.Join('&', query))}");

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }
}
