using Microsoft.Extensions.Logging.Abstractions;
using static ClientReminders.Tests.Security.SecurityTestKit;

namespace ClientReminders.Tests.Security;

public class ReencryptionTests
{
    [Fact]
    public async Task FieldsUnderAnOlderKeyAreReencryptedWithTheCurrentOne()
    {
        var kit = await Kit.StartAsync();
        var account = NewAccount();
        await kit.AddAsync(account, "c1", name: "Ada", email: "ada@example.com");
        await kit.AddAsync(account, "c2", name: "Grace", email: null);
        await kit.Keys.RotateAsync(account, CancellationToken.None);

        var rewritten = await kit.Job().ReencryptAccountAsync(account, CancellationToken.None);

        Assert.Equal(2, rewritten);
        Assert.Equal([("Ada", "ada@example.com"), ("Grace", null)], await kit.ReadAsync(account, "c1", "c2"));
        Assert.All(await kit.RowsAsync(account), row => Assert.Equal(2, FieldCipher.KeyVersionOf(row.GetString("Name"))));
        Assert.Null((await kit.RowAsync(account, "c2")).GetString("Email"));
    }

    [Fact]
    public async Task OtherPropertiesOfTheRowAreKept()
    {
        var kit = await Kit.StartAsync();
        var account = NewAccount();
        await kit.AddAsync(account, "c1", name: "Ada", email: "ada@example.com", status: "Active");
        await kit.Keys.RotateAsync(account, CancellationToken.None);

        await kit.Job().ReencryptAccountAsync(account, CancellationToken.None);

        Assert.Equal("Active", (await kit.RowAsync(account, "c1")).GetString("Status"));
    }

    [Fact]
    public async Task RowsAlreadyUnderTheCurrentKeyAreNotRewritten()
    {
        var kit = await Kit.StartAsync();
        var account = NewAccount();
        await kit.AddAsync(account, "old", name: "Ada", email: null);
        await kit.Keys.RotateAsync(account, CancellationToken.None);
        await kit.AddAsync(account, "new", name: "Grace", email: "grace@example.com");
        var untouched = (await kit.RowAsync(account, "new")).ETag;

        Assert.Equal(1, await kit.Job().ReencryptAccountAsync(account, CancellationToken.None));
        Assert.Equal(0, await kit.Job().ReencryptAccountAsync(account, CancellationToken.None));
        Assert.Equal(untouched, (await kit.RowAsync(account, "new")).ETag);
    }

    [Fact]
    public async Task AnotherAccountsRowsAreLeftAlone()
    {
        var kit = await Kit.StartAsync();
        var (mine, theirs) = (NewAccount(), NewAccount());
        await kit.AddAsync(mine, "c1", name: "Ada", email: null);
        await kit.AddAsync(theirs, "c1", name: "Grace", email: null);
        await kit.Keys.RotateAsync(mine, CancellationToken.None);
        await kit.Keys.RotateAsync(theirs, CancellationToken.None);

        await kit.Job().ReencryptAccountAsync(mine, CancellationToken.None);

        Assert.Equal(1, FieldCipher.KeyVersionOf((await kit.RowAsync(theirs, "c1")).GetString("Name")));
    }

    [Fact]
    public async Task ARowChangedMeanwhileIsReadAgainAndItsChangeKept()
    {
        var kit = await Kit.StartAsync();
        var account = NewAccount();
        await kit.AddAsync(account, "c1", name: "Ada", email: "ada@example.com");
        await kit.Keys.RotateAsync(account, CancellationToken.None);
        kit.Service.InterfereBeforeNextUpdate(async table =>
        {
            var email = await kit.Cipher.EncryptAsync(account, kit.Context("c1", "Email"), "new@example.com", CancellationToken.None);
            await table.UpsertEntityAsync(new TableEntity(account, "c1") { ["Email"] = email! });
        });

        var rewritten = await kit.Job().ReencryptAccountAsync(account, CancellationToken.None);

        Assert.Equal(1, rewritten);
        Assert.Equal([("Ada", "new@example.com")], await kit.ReadAsync(account, "c1"));
        Assert.Equal(2, FieldCipher.KeyVersionOf((await kit.RowAsync(account, "c1")).GetString("Name")));
    }

    [Fact]
    public async Task ARowDeletedMeanwhileIsSkipped()
    {
        var kit = await Kit.StartAsync();
        var account = NewAccount();
        await kit.AddAsync(account, "c1", name: "Ada", email: null);
        await kit.AddAsync(account, "c2", name: "Grace", email: null);
        await kit.Keys.RotateAsync(account, CancellationToken.None);
        kit.Service.InterfereBeforeNextUpdate(table => table.DeleteEntityAsync(account, "c1"));

        var rewritten = await kit.Job().ReencryptAccountAsync(account, CancellationToken.None);

        Assert.Equal(1, rewritten);
        Assert.Equal(["c2"], (await kit.RowsAsync(account)).Select(r => r.RowKey));
    }

