namespace ClientReminders.Tests.Clients;

/// <summary>An owner with a few thousand clients, written straight through the store as an import would, shared read-only by the tests.</summary>
public sealed class BigAccount : ClientsApp
{
    public const int Generated = 2_500;

    public Owner Owner { get; private set; } = null!;

    public int Total => Generated + 2;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Owner = await Owner.SignUpAsync(App);
        var account = await Owner.AccountAsync();
        var service = App.Services.GetRequiredService<ClientService>();
        var clients = new List<ClientEntity>();
        for (var i = 0; i < Generated; i++)
        {
            clients.Add(await NewClientAsync(service, account.Id, new ClientService.ValidClient($"Client {i:D4}", $"+447400{i:D6}", null)));
        }
        clients.Add(await NewClientAsync(service, account.Id, new ClientService.ValidClient("Zoë Ålander", "+447700900777", null)));
        clients.Add(await NewClientAsync(service, account.Id, new ClientService.ValidClient("Chloé Dupont", null, "chloe.dupont@example.org")));
        await App.Services.GetRequiredService<ClientStore>().AddManyAsync(clients, CancellationToken.None);
        await App.Services.GetRequiredService<AccountStore>().BumpClientsVersionAsync(account.Id, CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        Owner.Dispose();
        await base.DisposeAsync();
    }

    private static async Task<ClientEntity> NewClientAsync(ClientService service, string accountId, ClientService.ValidClient details)
    {
        var client = new ClientEntity
        {
            PartitionKey = accountId,
            RowKey = ClientEntity.RowKeyFor(Ids.New()),
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        await service.SetDetailsAsync(accountId, client, details, CancellationToken.None);
        return client;
    }
}

public class ClientSearchTests(BigAccount account) : IClassFixture<BigAccount>
{
    private readonly Owner owner = account.Owner;

    [Fact]
    public async Task TheListComesInPagesWithTheTotal()
    {
        var first = await owner.GetJsonAsync("/api/clients?page=1&pageSize=100");
        var second = await owner.GetJsonAsync("/api/clients?page=2&pageSize=100");

        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(100, first.GetProperty("pageSize").GetInt32());
        Assert.Equal(account.Total, first.GetProperty("total").GetInt32());
        Assert.Equal(100, first.GetProperty("items").GetArrayLength());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Empty(Names(first).Intersect(Names(second)));
    }

    [Fact]
    public async Task TheLastPageHoldsWhatIsLeft()
    {
        var last = await owner.GetJsonAsync($"/api/clients?page={(account.Total / 100) + 1}&pageSize=100");
        var beyond = await owner.GetJsonAsync($"/api/clients?page={(account.Total / 100) + 2}&pageSize=100");

        Assert.Equal(account.Total % 100, last.GetProperty("items").GetArrayLength());
        Assert.Empty(beyond.GetProperty("items").EnumerateArray());
        Assert.Equal(account.Total, beyond.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task EveryClientIsOnExactlyOnePageSortedByName()
    {
        var names = new List<string>();
        for (var page = 1; page <= (account.Total / ClientService.MaxPageSize) + 1; page++)
        {
            names.AddRange(Names(await owner.GetJsonAsync($"/api/clients?page={page}&pageSize={ClientService.MaxPageSize}")));
        }

        Assert.Equal(account.Total, names.Count);
        Assert.Equal(account.Total, names.Distinct().Count());
        Assert.Equal(["Chloé Dupont", "Client 0000"], names.Take(2));
        Assert.Equal("Zoë Ålander", names[^1]);
    }

    [Fact]
    public async Task APageSizeAboveTheMaximumIsCapped()
    {
        var page = await owner.GetJsonAsync("/api/clients?pageSize=5000");

        Assert.Equal(ClientService.MaxPageSize, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(ClientService.MaxPageSize, page.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("zoe")]
    [InlineData("ALANDER")]
    [InlineData("ë Å")]
    public async Task SearchingByPartOfTheNameIgnoresCaseAndAccents(string search)
    {
        var found = await owner.GetJsonAsync($"/api/clients?search={Uri.EscapeDataString(search)}");

        Assert.Equal(["Zoë Ålander"], Names(found));
        Assert.Equal(1, found.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SearchingAPrefixSharedByManyNamesPagesThroughTheMatches()
    {
        var found = await owner.GetJsonAsync("/api/clients?search=client%2012&pageSize=50");

        Assert.Equal(100, found.GetProperty("total").GetInt32());
        Assert.Equal(50, found.GetProperty("items").GetArrayLength());
        Assert.All(Names(found), name => Assert.StartsWith("Client 12", name, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("chloe.dupont@")]
    [InlineData("DUPONT@EXAMPLE.ORG")]
    public async Task SearchingByEmailFindsTheClient(string search)
    {
        var found = await owner.GetJsonAsync($"/api/clients?search={Uri.EscapeDataString(search)}");

        Assert.Equal(["Chloé Dupont"], Names(found));
    }

    [Theory]
    [InlineData("900777")]
    [InlineData("07700 900 777")]
    [InlineData("+44 7700 900777")]
    public async Task SearchingByDigitsOfTheMobileFindsTheClient(string search)
    {
        var found = await owner.GetJsonAsync($"/api/clients?search={Uri.EscapeDataString(search)}");

        Assert.Equal(["Zoë Ålander"], Names(found));
    }

    [Theory]
    [InlineData("ab9c007d77e")]
    [InlineData("mwrnk0ecu0b2")]
    public async Task ASearchOfLettersAndDigitsIsNotMatchedAgainstMobilesByItsScatteredDigits(string search)
    {
        var found = await owner.GetJsonAsync($"/api/clients?search={Uri.EscapeDataString(search)}");

        Assert.Equal(0, found.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("(0)7700-900.777")]
    public async Task ASearchWrittenLikeAPhoneNumberWithPunctuationFindsTheClient(string search)
    {
        var found = await owner.GetJsonAsync($"/api/clients?search={Uri.EscapeDataString(search)}");

        Assert.Equal(["Zoë Ålander"], Names(found));
    }

    [Fact]
    public async Task ASearchMatchingNobodyFindsNothing()
    {
        var found = await owner.GetJsonAsync("/api/clients?search=nobody-by-this-name");

        Assert.Equal(0, found.GetProperty("total").GetInt32());
        Assert.Empty(found.GetProperty("items").EnumerateArray());
    }

    private static List<string> Names(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
}
