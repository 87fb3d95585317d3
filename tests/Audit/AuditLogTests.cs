using Microsoft.Extensions.Logging.Abstractions;

namespace ClientReminders.Tests.Audit;

public class AuditLogTests
{
    private static readonly DateTimeOffset Start = new(2040, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheFirstEntryCreatesTheTableAndComesBack()
    {
        var (log, _, _) = await NewLogAsync();
        var account = NewAccount();

        await log.RecordAsync(account, AuditEvent.SignUp, "203.0.113.7", "Firefox", "plan trial");

        var entry = Assert.Single(await log.ListAsync(account));
        Assert.Equal(new AuditEntry(Start, AuditEvent.SignUp, "203.0.113.0", "Firefox", "plan trial"), entry);
    }

    [Fact]
    public async Task EntriesComeBackNewestFirst()
    {
        var (log, clock, _) = await NewLogAsync();
        var account = NewAccount();
        foreach (var auditEvent in new[] { AuditEvent.SignUp, AuditEvent.SignInSucceeded, AuditEvent.PasswordChanged, AuditEvent.SignOut })
        {
            await log.RecordAsync(account, auditEvent, null, null);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var entries = await log.ListAsync(account);

        Assert.Equal([AuditEvent.SignOut, AuditEvent.PasswordChanged, AuditEvent.SignInSucceeded, AuditEvent.SignUp], entries.Select(e => e.Event));
        Assert.Equal(Start.AddMinutes(3), entries[0].At);
    }

    [Fact]
    public async Task EntriesRecordedInTheSameInstantAreAllKept()
    {
        var (log, _, _) = await NewLogAsync();
        var account = NewAccount();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => log.RecordAsync(account, AuditEvent.SignInFailed, null, null)));

        Assert.Equal(20, (await log.ListAsync(account)).Count);
    }

    [Fact]
    public async Task TakeLimitsTheListToTheNewestEntries()
    {
        var (log, clock, _) = await NewLogAsync();
        var account = NewAccount();
        for (var i = 0; i < 5; i++)
        {
            await log.RecordAsync(account, AuditEvent.SignInSucceeded, null, null, $"attempt {i}");
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var entries = await log.ListAsync(account, take: 2);

        Assert.Equal(["attempt 4", "attempt 3"], entries.Select(e => e.Detail));
    }

    [Fact]
    public async Task AnotherAccountsEntriesNeverAppear()
    {
        var (log, _, _) = await NewLogAsync();
        var mine = NewAccount();
        var theirs = NewAccount();
        await log.RecordAsync(mine, AuditEvent.SignUp, null, null);
        await log.RecordAsync(theirs, AuditEvent.DataExported, null, null);
        await log.RecordAsync(mine + "x", AuditEvent.AccountClosed, null, null);

        var entries = await log.ListAsync(mine);

        Assert.Equal([AuditEvent.SignUp], entries.Select(e => e.Event));
    }

    [Fact]
    public async Task AnAccountWithNoEntriesHasAnEmptyLog()
    {
        var (log, _, _) = await NewLogAsync();

        Assert.Empty(await log.ListAsync(NewAccount()));
    }

    [Fact]
    public async Task LongUserAgentsAreCutTo256Characters()
    {
        var (log, _, _) = await NewLogAsync();
        var account = NewAccount();

        await log.RecordAsync(account, AuditEvent.SignInSucceeded, null, "Mozilla/5.0 " + new string('x', 1000));

        var userAgent = Assert.Single(await log.ListAsync(account)).UserAgent;
        Assert.Equal(256, userAgent?.Length);
        Assert.StartsWith("Mozilla/5.0 xxx", userAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFullAddressPassedAsTextIsStillTruncatedAndGarbageIsDropped()
    {
        var (log, clock, _) = await NewLogAsync();
        var account = NewAccount();

        await log.RecordAsync(account, AuditEvent.SignInSucceeded, "2001:db8:85a3:8d3:1319:8a2e:370:7348", null);
        clock.Advance(TimeSpan.FromSeconds(1));
        await log.RecordAsync(account, AuditEvent.SignInSucceeded, "not an address", null);

        Assert.Equal([null, "2001:db8:85a3::"], (await log.ListAsync(account)).Select(e => e.Ip));
    }

    [Fact]
    public async Task RowsAreStoredUnderTheAccountWithInvertedTicksSoTheyNeverCollide()
    {
        var (log, _, table) = await NewLogAsync();
        var account = NewAccount();

        await log.RecordAsync(account, AuditEvent.SignOut, null, null);
        await log.RecordAsync(account, AuditEvent.SignOut, null, null);

        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {account}")))
        {
            rows.Add(row);
        }
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - Start.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        Assert.Equal(2, rows.Select(r => r.RowKey).Distinct().Count());
        Assert.All(rows, r => Assert.Matches($"^{inverted}-[0-9a-f]+$", r.RowKey));
    }

    [Fact]
    public async Task TheRetentionPurgeDeletesEntriesOlderThanAYear()
    {
        var (log, clock, table) = await NewLogAsync();
        var account = NewAccount();
        await log.RecordAsync(account, AuditEvent.SignUp, null, null);
        clock.Advance(TimeSpan.FromDays(300));
        await log.RecordAsync(account, AuditEvent.SignOut, null, null);
        clock.Advance(TimeSpan.FromDays(100));
        var catalog = new StorageTable(table.Name, StorageTables.AuditLog.Retention, StorageTables.AuditLog.Holds);
        var service = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString);

        await new RetentionPurge(service, [catalog], clock, NullLogger<RetentionPurge>.Instance).RunAsync(CancellationToken.None);

        Assert.Equal([AuditEvent.SignOut], (await log.ListAsync(account)).Select(e => e.Event));
    }

    [Fact]
    public async Task TheRealAuditLogTableIsUsedByDefault()
    {
        var service = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString);
        var log = new AuditLog(service, new ManualTimeProvider(Start));
        var account = NewAccount();

        await log.RecordAsync(account, AuditEvent.SignUp, null, null);

        Assert.True((await service.GetTableClient("AuditLog").QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {account}")).AnyAsync()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    public async Task AnAccountIdThatCannotBeAPartitionKeyIsRefused(string account)
    {
        var (log, _, _) = await NewLogAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => log.RecordAsync(account, AuditEvent.SignUp, null, null));
    }

    private static string NewAccount() => Guid.NewGuid().ToString("N");

    private static async Task<(AuditLog Log, ManualTimeProvider Clock, TableClient Table)> NewLogAsync()
    {
        var service = new TableServiceClient((await AzuriteServer.SharedAsync()).ConnectionString);
        var clock = new ManualTimeProvider(Start);
        var name = AzuriteServer.UniqueTableName("Audit");
        return (new AuditLog(service, clock) { TableName = name }, clock, service.GetTableClient(name));
    }
}
