using Azure;
using ClientReminders.AzureClients.Tables;
using ClientReminders.Tests.Infrastructure;

namespace ClientReminders.Tests.AzureClients.Tables;

public sealed class TableLifecycleTests
{
    [Fact]
    public async Task TableCanBeCreatedTwiceUsedAndDeleted()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var service = new TableServiceClient(azurite.ConnectionString);
        var name = AzuriteServer.UniqueTableName("life");

        var created = await service.CreateTableIfNotExistsAsync(name);
        var again = await service.CreateTableIfNotExistsAsync(name);
        await service.GetTableClient(name).AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r" });
        await service.DeleteTableAsync(name);

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => service.GetTableClient(name).AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r" }));
        Assert.Equal((204, 409), (created.GetRawResponse().Status, again.GetRawResponse().Status));
        Assert.Equal(name, created.Value.Name);
        Assert.Equal((404, TableErrorCode.TableNotFound), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task DeletingAMissingTableIsNotAnError()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var table = new TableClient(azurite.ConnectionString, AzuriteServer.UniqueTableName("missing"));

        var response = await table.DeleteAsync();

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task RequestSignedWithAWrongKeyIsRefused()
    {
        var azurite = await AzuriteServer.SharedAsync();
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var table = new TableClient(azurite.ConnectionString.Replace(AzuriteServer.AccountKey, wrongKey), AzuriteServer.UniqueTableName("auth"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateIfNotExistsAsync());

        Assert.Equal((403, "AuthorizationFailure"), (error.Status, error.ErrorCode));
    }
}
