namespace ClientReminders.Tests.Clients;

public class ClientTenantIsolationTests(ClientsApp fixture) : IClassFixture<ClientsApp>
{
    private readonly TestApp app = fixture.App;

    [Fact]
    public async Task AnotherOwnerGets404ForEveryActionOnAClientThatIsNotTheirs()
    {
        using var a = await Owner.SignUpAsync(app);
        using var b = await Owner.SignUpAsync(app);
        var id = ClientsApiTests.Id(await a.AddClientAsync("Kit Kingsley", "07700 900555", "kit@example.com"));

        var answers = new Dictionary<string, HttpStatusCode>();
        foreach (
            var (method, path, body) in new (HttpMethod, string, object?)[]
            {
                (HttpMethod.Get, $"/api/clients/{id}", null),
                (HttpMethod.Put, $"/api/clients/{id}", new { name = "Taken over", email = "b@example.com" }),
                (HttpMethod.Post, $"/api/clients/{id}/restrict", null),
                (HttpMethod.Post, $"/api/clients/{id}/unrestrict", null),
                (HttpMethod.Post, $"/api/clients/{id}/anonymise", null),
                (HttpMethod.Delete, $"/api/clients/{id}", null),
            }
        )
        {
            using var response = await b.Browser.SendAsync(method, path, body, method == HttpMethod.Get ? Csrf.None : Csrf.Auto);
            answers[$"{method} {path}"] = response.StatusCode;
        }

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.NotFound, answer.Value));
        var untouched = await a.GetJsonAsync($"/api/clients/{id}");
        Assert.Equal("Kit Kingsley", untouched.GetProperty("name").GetString());
        Assert.Equal("active", untouched.GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnotherOwnerGets404ForAnImportThatIsNotTheirs()
    {
        using var a = await Owner.SignUpAsync(app);
        using var b = await Owner.SignUpAsync(app);
        var id = await a.StartImportAsync("Name,Mobile,Email\nLee,07700 900666,\nNo Contact,,\n", Imports.NameMobileEmail);
        await Imports.RunAsync(app, id);

        using var progress = await b.Browser.GetAsync($"/api/clients/import/{id}");
        using var rejected = await b.Browser.GetAsync($"/api/clients/import/{id}/rejected.csv");

        Assert.Equal(HttpStatusCode.NotFound, progress.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rejected.StatusCode);
        Assert.DoesNotContain(id, await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("completed", (await a.GetJsonAsync($"/api/clients/import/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnOwnersListAndSearchNeverHoldAnotherOwnersClients()
    {
        using var a = await Owner.SignUpAsync(app);
        using var b = await Owner.SignUpAsync(app);
        var aIds = new[]
        {
            ClientsApiTests.Id(await a.AddClientAsync("Mo Shared-Name", "07700 900777", "mo@example.com")),
            ClientsApiTests.Id(await a.AddClientAsync("Ned", email: "ned@example.com")),
        };
        var bId = ClientsApiTests.Id(await b.AddClientAsync("Mo Shared-Name", "07700 900777", "mo@example.com"));

        var list = await b.GetJsonAsync("/api/clients");
        var byName = await b.GetJsonAsync("/api/clients?search=shared");
        var byNumber = await b.GetJsonAsync("/api/clients?search=900777");
        var own = await b.GetJsonAsync($"/api/clients/{bId}");

        foreach (var page in new[] { list, byName, byNumber })
        {
            Assert.Equal([bId], page.GetProperty("items").EnumerateArray().Select(ClientsApiTests.Id));
            Assert.Equal(1, page.GetProperty("total").GetInt32());
        }
        Assert.Empty(own.GetProperty("duplicates").EnumerateArray());
        Assert.DoesNotContain(aIds[0], list.ToString(), StringComparison.Ordinal);
    }
}
