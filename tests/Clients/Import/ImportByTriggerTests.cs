using ClientReminders.Tests.Support;

namespace ClientReminders.Tests.Clients.Import;

/// <summary>
/// With the local trigger driver on, the app polls the shared client-imports queue; it runs alone, after the parallel
/// tests, so it never takes another test's message (which it could not decrypt: every app has its own master key).
/// </summary>
[Collection(nameof(StorageSnapshotCollection))]
public class ImportByTriggerTests
{
    [Fact]
    public async Task AQueuedImportIsRunByTheTriggerDriverUntilCompleted()
    {
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string>
            {
                ["Triggers:LocalDriver"] = "true",
                ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.200",
                ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00",
            }
        );
        using var owner = await Owner.SignUpAsync(app);

        var id = await owner.StartImportAsync(
            "Name,Mobile,Email\r\nHana Hale,07700 900010,\r\nIan Irons,,ian@example.com\r\nNo Way,,\r\n",
            Imports.NameMobileEmail
        );

        await Eventually.HoldsAsync(
            async () => (await owner.GetJsonAsync($"/api/clients/import/{id}")).GetProperty("status").GetString() == "completed",
            "the import is completed"
        );
        var progress = await owner.GetJsonAsync($"/api/clients/import/{id}");
        Assert.Equal(2, progress.GetProperty("created").GetInt32());
        Assert.Equal(1, progress.GetProperty("rejected").GetInt32());
        Assert.Equal(2, (await owner.GetJsonAsync("/api/clients")).GetProperty("total").GetInt32());
    }
}
