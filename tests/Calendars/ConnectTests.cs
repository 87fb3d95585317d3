using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Calendars;

public class ConnectTests(CalendarApp fixture) : IClassFixture<CalendarApp>
{
    [Fact]
    public async Task ConnectingStoresTheTokensEncryptedSoNoTokenTextIsInTheRow()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var user = fixture.Cloud.AddUser(upn: $"owner-{Guid.NewGuid():N}@contoso.example");

        var connectionId = await owner.ConnectAsync(fixture.Cloud, user);

        var overview = await owner.GetJsonAsync("/api/calendars");
        var connection = Assert.Single(overview.GetProperty("connections").EnumerateArray());
        Assert.Equal(connectionId, connection.GetProperty("id").GetString());
        Assert.Equal(user.UserPrincipalName, connection.GetProperty("mailbox").GetString());
        Assert.Equal(ConnectionStatus.Connected, connection.GetProperty("status").GetString());
        Assert.Equal(30, connection.GetProperty("lookAheadDays").GetInt32());
        var row = Assert.Single(await owner.RawRowsAsync(StorageTables.CalendarConnections));
        var raw = string.Join("\n", row.Select(p => $"{p.Key}={p.Value}"));
        Assert.DoesNotContain("refresh-", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("access-", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(user.UserPrincipalName, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(user.ObjectId, raw, StringComparison.Ordinal);
        Assert.StartsWith("e1.", (string)row["TokenCache"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuthorizeRequestCarriesAnS256ChallengeAndAState()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        using var started = await owner.Browser.PostJsonAsync("/api/calendars/microsoft/connect", new { });
        var url = new Uri((await Owners.JsonAsync(started)).GetProperty("authorizeUrl").GetString()!);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query);

        Assert.Equal(fixture.Cloud.Authority.Authority, url.Authority);
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.Single(query["state"]);
        Assert.True(query["state"].ToString().Length >= 32);
        Assert.EndsWith("/api/calendars/microsoft/callback", query["redirect_uri"].ToString(), StringComparison.Ordinal);
        Assert.Contains("offline_access", query["scope"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallbackInAnotherBrowserSessionIsRefused()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        fixture.Cloud.NextSignIn = fixture.Cloud.AddUser();
        using var started = await owner.Browser.PostJsonAsync("/api/calendars/microsoft/connect", new { });
        using var browser = fixture.Cloud.BrowserClient();
        using var consent = await browser.GetAsync((await Owners.JsonAsync(started)).GetProperty("authorizeUrl").GetString());
        using var otherSession = new TestBrowser(fixture.App);
        await Owners.SignInAsync(otherSession, owner.Email);

        using var callback = await otherSession.GetAsync(consent.Headers.Location!.PathAndQuery);

        Assert.Equal("/calendars?error=failed", callback.Headers.Location!.ToString());
        Assert.Empty((await owner.GetJsonAsync("/api/calendars")).GetProperty("connections").EnumerateArray());
    }

    [Fact]
    public async Task ACodeRedeemedWithoutTheRightVerifierIsRefusedByTheIdentityPlatform()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        fixture.Cloud.NextSignIn = fixture.Cloud.AddUser();
        using var started = await owner.Browser.PostJsonAsync("/api/calendars/microsoft/connect", new { });
        using var browser = fixture.Cloud.BrowserClient();
        var authorize = new Uri((await Owners.JsonAsync(started)).GetProperty("authorizeUrl").GetString()!);
        using var consent = await browser.GetAsync(authorize);
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(consent.Headers.Location!.Query)["code"].ToString();

        using var exchange = await browser.PostAsync(
            new Uri(fixture.Cloud.Authority + "/oauth2/v2.0/token"),
            new FormUrlEncodedContent(
                new Dictionary<string, string>
                {
                    ["grant_type"] = "authorization_code",
                    ["client_id"] = FakeMicrosoftCloud.ClientId,
                    ["client_secret"] = FakeMicrosoftCloud.ClientSecret,
                    ["code"] = code,
                    ["redirect_uri"] = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorize.Query)["redirect_uri"].ToString(),
                    ["code_verifier"] = new string('a', 43),
                }
            )
        );

        Assert.Equal(HttpStatusCode.BadRequest, exchange.StatusCode);
        Assert.Contains("AADSTS501481", await exchange.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAClientIdTheConnectButtonSaysOutlookIsNotAvailableInPlainWords()
    {
        await using var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["RateLimits:Auth:PerIpPermits"] = "10000" });
        using var owner = await Owner.SignUpAsync(app);

        Assert.False((await owner.GetJsonAsync("/api/calendars")).GetProperty("configured").GetBoolean());
        using var started = await owner.Browser.PostJsonAsync("/api/calendars/microsoft/connect", new { });
        Assert.Equal(HttpStatusCode.Conflict, started.StatusCode);
        var body = await started.Content.ReadAsStringAsync();
        Assert.Contains("Outlook connection is not available on this server yet", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Graph:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevokedConsentMarksTheConnectionNeedsReconnectingAndEmailsTheOwnerOnce()
    {
        // Tokens this short-lived are refreshed by MSAL on every use.
        fixture.Cloud.AccessTokenLifetime = TimeSpan.FromMinutes(1);
        try
        {
            var (owner, user, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
            using var _owner = owner;
            user.ConsentRevoked = true;
            calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(3));

            await fixture.SyncAsync();
            await fixture.SyncAsync();

            var connection = Assert.Single((await owner.GetJsonAsync("/api/calendars")).GetProperty("connections").EnumerateArray());
            Assert.Equal(ConnectionStatus.NeedsReconnecting, connection.GetProperty("status").GetString());
            var emails = fixture
                .App.Services.GetRequiredService<DevOutbox>()
                .Messages.Where(m => m.Message.To == owner.Email && m.Message.Subject == "Reconnect your Outlook calendar");
            Assert.Single(emails);
            Assert.Empty(await owner.CalendarAppointmentsAsync());
        }
        finally
        {
            fixture.Cloud.AccessTokenLifetime = TimeSpan.FromHours(1);
        }
    }

    [Fact]
    public async Task AnExpiringAccessTokenIsRefreshedAndTheNewTokensAreSavedEncrypted()
    {
        fixture.Cloud.AccessTokenLifetime = TimeSpan.FromMinutes(1);
        try
        {
            var (owner, _, calendar, _, _) = await fixture.OwnerWithCalendarAsync();
            using var _owner = owner;
            var before = (string)Assert.Single(await owner.RawRowsAsync(StorageTables.CalendarConnections))["TokenCache"];
            var refreshes = fixture.Cloud.TokenGrants.Count(g => g == "refresh_token");
            calendar.Add("Ada Lovelace check-up", fixture.DaysAhead(3));

            await fixture.SyncAsync();

            Assert.True(fixture.Cloud.TokenGrants.Count(g => g == "refresh_token") > refreshes);
            var after = (string)Assert.Single(await owner.RawRowsAsync(StorageTables.CalendarConnections))["TokenCache"];
            Assert.NotEqual(before, after);
            Assert.StartsWith("e1.", after, StringComparison.Ordinal);
            Assert.Single(await owner.CalendarAppointmentsAsync());
        }
        finally
        {
            fixture.Cloud.AccessTokenLifetime = TimeSpan.FromHours(1);
        }
    }
}