    [Fact]
    public async Task AValueThatDoesNotDecryptIsLeftAndTheRestOfTheRowIsStillDone()
    {
        var kit = await Kit.StartAsync();
        var account = NewAccount();
        await kit.AddAsync(account, "c1", name: "Ada", email: "ada@example.com");
        var movedName = (await kit.RowAsync(account, "c1")).GetString("Name")!;
        await kit.Service.GetTableClient(kit.Encrypted.Table.Name).UpsertEntityAsync(new TableEntity(account, "c1") { ["Email"] = movedName });
        await kit.Keys.RotateAsync(account, CancellationToken.None);

        Assert.Equal(1, await kit.Job().ReencryptAccountAsync(account, CancellationToken.None));

        var row = await kit.RowAsync(account, "c1");
        Assert.Equal(2, FieldCipher.KeyVersionOf(row.GetString("Name")));
        Assert.Equal(movedName, row.GetString("Email"));
    }

    private sealed class Kit
    {
        private Kit(InterferingTableService service, DataKeyStore keys, EncryptedTable encrypted)
        {
            Service = service;
            Keys = keys;
            Cipher = new FieldCipher(keys);
            Encrypted = encrypted;
        }

        public InterferingTableService Service { get; }

        public DataKeyStore Keys { get; }

        public FieldCipher Cipher { get; }

        public EncryptedTable Encrypted { get; }

        public static async Task<Kit> StartAsync()
        {
            var service = new InterferingTableService((await AzuriteServer.SharedAsync()).ConnectionString);
            var table = new StorageTable(AzuriteServer.UniqueTableName("Encrypted"), StorageTables.Clients.Retention, "Test rows with encrypted fields.");
            await service.CreateTableIfNotExistsAsync(table.Name);
            var keys = new DataKeyStore(new TableClients(service), Ring(NewMasterKey()), new ManualTimeProvider(Start)) { Table = NewDataKeysTable() };
            return new Kit(service, keys, new EncryptedTable(table, ["Name", "Email"]));
        }

        public Reencryption Job() => new(new TableClients(Service), Cipher, Keys, [Encrypted], NullLogger<Reencryption>.Instance);

        public CipherContext Context(string rowKey, string field) => new(Encrypted.Table.Name, rowKey, field);

        public async Task AddAsync(string account, string rowKey, string name, string? email, string? status = null)
        {
            var row = new TableEntity(account, rowKey)
            {
                ["Name"] = (await Cipher.EncryptAsync(account, Context(rowKey, "Name"), name, CancellationToken.None))!,
            };
            if (email is not null)
            {
                row["Email"] = (await Cipher.EncryptAsync(account, Context(rowKey, "Email"), email, CancellationToken.None))!;
            }
            if (status is not null)
            {
                row["Status"] = status;
            }
            await Service.GetTableClient(Encrypted.Table.Name).AddEntityAsync(row);
        }

        public async Task<TableEntity> RowAsync(string account, string rowKey) =>
            (await Service.GetTableClient(Encrypted.Table.Name).GetEntityAsync<TableEntity>(account, rowKey)).Value;

        public async Task<List<TableEntity>> RowsAsync(string account) =>
            await Service
                .GetTableClient(Encrypted.Table.Name)
                .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {account}"))
                .ToListAsync();

        public async Task<List<(string?, string?)>> ReadAsync(string account, params string[] rowKeys)
        {
            var values = new List<(string?, string?)>();
            foreach (var rowKey in rowKeys)
            {
                var row = await RowAsync(account, rowKey);
                values.Add(
                    (
                        await Cipher.DecryptAsync(account, Context(rowKey, "Name"), row.GetString("Name"), CancellationToken.None),
                        await Cipher.DecryptAsync(account, Context(rowKey, "Email"), row.GetString("Email"), CancellationToken.None)
                    )
                );
            }
            return values;
        }
    }

    /// <summary>Lets a test change or delete a row just before the job's next write, as another request would.</summary>
    private sealed class InterferingTableService(string connectionString) : TableServiceClient(connectionString)
    {
        private Func<TableClient, Task>? _interference;

        public TableClient PlainTableClient(string tableName) => base.GetTableClient(tableName);

        public void InterfereBeforeNextUpdate(Func<TableClient, Task> interference) => _interference = interference;

        private readonly string _connectionString = connectionString;

        public override TableClient GetTableClient(string tableName) => new InterferingTableClient(this, _connectionString, tableName);

        private sealed class InterferingTableClient(InterferingTableService service, string connectionString, string tableName)
            : TableClient(connectionString, tableName)
        {
            public override async Task<Azure.Response> UpdateEntityAsync<T>(
                T entity,
                Azure.ETag ifMatch,
                TableUpdateMode mode = TableUpdateMode.Merge,
                CancellationToken cancellationToken = default
            )
            {
                if (Interlocked.Exchange(ref service._interference, null) is { } interference)
                {
                    await interference(service.PlainTableClient(Name));
                }
                return await base.UpdateEntityAsync(entity, ifMatch, mode, cancellationToken);
            }
        }
    }
}
