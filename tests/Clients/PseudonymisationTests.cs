namespace ClientReminders.Tests.Clients;

/// <summary>The app with every log level captured, so a client's details would show up if anything logged them.</summary>
public sealed class TracedClientsApp : ClientsApp
{
    protected override Dictionary<string, string> Settings => new(base.Settings) { ["Logging:LogLevel:Default"] = "Trace" };
}

public class PseudonymisationTests(TracedClientsApp fixture) : IClassFixture<TracedClientsApp>
{
    private readonly TestApp app = fixture.App;

    [Fact]
    public async Task NoClientDetailReachesAnyTableTheQueueOrTheLogsInTheClear()
    {
        using var owner = await Owner.SignUpAsync(app);
        var typed = Person("07{0} {1}");
        var imported = Person("+44 (0)7{0} {1}");
        await owner.AddClientAsync(typed.Name, typed.Mobile, typed.Email.ToUpperInvariant());
        var importId = await owner.StartImportAsync($"Name,Mobile,Email\r\n{imported.Name},{imported.Mobile},{imported.Email}\r\n", Imports.NameMobileEmail);
        var queued = (await Imports.Queue(app).PeekMessagesAsync(32)).Value.Select(m => m.MessageText).ToList();
        var taken = await Imports.TakeMessageAsync(Imports.Queue(app), importId);
        var rowsWhileQueued = await AllStoredTextAsync();
        await Imports.RunAsync(app, importId, taken);
        var listed = (await owner.GetJsonAsync("/api/clients")).ToString();

        var stored = rowsWhileQueued.Concat(await AllStoredTextAsync()).ToList();
        Assert.Contains(typed.Name, listed, StringComparison.Ordinal);
        Assert.Contains(imported.Name, listed, StringComparison.Ordinal);
        Assert.Contains(stored, text => text.StartsWith("e1.", StringComparison.Ordinal));
        Assert.NotEmpty(fixture.Logs.Lines);
        foreach (var secret in typed.Secrets.Concat(imported.Secrets))
        {
            Assert.DoesNotContain(stored, text => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(queued.Append(taken.MessageText), text => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task AnEncryptedValueCopiedToAnotherClientsRowDoesNotDecrypt()
    {
        using var owner = await Owner.SignUpAsync(app);
        var original = ClientsApiTests.Id(await owner.AddClientAsync("Olive Original", email: "olive@example.com"));
        var target = ClientsApiTests.Id(await owner.AddClientAsync("Tom Target", email: "tom@example.com"));
        var clients = await app.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Clients);
        var copied = (await clients.GetEntityAsync<TableEntity>(owner.AccountId, $"c:{original}")).Value.GetString("Name")!;

        await clients.UpdateEntityAsync(new TableEntity(owner.AccountId, $"c:{target}") { ["Name"] = copied }, Azure.ETag.All, TableUpdateMode.Merge);

        using var tampered = await owner.Browser.GetAsync($"/api/clients/{target}");
        using var untouched = await owner.Browser.GetAsync($"/api/clients/{original}");
        Assert.Equal(HttpStatusCode.InternalServerError, tampered.StatusCode);
        Assert.DoesNotContain("Olive", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, untouched.StatusCode);
    }

    [Fact]
    public async Task AfterAKeyRotationNewValuesUseTheNewKeyOldOnesStillReadAndReencryptionMovesThemAll()
    {
        using var owner = await Owner.SignUpAsync(app);
        var old = ClientsApiTests.Id(await owner.AddClientAsync("Otto Old", "07700 900020", "otto@example.com"));
        var importId = await owner.StartImportAsync("Name,Mobile,Email\r\nPia Pending,07700 900021,\r\n", Imports.NameMobileEmail);

        var rotated = await app.Services.GetRequiredService<DataKeyStore>().RotateAsync(owner.AccountId, CancellationToken.None);

        var fresh = ClientsApiTests.Id(await owner.AddClientAsync("Nina New", "07700 900022"));
        Assert.Equal(2, rotated.Version);
        Assert.All(Encrypted(await ClientRowsAsync(owner), fresh), value => Assert.Equal(2, FieldCipher.KeyVersionOf(value)));
        Assert.All(Encrypted(await ClientRowsAsync(owner), old), value => Assert.Equal(1, FieldCipher.KeyVersionOf(value)));
        Assert.Equal("Otto Old", (await owner.GetJsonAsync($"/api/clients/{old}")).GetProperty("name").GetString());

        var rewritten = await app.Services.GetRequiredService<Reencryption>().ReencryptAccountAsync(owner.AccountId, CancellationToken.None);

        var chunks = (await RawRows.OfAccountAsync(app, StorageTables.ImportRows, owner.AccountId)).Where(r => r.GetString("Data") is not null).ToList();
        Assert.Equal(1 + chunks.Count, rewritten);
        Assert.All((await ClientRowsAsync(owner)).SelectMany(r => Encrypted([r], r.RowKey[2..])), value => Assert.Equal(2, FieldCipher.KeyVersionOf(value)));
        Assert.All(chunks, chunk => Assert.Equal(2, FieldCipher.KeyVersionOf(chunk.GetString("Data"))));
        Assert.Equal("otto@example.com", (await owner.GetJsonAsync($"/api/clients/{old}")).GetProperty("email").GetString());
        await Imports.RunAsync(app, importId);
        Assert.Equal(1, (await owner.GetJsonAsync($"/api/clients/import/{importId}")).GetProperty("created").GetInt32());
    }

    private sealed record Client(string Name, string Mobile, string Email, string[] Secrets);

    /// <summary>A client with unique details, the mobile typed in <paramref name="format"/>, and every form of them that must never be stored.</summary>
    private static Client Person(string format)
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        var (head, tail) = (Random.Shared.Next(400, 450).ToString("D3"), Random.Shared.Next(0, 1_000_000).ToString("D6"));
        var national = $"7{head}{tail}";
        var name = $"Priya Pseudo{token}";
        var email = $"priya.{token}@example.com";
        var mobile = string.Format(CultureInfo.InvariantCulture, format, head, tail);
        return new Client(name, mobile, email, [name, $"Pseudo{token}", email, token, mobile, $"+44{national}", national, $"0{national}"]);
    }

    private async Task<List<string>> AllStoredTextAsync()
    {
        var service = app.Services.GetRequiredService<TableServiceClient>();
        var names = StorageTables.All.Select(t => t.Name).ToHashSet();
        await foreach (var table in service.QueryAsync())
        {
            names.Add(table.Name);
        }
        var text = new List<string>();
        foreach (var name in names)
        {
            try
            {
                await foreach (var row in service.GetTableClient(name).QueryAsync<TableEntity>())
                {
                    text.Add(row.PartitionKey);
                    text.Add(row.RowKey);
                    text.AddRange(
                        row.StoredValues().Select(v => v is byte[] bytes ? Convert.ToBase64String(bytes) + Encoding.UTF8.GetString(bytes) : v?.ToString() ?? "")
                    );
                }
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 404) { }
        }
        return text;
    }

    private async Task<List<TableEntity>> ClientRowsAsync(Owner owner) =>
        [.. (await RawRows.OfAccountAsync(app, StorageTables.Clients, owner.AccountId)).Where(r => r.RowKey.StartsWith("c:", StringComparison.Ordinal))];

    private static List<string> Encrypted(IEnumerable<TableEntity> rows, string clientId) =>
        [
            .. rows.Where(r => r.RowKey == $"c:{clientId}")
                .SelectMany(r => new[] { r.GetString("Name"), r.GetString("Mobile"), r.GetString("Email") })
                .OfType<string>(),
        ];
}
