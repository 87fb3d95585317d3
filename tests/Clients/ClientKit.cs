using System.Net.Http.Headers;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Clients;

/// <summary>One app shared by a test class, its logs captured; each test signs up owners of its own, so tests never see each other's data.</summary>
public class ClientsApp : IAsyncLifetime
{
    public CapturingLoggerProvider Logs { get; } = new();

    public TestApp App { get; private set; } = null!;

    // Every test signs up its own owners from the same address.
    protected virtual Dictionary<string, string> Settings => new() { ["RateLimits:Auth:PerIpPermits"] = "10000" };

    public virtual async Task InitializeAsync() => App = await Owners.StartAppAsync(Settings, configure: builder => builder.Logging.AddProvider(Logs));

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>An owner signed up, confirmed and signed in through the real API, with their account id.</summary>
public sealed class Owner(TestApp app, TestBrowser browser, string email, string accountId) : IDisposable
{
    public TestApp App { get; } = app;

    public TestBrowser Browser { get; } = browser;

    public string Email { get; } = email;

    public string AccountId { get; } = accountId;

    public static async Task<Owner> SignUpAsync(TestApp app)
    {
        var browser = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, browser);
        using var me = await browser.GetAsync("/api/me");
        return new Owner(app, browser, email, (await Owners.JsonAsync(me)).GetProperty("id").GetString()!);
    }

    public async Task<AccountEntity> AccountAsync() => (await App.Services.GetRequiredService<AccountStore>().GetAsync(AccountId, CancellationToken.None))!;

    /// <summary>Adds a client through the API and returns it as answered (201 is asserted).</summary>
    public async Task<JsonElement> AddClientAsync(string name, string? mobile = null, string? email = null)
    {
        using var response = await Browser.PostJsonAsync(
            "/api/clients",
            new
            {
                name,
                mobile,
                email,
            }
        );
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Owners.JsonAsync(response);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Owners.JsonAsync(response);
    }

    /// <summary>Uploads <paramref name="csv"/> with consent given and returns the import id (202 is asserted).</summary>
    public async Task<string> StartImportAsync(string csv, object mapping, string fileName = "clients.csv")
    {
        using var response = await Browser.PostJsonAsync("/api/clients/import", Imports.Form(Encoding.UTF8.GetBytes(csv), mapping, consent: true, fileName));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await Owners.JsonAsync(response)).GetProperty("id").GetString()!;
    }

    /// <summary>Uploads and runs an import as the Functions host would, returning its progress.</summary>
    public async Task<JsonElement> ImportAsync(string csv, object mapping)
    {
        var id = await StartImportAsync(csv, mapping);
        await Imports.RunAsync(App, id);
        return await GetJsonAsync($"/api/clients/import/{id}");
    }

    public void Dispose() => Browser.Dispose();
}

public static class Imports
{
    public static readonly object NameMobileEmail = new
    {
        name = new[] { 0 },
        mobile = 1,
        email = 2,
    };

    public static MultipartFormDataContent Form(byte[] file, object? mapping, bool consent, string fileName = "clients.csv")
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", fileName);
        if (mapping is not null)
        {
            form.Add(new StringContent(JsonSerializer.Serialize(mapping)), "mapping");
        }
        if (consent)
        {
            form.Add(new StringContent("true"), "consent");
        }
        return form;
    }

    public static QueueClient Queue(TestApp app) => app.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(ClientImports.QueueName);

    /// <summary>
    /// Does what the Functions host does with the import's message: takes it off the queue (hidden from any other app meanwhile),
    /// hands it to the job, and deletes it once the job succeeds. Every app has its own master key, so only the app that
    /// started an import can run it.
    /// </summary>
    public static async Task<string> RunAsync(TestApp app, string importId, QueueMessage? taken = null)
    {
        var queue = Queue(app);
        var message = taken ?? await TakeMessageAsync(queue, importId);
        var result = await app
            .Services.GetRequiredService<ClientImportJob>()
            .RunAsync(new QueueInvocation(message.MessageText, message.MessageId, message.DequeueCount, message.InsertedOn), CancellationToken.None);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        return result;
    }

    /// <summary>Takes the import's message off the queue unprocessed, so the app with the trigger driver on never meets it.</summary>
    public static async Task DiscardAsync(TestApp app, string importId)
    {
        var message = await TakeMessageAsync(Queue(app), importId);
        await Queue(app).DeleteMessageAsync(message.MessageId, message.PopReceipt);
    }

    /// <summary>The import's message, received for a minute; other messages seen on the way are made visible again at once.</summary>
    public static async Task<QueueMessage> TakeMessageAsync(QueueClient queue, string importId)
    {
        QueueMessage? found = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value)
                {
                    if (found is null && message.MessageText.Contains(importId, StringComparison.Ordinal))
                    {
                        found = message;
                    }
                    else
                    {
                        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                    }
                }
                return found is not null;
            },
            $"the message of import {importId} is on the queue"
        );
        return found!;
    }

    public static async Task<ImportEntity> EntityAsync(TestApp app, string accountId, string importId) =>
        (await (await app.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Imports)).GetEntityAsync<ImportEntity>(accountId, importId)).Value;
}

public static class RawRows
{
    /// <summary>Every row of <paramref name="table"/> in the account's partition, as stored.</summary>
    public static async Task<List<TableEntity>> OfAccountAsync(TestApp app, StorageTable table, string accountId)
    {
        var client = app.Services.GetRequiredService<TableServiceClient>().GetTableClient(table.Name);
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in client.QueryAsync<TableEntity>(table.AccountFilter(accountId)))
            {
                rows.Add(row);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404) { }
        return rows;
    }

    /// <summary>The lookup rows (m: and e:) pointing at the client.</summary>
    public static async Task<List<TableEntity>> LookupsOfAsync(TestApp app, string accountId, string clientId) =>
        [
            .. (await OfAccountAsync(app, StorageTables.Clients, accountId)).Where(r =>
                !r.RowKey.StartsWith("c:", StringComparison.Ordinal) && r.GetString("ClientId") == clientId
            ),
        ];
}
