using ClientReminders.Accounts;
using ClientReminders.AzureClients.Tables;
using ClientReminders.Storage;
using ClientReminders.Tests.Infrastructure;

namespace ClientReminders.Tests.Accounts;

public class DemoSeedingTests
{
    [Fact]
    public async Task TheDemoAccountCanSignInAndASecondAppOnTheSameStorageDoesNotCreateAnother()
    {
        var settings = new Dictionary<string, string>
        {
            ["Demo:Seed"] = "true",
            ["Security:MasterKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        await using var first = await Owners.StartAppAsync(settings);
        using var firstBrowser = new TestBrowser(first);
        await Owners.SignInAsync(firstBrowser, DemoAccountSeeder.DefaultEmail, DemoAccountSeeder.DefaultPassword);
        var demoId = (await Owners.JsonAsync(await firstBrowser.GetAsync("/api/me"))).GetProperty("id").GetString()!;

        await using var second = await Owners.StartAppAsync(settings);

        using var secondBrowser = new TestBrowser(second);
        var signedIn = await Owners.SignInAsync(secondBrowser, DemoAccountSeeder.DefaultEmail, DemoAccountSeeder.DefaultPassword);
        Assert.Equal(demoId, signedIn.GetProperty("id").GetString());
        var accounts = second.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageTables.Accounts.Name);
        var demoAccounts = new List<string>();
        await foreach (var account in accounts.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Email eq {DemoAccountSeeder.DefaultEmail}")))
        {
            demoAccounts.Add(account.PartitionKey);
        }
        Assert.Equal([demoId], demoAccounts);
    }
}
