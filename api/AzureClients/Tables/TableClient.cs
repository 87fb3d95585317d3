using System.Text.Json;
using Azure;
using ClientReminders.AzureClients.Storage;

namespace ClientReminders.AzureClients.Tables;

public class TableClient
{
    private readonly StoragePipeline pipeline;
    private readonly string serviceUrl;
    private readonly string tableUrl;

    public TableClient(string connectionString, string tableName)
        : this(connectionString, tableName, null)
    {
    }

    public TableClient(string connectionString, string tableName, TableClientOptions? options)
        : this(TableServiceClient.CreatePipeline(StorageConnectionString.Parse(connectionString), options, out var serviceUrl), serviceUrl, tableName)
    {
    }

    internal TableClient(StoragePipeline pipeline, string serviceUrl, string tableName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        this.pipeline = pipeline;
        this.serviceUrl = serviceUrl;
        Name = tableName;
        tableUrl = $"{serviceUrl}/{Uri.EscapeDataString(tableName)}";
    }

    public string Name { get; }

    public Uri Uri => new(tableUrl);

    public static string CreateQueryFilter(FormattableString filter) => TableQueryFilter.Create(filter);

    public virtual async Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name });
        var request = TableRequests.Create(HttpMethod.Post, new Uri($"{serviceUrl}/Tables"));
        request.Headers.TryAddWithoutValidation("Prefer", "return-no-content");
        request.Content = TableRequests.Json(body);
        var response = await pipeline.SendAsync(request, cancellationToken);
        return response.Status < 400 || response.Status == 409
            ? Response.FromValue(new TableItem(Name), (Response)response)
            : throw StorageErrors.ToException(response);
    }

    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        var request = TableRequests.Create(HttpMethod.Delete, new Uri($"{serviceUrl}/Tables('{Uri.EscapeDataString(Name)}')"));
        var response = await pipeline.SendAsync(request, cancellationToken);
        return response.Status < 400 || response.Status == 404 ? response : throw StorageErrors.ToException(response);
    }

    public virtual async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        await pipeline.SendExpectingSuccessAsync(TableRequests.Create(HttpMethod.Post, new Uri(tableUrl), entity), cancellationToken);

    public virtual async Task<Response> UpsertEntityAsync<T>(
        T entity,
        TableUpdateMode mode = TableUpdateMode.Merge,
        CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        await pipeline.SendExpectingSuccessAsync(
            TableRequests.Create(Method(mode), EntityUri(entity.PartitionKey, entity.RowKey), entity),
            cancellationToken);

    public virtual async Task<Response> UpdateEntityAsync<T>(
        T entity,
        ETag ifMatch,
        TableUpdateMode mode = TableUpdateMode.Merge,
        CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        await pipeline.SendExpectingSuccessAsync(
            TableRequests.Create(Method(mode), EntityUri(entity.PartitionKey, entity.RowKey), entity, IfMatchOrAll(ifMatch)),
            cancellationToken);

    public virtual async Task<Response> DeleteEntityAsync(
        string partitionKey,
        string rowKey,
        ETag ifMatch = default,
        CancellationToken cancellationToken = default)
    {
        var request = TableRequests.Create(HttpMethod.Delete, EntityUri(partitionKey, rowKey), ifMatch: IfMatchOrAll(ifMatch));
        var response = await pipeline.SendAsync(request, cancellationToken);
        var missingAndUnconditional = response.Status == 404 && ifMatch == default;
        return response.Status < 400 || missingAndUnconditional ? response : throw StorageErrors.ToException(response);
    }

    public virtual async Task<Response<T>> GetEntityAsync<T>(
        string partitionKey,
        string rowKey,
        IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var response = await pipeline.SendExpectingSuccessAsync(GetRequest(partitionKey, rowKey, select), cancellationToken);
        return Response.FromValue(ReadEntity<T>(response), (Response)response);
    }

    public virtual async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(
        string partitionKey,
        string rowKey,
        IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var response = await pipeline.SendAsync(GetRequest(partitionKey, rowKey, select), cancellationToken);
        return response.Status switch
        {
            404 => new StorageNullableResponse<T>(null, response),
            < 400 => new StorageNullableResponse<T>(ReadEntity<T>(response), response),
            _ => throw StorageErrors.ToException(response),
        };
    }

    public virtual AsyncPageable<T> QueryAsync<T>(
        string? filter = null,
        int? maxPerPage = null,
        IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new() =>
        new TableQueryPageable<T>(pipeline, tableUrl, filter, maxPerPage, select, cancellationToken);

    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(
        IEnumerable<TableTransactionAction> transactionActions,
        CancellationToken cancellationToken = default)
    {
        var actions = transactionActions.ToList();
        if (actions.Count is 0 or > TableConstants.MaxTransactionActions)
        {
            throw new ArgumentException(
                $"A transaction holds 1 to {TableConstants.MaxTransactionActions} actions; this one has {actions.Count}.",
                nameof(transactionActions));
        }

        if (actions.Select(action => action.Entity.PartitionKey).Distinct().Count() > 1)
        {
            throw new ArgumentException("All actions of a transaction must share one partition key.", nameof(transactionActions));
        }

        var request = TableTransactionBatch.CreateRequest(serviceUrl, tableUrl, actions);
        var response = await pipeline.SendExpectingSuccessAsync(request, cancellationToken);
        return Response.FromValue(TableTransactionBatch.ReadResponse(response), (Response)response);
    }

    private Uri EntityUri(string partitionKey, string rowKey) => new($"{tableUrl}{TableRequests.EntityPath(partitionKey, rowKey)}");

    private HttpRequestMessage GetRequest(string partitionKey, string rowKey, IEnumerable<string>? select)
    {
        var query = select is null ? "" : $"?$select={Uri.EscapeDataString(string.Join(',', select))}";
        return TableRequests.Create(HttpMethod.Get, new Uri($"{EntityUri(partitionKey, rowKey)}{query}"));
    }

    private static T ReadEntity<T>(StorageResponse response) where T : class, ITableEntity, new()
    {
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        return TableEntityJson.Deserialize<T>(document.RootElement);
    }

    private static HttpMethod Method(TableUpdateMode mode) => mode == TableUpdateMode.Replace ? HttpMethod.Put : Merge;

    private static ETag IfMatchOrAll(ETag ifMatch) => ifMatch == default ? ETag.All : ifMatch;

    private static readonly HttpMethod Merge = new("MERGE");
}
