using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Messaging;

/// <summary>One app for the class, reminders going to the local outbox; each test signs up its own owner.</summary>
public class UnsubscribeApp : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await Owners.StartAppAsync(new Dictionary<string, string> { ["RateLimits:Auth:PerIpPermits"] = "10000" });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public class UnsubscribeTests(UnsubscribeApp fixture) : IClassFixture<UnsubscribeApp>
{
    private const string InvalidLink = "This unsubscribe link is not valid or has expired.";

    private TestApp App => fixture.App;

    private IReadOnlyList<OutboxMessage> Outbox(Owner owner) => App.Services.GetRequiredService<LocalReminderOutbox>().For(owner.AccountId);

    private static async Task AddRuleAsync(Owner owner, ReminderChannel channel)
    {
        using var response = await owner.Browser.PostJsonAsync("/api/rules", new { channel, offsetMinutes = 1440 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Books an appointment two hours ahead, so every rule a day ahead gives a reminder due at once; returns its reminders by channel.</summary>
    private static async Task<Dictionary<ReminderChannel, string>> BookAsync(Owner owner, string clientId, int hoursAhead = 2)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime.AddHours(hoursAhead);
        string Format(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        using var response = await owner.Browser.PostJsonAsync(
            "/api/appointments",
            new
            {
                clientId,
                start = Format(local),
                end = Format(local.AddHours(1)),
                timeZone = "Europe/London",
                title = "Follow-up",
            }
        );
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Owners.JsonAsync(response))
            .GetProperty("reminders")
            .EnumerateArray()
            .ToDictionary(r => WireNames.Parse<ReminderChannel>(r.GetProperty("channel").GetString()!), r => r.GetProperty("id").GetString()!);
    }

    private async Task<SendRun> SendAsync(Owner owner, string reminderId)
    {
        var message = JsonSerializer.Serialize(new SendReminderMessage(owner.AccountId, reminderId, 1), JsonSerializerOptions.Web);
        return await App
            .Services.GetRequiredService<ReminderSender>()
            .RunAsync(new QueueInvocation(message, Guid.NewGuid().ToString(), 1, null), CancellationToken.None);
    }

    private async Task<(Owner Owner, string ClientId, OutboxMessage Email)> EmailedAsync()
    {
        var owner = await Owner.SignUpAsync(App);
        var clientId = (await owner.AddClientAsync("Ada Lovelace", "07700 900123", "ada@example.com")).GetProperty("id").GetString()!;
        await AddRuleAsync(owner, ReminderChannel.Email);
        Assert.Equal(SendRun.SentByEmail, await SendAsync(owner, (await BookAsync(owner, clientId))[ReminderChannel.Email]));
        return (owner, clientId, Assert.Single(Outbox(owner)));
    }

    private static string OneClickPath(OutboxMessage email) => new Uri(email.Headers!["List-Unsubscribe"].Trim('<', '>')).PathAndQuery;

    private static string Token(OutboxMessage email) => OneClickPath(email)["/api/unsubscribe?token=".Length..];

    /// <summary>A mail client's one-click POST (RFC 8058): no cookies, no anti-forgery token, a form body.</summary>
    private async Task<HttpResponseMessage> OneClickAsync(string path)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = App.BaseAddress };
        using var body = new StringContent("List-Unsubscribe=One-Click", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        return await http.PostAsync(path, body);
    }

    private static async Task<bool> EmailOptedOutAsync(Owner owner, string clientId) =>
        (await owner.GetJsonAsync($"/api/clients/{clientId}")).GetProperty("emailOptedOut").GetBoolean();

    private static async Task AssertInvalidAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(InvalidLink, (await Owners.JsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task EveryReminderEmailCarriesTheFooterLinkAndTheOneClickHeaders()
    {
        var (owner, clientId, email) = await EmailedAsync();
        using var _ = owner;

        var app = App.Services.GetRequiredService<IOptions<AppOptions>>().Value;
        var token = Token(email);
        var page = app.Link("/u/" + token);
        Assert.True(page.Length < app.Link("").Length + 70, page);
        Assert.EndsWith($"\n\nUnsubscribe from these emails: {page}\n", email.Body, StringComparison.Ordinal);
        Assert.Contains(
            $"Unsubscribe from these emails: <a href=\"{page}\" style=\"color:#555\">{page}</a></p>\n</body>",
            email.Html,
            StringComparison.Ordinal
        );
        Assert.Equal($"<{app.Link("/api/unsubscribe?token=" + token)}>", email.Headers!["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        Assert.True(App.Services.GetRequiredService<UnsubscribeTokens>().TryRead(token, out var accountId, out var readClientId));
        Assert.Equal((owner.AccountId, clientId), (accountId, readClientId));
    }

    [Fact]
    public async Task TheConfirmationPageShowsTheBusinessWithoutUnsubscribing()
    {
        var (owner, clientId, email) = await EmailedAsync();
        using var _ = owner;

        using var first = await App.Client.GetAsync(OneClickPath(email));
        using var second = await App.Client.GetAsync(OneClickPath(email));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await Owners.JsonAsync(second);
        Assert.Equal(("Harbour Physio", false), (page.GetProperty("businessName").GetString(), page.GetProperty("alreadyUnsubscribed").GetBoolean()));
        Assert.False(await EmailOptedOutAsync(owner, clientId));
    }

    [Fact]
    public async Task AOneClickPostFromAMailClientOptsTheClientOutOfEmail()
    {
        var (owner, clientId, email) = await EmailedAsync();
        using var _ = owner;

        using var response = await OneClickAsync(OneClickPath(email));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Owners.JsonAsync(response);
        Assert.Equal("Harbour Physio", answer.GetProperty("businessName").GetString());
        Assert.Contains("Harbour Physio", answer.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(await EmailOptedOutAsync(owner, clientId));
        Assert.Equal("active", (await owner.GetJsonAsync($"/api/clients/{clientId}")).GetProperty("status").GetString());
        using var page = await App.Client.GetAsync(OneClickPath(email));
        Assert.True((await Owners.JsonAsync(page)).GetProperty("alreadyUnsubscribed").GetBoolean());
    }

    [Fact]
    public async Task TheConfirmationPagesButtonMayPostTheTokenAsJsonAndRepeatingItChangesNothing()
    {
        var (owner, clientId, email) = await EmailedAsync();
        using var _ = owner;

        using var first = await App.Client.PostAsJsonAsync("/api/unsubscribe", new { token = Token(email) });
        using var again = await App.Client.PostAsJsonAsync("/api/unsubscribe", new { token = Token(email) });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.True(await EmailOptedOutAsync(owner, clientId));
    }

    [Fact]
    public async Task AfterUnsubscribingTheNextEmailReminderIsSkippedWhileSmsStillGoes()
    {
        var (owner, clientId, email) = await EmailedAsync();
        using var _ = owner;
        using var unsubscribed = await OneClickAsync(OneClickPath(email));
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        await AddRuleAsync(owner, ReminderChannel.Sms);
        var reminders = await BookAsync(owner, clientId);

        var emailResult = await SendAsync(owner, reminders[ReminderChannel.Email]);
        var smsResult = await SendAsync(owner, reminders[ReminderChannel.Sms]);

        // Planned as not going out, with the reason, as soon as it was booked.
        Assert.Equal(new SendRun.AlreadyFinished(ReminderStatus.Skipped), emailResult);
        Assert.Equal(SendRun.SentBySms, smsResult);
        Assert.Equal([ReminderChannel.Email, ReminderChannel.Sms], Outbox(owner).Select(m => m.Channel));
        var table = await App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        var skipped = (
            await table.GetEntityAsync<ReminderEntity>(
                ReminderKeys.PartitionOf(owner.AccountId, reminders[ReminderChannel.Email])!,
                reminders[ReminderChannel.Email]
            )
        ).Value;
        Assert.Equal((ReminderStatus.Skipped, "The client unsubscribed from email."), (skipped.Status, skipped.Reason));
    }

    [Fact]
    public async Task AnSmsOrEmailReminderDoesNotFallBackToEmailForAClientWhoUnsubscribed()
    {
        using var owner = await Owner.SignUpAsync(App);
        var clientId = (await owner.AddClientAsync("Ada Lovelace", null, "ada@example.com")).GetProperty("id").GetString()!;
        var token = App.Services.GetRequiredService<UnsubscribeTokens>().Create(owner.AccountId, clientId);
        using var unsubscribed = await OneClickAsync("/api/unsubscribe?token=" + token);
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        await AddRuleAsync(owner, ReminderChannel.SmsOrEmail);

        // Listed by the email it would fall back to, and why that cannot go either.
        var reminderId = (await BookAsync(owner, clientId))[ReminderChannel.Email];
        var result = await SendAsync(owner, reminderId);

        Assert.Equal(new SendRun.AlreadyFinished(ReminderStatus.Skipped), result);
        Assert.Equal((ReminderStatus.Skipped, "The client unsubscribed from email."), await StatusAsync(owner, reminderId));
        Assert.Empty(Outbox(owner));
    }

    [Fact]
    public async Task AnEmailReminderAlreadyPlannedIsListedAsSkippedAsSoonAsTheClientUnsubscribes()
    {
        var (owner, clientId, email) = await EmailedAsync();
        using var _ = owner;
        var next = (await BookAsync(owner, clientId, hoursAhead: 30))[ReminderChannel.Email];
        Assert.Equal((ReminderStatus.Scheduled, null), await StatusAsync(owner, next));

        using var unsubscribed = await OneClickAsync(OneClickPath(email));

        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);
        Assert.Equal((ReminderStatus.Skipped, "The client unsubscribed from email."), await StatusAsync(owner, next));
    }

    private async Task<(ReminderStatus Status, string? Reason)> StatusAsync(Owner owner, string reminderId)
    {
        var table = await App.Services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        var row = (await table.GetEntityAsync<ReminderEntity>(ReminderKeys.PartitionOf(owner.AccountId, reminderId)!, reminderId)).Value;
        return (row.Status, row.Reason);
    }

    [Fact]
    public async Task ATamperedTokenIsRefusedAndChangesNothing()
    {
        var (owner, clientId, email) = await EmailedAsync();
        using var _ = owner;
        var token = Token(email);
        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        using var post = await OneClickAsync("/api/unsubscribe?token=" + tampered);
        using var get = await App.Client.GetAsync("/api/unsubscribe?token=" + tampered);
        using var missing = await OneClickAsync("/api/unsubscribe");

        await AssertInvalidAsync(post);
        await AssertInvalidAsync(get);
        await AssertInvalidAsync(missing);
        Assert.False(await EmailOptedOutAsync(owner, clientId));
    }

    [Fact]
    public async Task TheLinkOfADeletedClientIsRefusedAndBringsNothingBack()
    {
        var (owner, clientId, email) = await EmailedAsync();
        using var _ = owner;
        using var deleted = await owner.Browser.DeleteJsonAsync($"/api/clients/{clientId}", null);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var post = await OneClickAsync(OneClickPath(email));
        using var get = await App.Client.GetAsync(OneClickPath(email));

        await AssertInvalidAsync(post);
        await AssertInvalidAsync(get);
        using var client = await owner.Browser.GetAsync($"/api/clients/{clientId}");
        Assert.Equal(HttpStatusCode.NotFound, client.StatusCode);
    }
}
