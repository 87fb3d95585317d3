namespace ClientReminders.Tests.Clients;

public class ClientsApiTests(ClientsApp fixture) : IClassFixture<ClientsApp>
{
    private readonly TestApp app = fixture.App;

    [Fact]
    public async Task AClientIsCreatedReadUpdatedAndDeleted()
    {
        using var owner = await Owner.SignUpAsync(app);

        var created = await owner.AddClientAsync("Ada Lovelace", "07700 900123", "ada@example.com");
        var id = created.GetProperty("id").GetString()!;
        var read = await owner.GetJsonAsync($"/api/clients/{id}");
        using var updated = await owner.Browser.PutJsonAsync(
            $"/api/clients/{id}",
            new
            {
                name = "Ada King",
                mobile = "+44 7700 900456",
                email = (string?)null,
            }
        );
        var reread = await owner.GetJsonAsync($"/api/clients/{id}");
        using var deleted = await owner.Browser.DeleteJsonAsync($"/api/clients/{id}", null);
        using var gone = await owner.Browser.GetAsync($"/api/clients/{id}");

        Assert.Equal("Ada Lovelace", read.GetProperty("name").GetString());
        Assert.Equal("+447700900123", read.GetProperty("mobile").GetString());
        Assert.Equal("ada@example.com", read.GetProperty("email").GetString());
        Assert.Equal("active", read.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("Ada King", reread.GetProperty("name").GetString());
        Assert.Equal("+447700900456", reread.GetProperty("mobile").GetString());
        Assert.Equal(JsonValueKind.Null, reread.GetProperty("email").ValueKind);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task AUkAccountsNationalMobileIsStoredInInternationalForm()
    {
        using var owner = await Owner.SignUpAsync(app);

        var created = await owner.AddClientAsync("Ben", "07700 900123");

        Assert.Equal("+447700900123", created.GetProperty("mobile").GetString());
    }

    [Theory]
    [InlineData("07700 9OO123", "Phone numbers can only contain digits")]
    [InlineData("07700 900", "too short")]
    [InlineData("020 7946 0000", "landline")]
    public async Task AnInvalidMobileIsRefusedWithTheReason(string mobile, string reason)
    {
        using var owner = await Owner.SignUpAsync(app);

        using var response = await owner.Browser.PostJsonAsync("/api/clients", new { name = "Cara", mobile });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Assert.Single(Errors(await Owners.JsonAsync(response), "mobile"));
        Assert.Contains(reason, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMobileIsShownInTheAccountsNationalFormat()
    {
        using var owner = await Owner.SignUpAsync(app);

        var created = await owner.AddClientAsync("Ben", "+44 7700 900123");

        Assert.Equal("07700 900123", created.GetProperty("mobileDisplay").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("mobileProblem").ValueKind);
    }

    [Fact]
    public async Task AClientSavedBeforeTheChecksWithANumberTheyRefuseIsKeptAndFlagged()
    {
        using var owner = await Owner.SignUpAsync(app);
        var account = await owner.AccountAsync();
        var service = app.Services.GetRequiredService<ClientService>();
        // A London landline, as the checks before libphonenumber let through: written past today's validation.
        var client = new ClientEntity
        {
            PartitionKey = account.Id,
            RowKey = ClientEntity.RowKeyFor(Ids.New()),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        await service.SetDetailsAsync(account.Id, client, new ClientService.ValidClient("Old Landline", "+442079460123", null), CancellationToken.None);
        await app.Services.GetRequiredService<ClientStore>().AddAsync(client, CancellationToken.None);
        await app.Services.GetRequiredService<AccountStore>().BumpClientsVersionAsync(account.Id, CancellationToken.None);

        var listed = (await owner.GetJsonAsync("/api/clients")).GetProperty("items").EnumerateArray().Single();
        var read = await owner.GetJsonAsync($"/api/clients/{listed.GetProperty("id").GetString()}");

        foreach (var shown in new[] { listed, read })
        {
            Assert.Equal("+442079460123", shown.GetProperty("mobile").GetString());
            Assert.Equal("020 7946 0123", shown.GetProperty("mobileDisplay").GetString());
            Assert.Equal("This looks like a landline: texts cannot reach it.", shown.GetProperty("mobileProblem").GetString());
        }
    }

    [Fact]
    public async Task AnEmailWithSpacesIsRefused()
    {
        using var owner = await Owner.SignUpAsync(app);

        using var response = await owner.Browser.PostJsonAsync("/api/clients", new { name = "Dev", email = "dev eloper@example.com" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["An email address cannot contain spaces."], Errors(await Owners.JsonAsync(response), "email"));
    }

    [Fact]
    public async Task AClientWithNeitherMobileNorEmailIsRefusedOnBothFields()
    {
        using var owner = await Owner.SignUpAsync(app);

        using var response = await owner.Browser.PostJsonAsync(
            "/api/clients",
            new
            {
                name = "Eli",
                mobile = " ",
                email = "",
            }
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Owners.JsonAsync(response);
        Assert.Equal(["Add a mobile number or an email address."], Errors(body, "mobile"));
        Assert.Equal(["Add a mobile number or an email address."], Errors(body, "email"));
    }

    [Theory]
    [InlineData("Noor 🌟 Haddad 👩🏽‍⚕️")]
    [InlineData("نور الهدى حداد")]
    [InlineData("דנה כהן (Dana)")]
    public async Task NamesWithEmojiOrRightToLeftTextAreKeptAsTyped(string name)
    {
        using var owner = await Owner.SignUpAsync(app);

        var created = await owner.AddClientAsync(name, email: "noor@example.com");
        var read = await owner.GetJsonAsync($"/api/clients/{created.GetProperty("id").GetString()}");
        var listed = await owner.GetJsonAsync("/api/clients");

        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal(name, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task ClientsWithTheSameMobileAreBothCreatedAndFlaggedAsDuplicates()
    {
        using var owner = await Owner.SignUpAsync(app);

        var first = await owner.AddClientAsync("Fran", "07700 900111");
        var second = await owner.AddClientAsync("Francesca", "+44 7700 900111");
        var firstAgain = await owner.GetJsonAsync($"/api/clients/{Id(first)}");
        var listed = await owner.GetJsonAsync("/api/clients");

        Assert.Empty(first.GetProperty("duplicates").EnumerateArray());
        Assert.Equal([Id(first)], Strings(second.GetProperty("duplicates")));
        Assert.Equal([Id(second)], Strings(firstAgain.GetProperty("duplicates")));
        Assert.All(listed.GetProperty("items").EnumerateArray(), c => Assert.Single(c.GetProperty("duplicates").EnumerateArray()));
    }

    [Fact]
    public async Task ClientsWithTheSameEmailInADifferentCaseAreBothCreatedAndFlaggedAsDuplicates()
    {
        using var owner = await Owner.SignUpAsync(app);

        var first = await owner.AddClientAsync("Gus", email: "Gus.Grant@Example.com");
        var second = await owner.AddClientAsync("Gus G", email: "gus.grant@example.COM");
        var firstAgain = await owner.GetJsonAsync($"/api/clients/{Id(first)}");

        Assert.Equal([Id(first)], Strings(second.GetProperty("duplicates")));
        Assert.Equal([Id(second)], Strings(firstAgain.GetProperty("duplicates")));
    }

    [Fact]
    public async Task ARestrictedClientCanBeMadeActiveAgain()
    {
        using var owner = await Owner.SignUpAsync(app);
        var id = Id(await owner.AddClientAsync("Hal", "07700 900222"));

        using var restricted = await owner.Browser.PostJsonAsync($"/api/clients/{id}/restrict", null);
        var whileRestricted = await owner.GetJsonAsync($"/api/clients/{id}");
        using var unrestricted = await owner.Browser.PostJsonAsync($"/api/clients/{id}/unrestrict", null);

        Assert.Equal("restricted", (await Owners.JsonAsync(restricted)).GetProperty("status").GetString());
        Assert.Equal("restricted", whileRestricted.GetProperty("status").GetString());
        Assert.Equal("active", (await Owners.JsonAsync(unrestricted)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnAnonymisedClientKeepsNoDetailsNoLookupRowsAndCannotBeEdited()
    {
        using var owner = await Owner.SignUpAsync(app);
        var id = Id(await owner.AddClientAsync("Ivy Irving", "07700 900333", "ivy@example.com"));
        var lookupsBefore = await RawRows.LookupsOfAsync(app, owner.AccountId, id);

        using var anonymised = await owner.Browser.PostJsonAsync($"/api/clients/{id}/anonymise", null);
        using var edited = await owner.Browser.PutJsonAsync($"/api/clients/{id}", new { name = "Ivy Irving", mobile = "07700 900333" });

        var client = await Owners.JsonAsync(anonymised);
        Assert.Equal(HttpStatusCode.OK, anonymised.StatusCode);
        Assert.Equal("anonymised", client.GetProperty("status").GetString());
        Assert.StartsWith("Anonymised client ", client.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, client.GetProperty("mobile").ValueKind);
        Assert.Equal(JsonValueKind.Null, client.GetProperty("email").ValueKind);
        Assert.Equal(2, lookupsBefore.Count);
        Assert.Empty(await RawRows.LookupsOfAsync(app, owner.AccountId, id));
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        Assert.Equal("anonymised", (await owner.GetJsonAsync($"/api/clients/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ADeletedClientIsGoneWithItsLookupRows()
    {
        using var owner = await Owner.SignUpAsync(app);
        var id = Id(await owner.AddClientAsync("Jo", "07700 900444", "jo@example.com"));
        var kept = Id(await owner.AddClientAsync("Jo's sister", "07700 900444"));

        using var deleted = await owner.Browser.DeleteJsonAsync($"/api/clients/{id}", null);
        using var get = await owner.Browser.GetAsync($"/api/clients/{id}");
        using var deletedAgain = await owner.Browser.DeleteJsonAsync($"/api/clients/{id}", null);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.StatusCode);
        var rows = await RawRows.OfAccountAsync(app, StorageTables.Clients, owner.AccountId);
        Assert.DoesNotContain(rows, r => r.RowKey.EndsWith(id, StringComparison.Ordinal) || r.GetString("ClientId") == id);
        Assert.Single(await RawRows.LookupsOfAsync(app, owner.AccountId, kept));
        Assert.Empty((await owner.GetJsonAsync($"/api/clients/{kept}")).GetProperty("duplicates").EnumerateArray());
    }

    internal static string Id(JsonElement client) => client.GetProperty("id").GetString()!;

    internal static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    internal static List<string> Errors(JsonElement problem, string field) => Strings(problem.GetProperty("errors").GetProperty(field));
}
