using static ClientReminders.Tests.Security.SecurityTestKit;

namespace ClientReminders.Tests.Security;

public class DataKeyStoreTests
{
    [Fact]
    public async Task TheFirstUseCreatesVersionOneStoredOnlyWrapped()
    {
        var ring = Ring(NewMasterKey());
        var table = NewDataKeysTable();
        var store = await StoreAsync(ring, table);
        var account = NewAccount();

        var key = await store.GetCurrentAsync(account, CancellationToken.None);

        var row = (await (await TableAsync(table)).GetEntityAsync<DataKeyEntity>(account, "000001")).Value;
        Assert.Equal(1, key.Version);
        Assert.Equal(32, key.Key.Length);
        Assert.Equal(ring.CurrentMasterKeyId, row.MasterKeyId);
        Assert.Equal(Start, row.CreatedAt);
        Assert.DoesNotContain(Convert.ToHexString(key.Key), Convert.ToHexString(row.WrappedKey), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCurrentKeyStaysTheSameUntilRotated()
    {
        var table = NewDataKeysTable();
        var ring = Ring(NewMasterKey());
        var account = NewAccount();

        var first = await (await StoreAsync(ring, table)).GetCurrentAsync(account, CancellationToken.None);
        var again = await (await StoreAsync(ring, table)).GetCurrentAsync(account, CancellationToken.None);

        Assert.Equal(first.Key, again.Key);
    }

    [Fact]
    public async Task ConcurrentFirstUsesOnSeveralInstancesEndWithOneKey()
    {
        var table = NewDataKeysTable();
        var ring = Ring(NewMasterKey());
        var stores = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => StoreAsync(ring, table)));
        var account = NewAccount();

        var keys = await Task.WhenAll(stores.Select(s => s.GetCurrentAsync(account, CancellationToken.None).AsTask()));

        Assert.Single(keys.Select(k => Convert.ToHexString(k.Key)).Distinct());
        Assert.Single(await (await TableAsync(table)).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {account}")).ToListAsync());
    }

    [Fact]
    public async Task RotationAddsTheNextVersionWhichBecomesCurrentAndKeepsTheOldOne()
    {
        var store = await StoreAsync(Ring(NewMasterKey()), NewDataKeysTable());
        var account = NewAccount();
        var first = await store.GetCurrentAsync(account, CancellationToken.None);

        var second = await store.RotateAsync(account, CancellationToken.None);

        Assert.Equal(2, second.Version);
        Assert.NotEqual(first.Key, second.Key);
        Assert.Equal(second.Key, (await store.GetCurrentAsync(account, CancellationToken.None)).Key);
        Assert.Equal(first.Key, (await store.GetAsync(account, 1, CancellationToken.None)).Key);
    }

    [Fact]
    public async Task RotatingAnAccountWithNoKeyCreatesVersionOne()
    {
        var store = await StoreAsync(Ring(NewMasterKey()), NewDataKeysTable());

        Assert.Equal(1, (await store.RotateAsync(NewAccount(), CancellationToken.None)).Version);
    }

    [Fact]
    public async Task ARotationOnAnotherInstanceIsSeenWithinAMinute()
    {
        var table = NewDataKeysTable();
        var ring = Ring(NewMasterKey());
        var clock = new ManualTimeProvider(Start);
        var here = await StoreAsync(ring, table, clock);
        var elsewhere = await StoreAsync(ring, table, clock);
        var account = NewAccount();
        await here.GetCurrentAsync(account, CancellationToken.None);

        await elsewhere.RotateAsync(account, CancellationToken.None);

        Assert.Equal(1, (await here.GetCurrentAsync(account, CancellationToken.None)).Version);
        clock.Advance(DataKeyStore.CurrentVersionLifetime);
        Assert.Equal(2, (await here.GetCurrentAsync(account, CancellationToken.None)).Version);
    }

    [Fact]
    public async Task AVersionThatDoesNotExistIsACryptographicError()
    {
        var store = await StoreAsync(Ring(NewMasterKey()), NewDataKeysTable());
        var account = NewAccount();
        await store.GetCurrentAsync(account, CancellationToken.None);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => store.GetAsync(account, 7, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task AWrappedKeyCopiedToAnotherAccountDoesNotUnwrap()
    {
        var table = NewDataKeysTable();
        var ring = Ring(NewMasterKey());
        var (mine, theirs) = (NewAccount(), NewAccount());
        await (await StoreAsync(ring, table)).GetCurrentAsync(mine, CancellationToken.None);
        await CopyRowAsync(table, mine, "000001", theirs, "000001");

        var store = await StoreAsync(ring, table);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => store.GetAsync(theirs, 1, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task AWrappedKeyCopiedToAnotherVersionDoesNotUnwrap()
    {
        var table = NewDataKeysTable();
        var ring = Ring(NewMasterKey());
        var account = NewAccount();
        await (await StoreAsync(ring, table)).GetCurrentAsync(account, CancellationToken.None);
        await CopyRowAsync(table, account, "000001", account, "000002");

        var store = await StoreAsync(ring, table);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => store.GetCurrentAsync(account, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task RewrapAllMovesEveryKeyToTheCurrentMasterKeyWithoutChangingIt()
    {
        var table = NewDataKeysTable();
        var old = NewMasterKey();
        var oldStore = await StoreAsync(Ring(old), table);
        var accounts = Enumerable.Range(0, 3).Select(_ => NewAccount()).ToList();
        var before = new List<byte[]>();
        foreach (var account in accounts)
        {
            before.Add((await oldStore.GetCurrentAsync(account, CancellationToken.None)).Key);
            before.Add((await oldStore.RotateAsync(account, CancellationToken.None)).Key);
        }
        var current = NewMasterKey();
        var rotated = Ring(current, old);

        var rewrapped = await (await StoreAsync(rotated, table)).RewrapAllAsync(CancellationToken.None);
        var again = await (await StoreAsync(rotated, table)).RewrapAllAsync(CancellationToken.None);

        Assert.Equal((6, 0), (rewrapped, again));
        var rows = await (await TableAsync(table)).QueryAsync<DataKeyEntity>().ToListAsync();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, row => Assert.Equal(rotated.CurrentMasterKeyId, row.MasterKeyId));
        Assert.All(rows, row => Assert.Equal(rotated.CurrentMasterKeyId, KeyRing.MasterKeyIdOf(row.WrappedKey)));
        var withoutOld = await StoreAsync(Ring(current), table);
        var after = new List<byte[]>();
        foreach (var account in accounts)
        {
            after.Add((await withoutOld.GetAsync(account, 1, CancellationToken.None)).Key);
            after.Add((await withoutOld.GetAsync(account, 2, CancellationToken.None)).Key);
        }
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task RewrapAllRewrapsWhatItCanAndReportsKeysWhoseMasterKeyIsMissing()
    {
        var table = NewDataKeysTable();
        var (lost, old, current) = (NewMasterKey(), NewMasterKey(), NewMasterKey());
        var (orphan, kept) = (NewAccount(), NewAccount());
        await (await StoreAsync(Ring(lost), table)).GetCurrentAsync(orphan, CancellationToken.None);
        await (await StoreAsync(Ring(old), table)).GetCurrentAsync(kept, CancellationToken.None);
        var rotated = Ring(current, old);
        var store = await StoreAsync(rotated, table);

        var error = await Assert.ThrowsAnyAsync<CryptographicException>(() => store.RewrapAllAsync(CancellationToken.None));

        Assert.Contains($"{orphan}/000001", error.Message, StringComparison.Ordinal);
        var keptRow = (await (await TableAsync(table)).GetEntityAsync<DataKeyEntity>(kept, "000001")).Value;
        Assert.Equal(rotated.CurrentMasterKeyId, keptRow.MasterKeyId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a|b")]
    public async Task AnAccountIdThatCannotBeAPartitionKeyIsRefused(string account)
    {
        var store = await StoreAsync(Ring(NewMasterKey()), NewDataKeysTable());

        await Assert.ThrowsAsync<ArgumentException>(() => store.GetCurrentAsync(account, CancellationToken.None).AsTask());
    }

    private static async Task CopyRowAsync(StorageTable table, string fromAccount, string fromRow, string toAccount, string toRow)
    {
        var client = await TableAsync(table);
        var row = (await client.GetEntityAsync<TableEntity>(fromAccount, fromRow)).Value;
        row.PartitionKey = toAccount;
        row.RowKey = toRow;
        row.ETag = default;
        row.Remove("Timestamp");
        await client.AddEntityAsync(row);
    }

    [Fact]
    public async Task AClosedAccountsKeysLeaveMemoryWhenForgottenAndOnEveryInstanceSoonAfter()
    {
        var ring = Ring(NewMasterKey());
        var table = NewDataKeysTable();
        var clock = new ManualTimeProvider(Start);
        var closing = await StoreAsync(ring, table, clock);
        var other = await StoreAsync(ring, table, clock);
        var account = NewAccount();
        var key = await closing.GetCurrentAsync(account, CancellationToken.None);
        Assert.Equal(key.Key, (await other.GetAsync(account, key.Version, CancellationToken.None)).Key);

        // Closure: this instance forgets at once, and the purge deletes the stored keys.
        closing.Forget(account);
        await (await TableAsync(table)).DeleteEntityAsync(account, DataKeyEntity.RowKeyOf(key.Version));

        await Assert.ThrowsAsync<CryptographicException>(async () => await closing.GetAsync(account, key.Version, CancellationToken.None));
        clock.Advance(DataKeyStore.UnwrappedKeyLifetime);
        await Assert.ThrowsAsync<CryptographicException>(async () => await other.GetAsync(account, key.Version, CancellationToken.None));
    }
}
