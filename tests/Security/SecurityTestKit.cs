using Microsoft.Extensions.Configuration;

namespace ClientReminders.Tests.Security;

/// <summary>Key rings from plain settings, and data key stores over their own Azurite table, as separate app instances would have.</summary>
internal static class SecurityTestKit
{
    public static readonly DateTimeOffset Start = new(2040, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static string NewMasterKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string NewAccount() => Guid.NewGuid().ToString("N");

    public static KeyRing Ring(string masterKey, params string[] previousMasterKeys) => RingWithBlindIndexKey(masterKey, null, previousMasterKeys);

    public static KeyRing RingWithBlindIndexKey(string masterKey, string? blindIndexKey, params string[] previousMasterKeys)
    {
        var settings = new Dictionary<string, string?> { [KeyRing.MasterKeySetting] = masterKey, [KeyRing.BlindIndexKeySetting] = blindIndexKey };
        for (var i = 0; i < previousMasterKeys.Length; i++)
        {
            settings[$"{KeyRing.PreviousMasterKeysSetting}:{i}"] = previousMasterKeys[i];
        }
        return new KeyRing(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    public static StorageTable NewDataKeysTable() =>
        new(AzuriteServer.UniqueTableName("DataKeys"), StorageTables.DataKeys.Retention, StorageTables.DataKeys.Holds);

    public static async Task<DataKeyStore> StoreAsync(KeyRing ring, StorageTable table, TimeProvider? time = null) =>
        new(new TableClients(await ServiceAsync()), ring, time ?? new ManualTimeProvider(Start)) { Table = table };

    public static async Task<TableClient> TableAsync(StorageTable table) => (await ServiceAsync()).GetTableClient(table.Name);

    private static async Task<TableServiceClient> ServiceAsync() => new((await AzuriteServer.SharedAsync()).ConnectionString);
}
