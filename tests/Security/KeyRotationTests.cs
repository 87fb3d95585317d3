namespace ClientReminders.Tests.Security;

public class KeyRotationTests
{
    [Fact]
    public async Task RotatingAnAccountsKeyQueuesAJobThatMovesItsClientsToTheNewKey()
    {
        await using var app = await Owners.StartAppAsync();
        using var owner = new TestBrowser(app);
        await Owners.SignedInAsync(app, owner);
        using var added = await owner.PostJsonAsync("/api/clients", new { name = "Rotated Person", email = "rotated@example.com" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var accountId = (await Owners.JsonAsync(await owner.GetAsync("/api/me"))).GetProperty("id").GetString()!;
        var rotation = app.Services.GetRequiredService<KeyRotation>();

        var version = await rotation.RotateAsync(accountId, CancellationToken.None);
        var queued = await FindMessageAsync(accountId);
        var summary = await rotation.RunAsync(new QueueInvocation(queued, "m", 1, null), CancellationToken.None);

        Assert.Equal("re-encrypted 1 row(s)", summary);
        var stored = app.Services.GetRequiredService<ClientStore>().ListAsync(accountId, CancellationToken.None);
        await foreach (var client in stored)
        {
            Assert.Equal(version, FieldCipher.KeyVersionOf(client.Name));
            Assert.Equal(version, FieldCipher.KeyVersionOf(client.Email));
        }
        using var list = await owner.GetAsync("/api/clients");
        Assert.Contains("Rotated Person", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> FindMessageAsync(string accountId)
    {
        var queue = new QueueClient((await AzuriteServer.SharedAsync()).ConnectionString, KeyRotation.QueueName);
        var messages = (await queue.PeekMessagesAsync(32)).Value;
        return Assert.Single(messages, m => JsonDocument.Parse(m.MessageText).RootElement.GetProperty("accountId").GetString() == accountId).MessageText;
    }
}
