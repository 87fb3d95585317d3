using Azure;
using Azure.Core;
using ClientReminders.AzureClients.Storage;

namespace ClientReminders.AzureClients.Tables;

public class TableServiceClient
{
    private readonly StoragePipeline pipeline;
    private readonly string serviceUrl;

    public TableServiceClient(string connectionString)
        : this(connectionString, null)
    {
    }

    public TableServiceClient(string connectionString, TableClientOptions? options) =>
        pipeline = CreatePipeline(StorageConnectionString.Parse(connectionString), options, out serviceUrl);

    /// <summary>A client for an account reached with a Microsoft Entra token (managed identity), as when shared-key access is disabled.</summary>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        serviceUrl = endpoint.AbsoluteUri.TrimEnd('/');
        var authenticator = new StorageTokenAuthenticator(credential, options?.TimeProvider ?? TimeProvider.System);
        pipeline = new StoragePipeline(StoragePipeline.SharedHttpClient(options), authenticator, TableConstants.ServiceVersion);
    }

    public Uri Uri => new(serviceUrl);

    public virtual TableClient GetTableClient(string tableName) => new(pipeline, serviceUrl, tableName);

    /// <summary>The account's tables, optionally filtered on <c>TableName</c> (OData, as <see cref="TableClient.CreateQueryFilter"/> builds it).</summary>
    public virtual AsyncPageable<TableItem> QueryAsync(string? filter = null, int? maxPerPage = null, CancellationToken cancellationToken = default) =>
        new TableItemPageable(pipeline, serviceUrl, filter, maxPerPage, cancellationToken);

    public virtual Task<Response<TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    public virtual Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);

    internal static StoragePipeline CreatePipeline(StorageConnectionString connection, TableClientOptions? options, out string serviceUrl)
    {
        serviceUrl = connection.TableEndpoint.AbsoluteUri.TrimEnd('/');
        var authenticator = new TableSharedKeyAuthenticator(new SharedKeyCredential(connection.AccountName, connection.AccountKey));
        return new StoragePipeline(StoragePipeline.SharedHttpClient(options), authenticator, TableConstants.ServiceVersion);
    }
}
