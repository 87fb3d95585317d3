using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClientReminders.Tests.Infrastructure;

/// <summary>Business owners for account tests: signed up through the real API, confirmed through the emailed link.</summary>
public static partial class Owners
{
    public const string Password = "a long Passphrase 42";

    /// <summary>The real app for account tests: the local trigger driver off, so a moved clock never fires the shared-storage purge.</summary>
    public static Task<TestApp> StartAppAsync(
        IReadOnlyDictionary<string, string>? settings = null,
        TimeProvider? clock = null,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? mapExtra = null,
        string? storageConnectionString = null
    )
    {
        var all = new Dictionary<string, string> { ["Triggers:LocalDriver"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        return TestApp.StartAsync(
            all,
            builder =>
            {
                if (clock is not null)
                {
                    builder.Services.AddSingleton(clock);
                }
                configure?.Invoke(builder);
            },
            mapExtra,
            storageConnectionString
        );
    }

    public static string NewEmail(string label = "owner") => $"{label}-{Guid.NewGuid():N}@example.com";

    public static object SignUpForm(string email, string password = Password) =>
        new
        {
            businessName = "Harbour Physio",
            ownerName = "Jane Owner",
            email,
            password,
            country = "GB",
            timeZone = "Europe/London",
        };

    public static async Task SignUpAsync(TestBrowser browser, string email, string password = Password)
    {
        using var response = await browser.PostJsonAsync("/api/auth/signup", SignUpForm(email, password));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public static async Task<string> SignUpAndConfirmAsync(TestApp app, TestBrowser browser, string? email = null, string password = Password)
    {
        email ??= NewEmail();
        await SignUpAsync(browser, email, password);
        using var confirmed = await browser.PostJsonAsync("/api/auth/confirm", new { token = LinkToken(app, email) });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return email;
    }

    public static async Task<JsonElement> SignInAsync(TestBrowser browser, string email, string password = Password, bool rememberMe = false)
    {
        using var response = await browser.PostJsonAsync(
            "/api/auth/login",
            new
            {
                email,
                password,
                rememberMe,
            }
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    /// <summary>Signs <paramref name="browser"/> up and confirms (which signs it in) as a new owner; returns the owner's email.</summary>
    public static async Task<string> SignedInAsync(TestApp app, TestBrowser browser, string? email = null, string password = Password) =>
        await SignUpAndConfirmAsync(app, browser, email, password);

    public static DevOutbox Outbox(TestApp app) => app.Services.GetRequiredService<DevOutbox>();

    /// <summary>The token of the link in the newest email to <paramref name="email"/>.</summary>
    public static string LinkToken(TestApp app, string email)
    {
        var message = Outbox(app).LatestTo(email) ?? throw new InvalidOperationException($"No email was sent to {email}.");
        var match = TokenInLink().Match(message.Message.Text);
        Assert.True(match.Success, $"The email '{message.Message.Subject}' holds no link with a token.");
        return match.Groups[1].Value;
    }

    public static IReadOnlyList<OutboxEntry> EmailsTo(TestApp app, string email) =>
        Outbox(app).Messages.Where(m => string.Equals(m.Message.To, email, StringComparison.OrdinalIgnoreCase)).ToList();

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>A response body as compared between two answers: without the per-request trace id, which says nothing about the account.</summary>
    public static async Task<string> ComparableBodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (JsonNode.Parse(text) is JsonObject body)
        {
            body.Remove("traceId");
            return body.ToJsonString();
        }
        return text;
    }

    [GeneratedRegex("token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenInLink();
}
