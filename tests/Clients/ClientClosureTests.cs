namespace ClientReminders.Tests.Clients;

public class ClientClosureTests(ClientsApp fixture) : IClassFixture<ClientsApp>
{
    private readonly TestApp app = fixture.App;

    [Fact]
    public async Task ThePurgeAfterClosureDeletesTheAccountsClientsKeysAndImports()
    {
        using var owner = await Owner.SignUpAsync(app);
        await owner.AddClientAsync("Rae Rowe", "07700 900040", "rae@example.com");
        await owner.ImportAsync("Name,Mobile,Email\r\nSid Sloane,07700 900041,\r\nNo Contact,,\r\n", Imports.NameMobileEmail);
        var unrun = await owner.StartImportAsync("Name,Mobile,Email\r\nTia Unrun,07700 900042,\r\n", Imports.NameMobileEmail);
        StorageTable[] held = [StorageTables.Clients, StorageTables.DataKeys, StorageTables.Imports, StorageTables.ImportRows, StorageTables.ReplyRoutes];
        var before = new Dictionary<string, int>();
        foreach (var table in held)
        {
            before[table.Name] = (await RawRows.OfAccountAsync(app, table, owner.AccountId)).Count;
        }
        using var closed = await owner.Browser.DeleteJsonAsync("/api/me", new { password = Owners.Password });

        await app.Services.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Equal(5, before[StorageTables.Clients.Name]);
        Assert.Equal(1, before[StorageTables.DataKeys.Name]);
        Assert.Equal(2, before[StorageTables.Imports.Name]);
        Assert.Equal(2, before[StorageTables.ImportRows.Name]);
        Assert.Equal(2, before[StorageTables.ReplyRoutes.Name]);
        foreach (var table in held)
        {
            Assert.Empty(await RawRows.OfAccountAsync(app, table, owner.AccountId));
        }
        await Imports.DiscardAsync(app, unrun);
    }

    [Fact]
    public async Task AnImportQueuedBeforeClosureFindsNothingToDoAfterThePurge()
    {
        using var owner = await Owner.SignUpAsync(app);
        var id = await owner.StartImportAsync("Name,Mobile,Email\r\nUma Late,07700 900043,\r\n", Imports.NameMobileEmail);
        using var closed = await owner.Browser.DeleteJsonAsync("/api/me", new { password = Owners.Password });
        await app.Services.GetRequiredService<RetentionPurge>().RunAsync(CancellationToken.None);

        var result = await Imports.RunAsync(app, id);

        Assert.Equal("import not found; nothing to do", result);
        Assert.Empty(await RawRows.OfAccountAsync(app, StorageTables.Clients, owner.AccountId));
    }
}
