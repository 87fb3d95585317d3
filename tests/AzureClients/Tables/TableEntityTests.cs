using Azure;
using ClientReminders.AzureClients.Tables;

namespace ClientReminders.Tests.AzureClients.Tables;

public sealed class TableEntityTests
{
    [Fact]
    public async Task InsertedEntityCanBeReadBackWithItsETag()
    {
        var table = await TableFixture.NewTableAsync();

        var inserted = await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Name = "Ada", Visits = 3 });
        var read = (await table.GetEntityAsync<ClientEntity>("p", "r")).Value;

        Assert.Equal(("Ada", 3), (read.Name, read.Visits));
        Assert.Equal(inserted.Headers.ETag, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task InsertingAnExistingEntityFailsWithConflict()
    {
        var table = await TableFixture.NewTableAsync();
        await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r" });

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r" }));

        Assert.Equal((409, TableErrorCode.EntityAlreadyExists), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task UpsertInMergeModeKeepsPropertiesTheEntityLeavesOut()
    {
        var table = await TableFixture.NewTableAsync();
        await table.UpsertEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Name = "Ada", Visits = 1 });

        await table.UpsertEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Visits = 2 });

        var read = (await table.GetEntityAsync<ClientEntity>("p", "r")).Value;
        Assert.Equal(("Ada", 2), (read.Name, read.Visits));
    }

    [Fact]
    public async Task UpsertInReplaceModeDropsPropertiesTheEntityLeavesOut()
    {
        var table = await TableFixture.NewTableAsync();
        await table.UpsertEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Name = "Ada", Visits = 1 });

        await table.UpsertEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Visits = 2 }, TableUpdateMode.Replace);

        var read = (await table.GetEntityAsync<ClientEntity>("p", "r")).Value;
        Assert.Equal((null, 2), (read.Name, read.Visits));
    }

    [Fact]
    public async Task MergeWithTheCurrentETagUpdatesTheEntityAndItsETag()
    {
        var table = await TableFixture.NewTableAsync();
        var etag = (await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Name = "Ada" })).Headers.ETag!.Value;

        var updated = await table.UpdateEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Visits = 5 }, etag);

        var read = (await table.GetEntityAsync<ClientEntity>("p", "r")).Value;
        Assert.Equal(("Ada", 5), (read.Name, read.Visits));
        Assert.NotEqual(etag, read.ETag);
        Assert.Equal(updated.Headers.ETag, read.ETag);
    }

    [Fact]
    public async Task ReplaceWithTheCurrentETagReplacesTheWholeEntity()
    {
        var table = await TableFixture.NewTableAsync();
        var etag = (await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Name = "Ada" })).Headers.ETag!.Value;

        await table.UpdateEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Visits = 5 }, etag, TableUpdateMode.Replace);

        var read = (await table.GetEntityAsync<ClientEntity>("p", "r")).Value;
        Assert.Equal((null, 5), (read.Name, read.Visits));
    }

    [Fact]
    public async Task UpdateWithAStaleETagFailsWithPreconditionFailed()
    {
        var table = await TableFixture.NewTableAsync();
        var stale = (await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Name = "Ada" })).Headers.ETag!.Value;
        await table.UpsertEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Name = "Grace" });

        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Name = "Lost" }, stale));

        Assert.Equal((412, TableErrorCode.UpdateConditionNotSatisfied), (error.Status, error.ErrorCode));
        Assert.Equal("Grace", (await table.GetEntityAsync<ClientEntity>("p", "r")).Value.Name);
    }

    [Fact]
    public async Task OnlyOneOfTwoConcurrentUpdatesWithTheSameETagWins()
    {
        var table = await TableFixture.NewTableAsync();
        var etag = (await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Visits = 0 })).Headers.ETag!.Value;

        var attempts = await Task.WhenAll(Enumerable.Range(1, 2).Select(async visits =>
        {
            try
            {
                await table.UpdateEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Visits = visits }, etag);
                return 0;
            }
            catch (RequestFailedException error)
            {
                return error.Status;
            }
        }));

        Assert.Equal([0, 412], attempts.Order());
    }

    [Fact]
    public async Task DeleteWithAStaleETagFailsAndWithTheCurrentETagRemovesTheEntity()
    {
        var table = await TableFixture.NewTableAsync();
        var stale = (await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r" })).Headers.ETag!.Value;
        var current = (await table.UpsertEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "r", Visits = 1 })).Headers.ETag!.Value;

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale));
        await table.DeleteEntityAsync("p", "r", current);

        Assert.Equal(412, error.Status);
        Assert.False((await table.GetEntityIfExistsAsync<ClientEntity>("p", "r")).HasValue);
    }

    [Fact]
    public async Task DeletingAMissingEntityWithoutAnETagIsNotAnError()
    {
        var table = await TableFixture.NewTableAsync();

        var response = await table.DeleteEntityAsync("p", "missing");

        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task ReadingAMissingEntityFailsWithResourceNotFound()
    {
        var table = await TableFixture.NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<ClientEntity>("p", "missing"));

        Assert.Equal((404, TableErrorCode.ResourceNotFound), (error.Status, error.ErrorCode));
    }

    [Fact]
    public async Task GetEntityIfExistsReportsAMissingEntityWithoutThrowing()
    {
        var table = await TableFixture.NewTableAsync();
        await table.AddEntityAsync(new ClientEntity { PartitionKey = "p", RowKey = "present", Name = "Ada" });

        var missing = await table.GetEntityIfExistsAsync<ClientEntity>("p", "missing");
        var present = await table.GetEntityIfExistsAsync<ClientEntity>("p", "present");

        Assert.False(missing.HasValue);
        Assert.Equal(404, missing.GetRawResponse().Status);
        Assert.Equal("Ada", present.Value!.Name);
    }

    [Fact]
    public async Task KeysWithQuotesSpacesPunctuationAndUnicodeRoundTrip()
    {
        var table = await TableFixture.NewTableAsync();
        const string partitionKey = "O'Brien & Sons =%+";
        const string rowKey = "Zoë's row (1)";

        await table.AddEntityAsync(new ClientEntity { PartitionKey = partitionKey, RowKey = rowKey, Name = "x" });
        await table.UpdateEntityAsync(new ClientEntity { PartitionKey = partitionKey, RowKey = rowKey, Name = "y" }, ETag.All);

        var read = (await table.GetEntityAsync<ClientEntity>(partitionKey, rowKey)).Value;
        Assert.Equal((partitionKey, rowKey, "y"), (read.PartitionKey, read.RowKey, read.Name));
        await table.DeleteEntityAsync(partitionKey, rowKey, read.ETag);
    }

    [Fact]
    public async Task AllPropertyTypesRoundTripThroughAPocoEntity()
    {
        var table = await TableFixture.NewTableAsync();
        var entity = new AllTypesEntity
        {
            PartitionKey = "p",
            RowKey = "r",
            Text = "héllo 'quoted' <xml/>",
            Int32 = -42,
            Int64 = long.MaxValue,
            Flag = true,
            Double = 3.25,
            WholeDouble = 2.0,
            Moment = new DateTimeOffset(2024, 3, 31, 1, 30, 15, 123, TimeSpan.FromHours(2)),
            UtcDateTime = new DateTime(2023, 12, 24, 18, 0, 0, DateTimeKind.Utc),
            Id = Guid.NewGuid(),
            Bytes = [0, 1, 2, 254, 255],
            Channel = Channel.Email,
            NullableInt64 = -7,
            NullableGuid = Guid.NewGuid(),
        };

        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync<AllTypesEntity>("p", "r")).Value;

        Assert.Equal(entity.Text, read.Text);
        Assert.Equal(entity.Int32, read.Int32);
        Assert.Equal(entity.Int64, read.Int64);
        Assert.Equal(entity.Flag, read.Flag);
        Assert.Equal(entity.Double, read.Double);
        Assert.Equal(entity.WholeDouble, read.WholeDouble);
        Assert.Equal(entity.Moment, read.Moment);
        Assert.Equal(entity.UtcDateTime, read.UtcDateTime);
        Assert.Equal(DateTimeKind.Utc, read.UtcDateTime.Kind);
        Assert.Equal(entity.Id, read.Id);
        Assert.Equal(entity.Bytes, read.Bytes);
        Assert.Equal(entity.Channel, read.Channel);
        Assert.Null(read.MissingNumber);
        Assert.Equal(entity.NullableInt64, read.NullableInt64);
        Assert.Equal(entity.NullableGuid, read.NullableGuid);
    }

    [Fact]
    public async Task AllPropertyTypesRoundTripThroughATableEntity()
    {
        var table = await TableFixture.NewTableAsync();
        var id = Guid.NewGuid();
        var moment = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);
        var entity = new TableEntity("p", "r")
        {
            ["Text"] = "hello",
            ["Int32"] = 7,
            ["Int64"] = 1L << 40,
            ["Flag"] = false,
            ["Double"] = 1.0,
            ["Moment"] = moment,
            ["Id"] = id,
            ["Bytes"] = new byte[] { 9, 8, 7 },
        };

        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.Equal("hello", read.GetString("Text"));
        Assert.Equal(7, read.GetInt32("Int32"));
        Assert.Equal(1L << 40, read.GetInt64("Int64"));
        Assert.False(read.GetBoolean("Flag"));
        Assert.Equal(1.0, read.GetDouble("Double"));
        Assert.IsType<double>(read["Double"]);
        Assert.Equal(moment, read.GetDateTimeOffset("Moment"));
        Assert.Equal(id, read.GetGuid("Id"));
        Assert.Equal([9, 8, 7], read.GetBinary("Bytes"));
        Assert.Equal(("p", "r"), (read.PartitionKey, read.RowKey));
        Assert.NotEqual(default, read.ETag);
        Assert.NotNull(read.Timestamp);
    }
}
