using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Accounts;

public class PasswordStorageTests
{
    [Fact]
    public async Task AHashWithFewerIterationsIsUpgradedAtTheNextSignIn()
    {
        await using var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["Security:Passwords:Iterations"] = "1200" });
        using var browser = new TestBrowser(app);
        var email = await Owners.SignUpAndConfirmAsync(app, browser);
        var id = (await Owners.SignInAsync(browser, email)).GetProperty("id").GetString()!;
        var accounts = app.Services.GetRequiredService<AccountStore>();
        var account = (await accounts.GetAsync(id, CancellationToken.None))!;
        account.PasswordHash = new PasswordHasher(Options.Create(new PasswordHashingOptions { Iterations = 600 })).Hash(Owners.Password);
        await accounts.UpdateAsync(account, CancellationToken.None);

        await Owners.SignInAsync(browser, email);

        var upgraded = (await accounts.GetAsync(id, CancellationToken.None))!.PasswordHash;
        Assert.Equal("1200", Regex.Match(upgraded, @"\$i=(\d+)\$").Groups[1].Value);
        await Owners.SignInAsync(browser, email);
    }

    [Fact]
    public async Task PasswordsNeverReachTheAuditLogTheTablesOrTheLogs()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Trace" }, configure: builder =>
            builder.Logging.AddProvider(logs)
        );
        var unique = Guid.NewGuid().ToString("N")[..10];
        string[] passwords = [$"first Pass {unique}", $"wrong Pass {unique}", $"second Pass {unique}", $"third Pass {unique}"];
        using var browser = new TestBrowser(app);
        var email = await Owners.SignUpAndConfirmAsync(app, browser, password: passwords[0]);
        using var wrong = await browser.PostJsonAsync("/api/auth/login", new { email, password = passwords[1] });
        await Owners.SignInAsync(browser, email, passwords[0]);
        using var changed = await browser.PostJsonAsync("/api/me/password", new { currentPassword = passwords[0], newPassword = passwords[2] });
        using var forgot = await browser.PostJsonAsync("/api/auth/forgot", new { email });
        using var reset = await browser.PostJsonAsync("/api/auth/reset", new { token = Owners.LinkToken(app, email), password = passwords[3] });
        await Owners.SignInAsync(browser, email, passwords[3]);
        using var emailChange = await browser.PostJsonAsync("/api/me/email", new { newEmail = Owners.NewEmail("moved"), password = passwords[3] });

        using var audit = await browser.GetAsync("/api/me/audit");

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, emailChange.StatusCode);
        var auditText = await audit.Content.ReadAsStringAsync();
        var rows = await AllRowValuesAsync(app.Services.GetRequiredService<TableServiceClient>());
        Assert.NotEmpty(logs.Lines);
        Assert.All(passwords, password =>
        {
            Assert.DoesNotContain(password, auditText, StringComparison.Ordinal);
            Assert.DoesNotContain(rows, value => value.Contains(password, StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Lines, line => line.Contains(password, StringComparison.Ordinal));
        });
    }

    private static async Task<List<string>> AllRowValuesAsync(TableServiceClient service)
    {
        var values = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                values.AddRange(row.StoredValues().Select(v => v?.ToString() ?? ""));
            }
        }
        return values;
    }
}
