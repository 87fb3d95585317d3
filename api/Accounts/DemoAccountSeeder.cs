using Microsoft.Extensions.Options;

namespace ClientReminders.Accounts;

/// <summary>Locally, a ready-made account to sign in with; created on first run only.</summary>
public sealed class DemoAccountSeeder(
    AccountStore accounts,
    Clients.ClientService clients,
    PasswordHasher hasher,
    TimeProvider time,
    IOptions<TrialPlanOptions> trial,
    IConfiguration configuration,
    ILogger<DemoAccountSeeder> logger) : IHostedService
{
    public const string DefaultEmail = "demo@clientreminders.example";
    public const string DefaultPassword = "Reminders-Demo-2026";

    private static readonly (string Name, string? Mobile, string? Email)[] DemoClients =
    [
        ("Amelia Hughes", "07700 900101", "amelia.hughes@example.com"),
        ("Oliver Bennett", "07700 900102", null),
        ("Priya Natarajan", "07700 900103", "priya@example.com"),
        ("Tomás Ó Briain", null, "tomas@example.com"),
        ("Grace Whitfield", "07700 900105", "grace.w@example.com"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var email = configuration["Demo:Email"] ?? DefaultEmail;
        if (await accounts.FindByEmailAsync(email, cancellationToken) is not null)
        {
            return;
        }
        var now = time.GetUtcNow();
        var account = new AccountEntity
        {
            PartitionKey = Guid.NewGuid().ToString("N"),
            BusinessName = "Harbour Street Physio",
            OwnerName = "Sam Demo",
            Email = AccountStore.NormalizeEmail(email),
            Country = "GB",
            TimeZone = "Europe/London",
            PasswordHash = hasher.Hash(configuration["Demo:Password"] ?? DefaultPassword),
            CreatedAt = now,
            PlanCode = Plans.Trial,
            PlanEndsAt = now.AddDays(trial.Value.Days),
            SmsAllowance = trial.Value.SmsAllowance,
        };
        await accounts.CreateAsync(account, cancellationToken);
        // Numbers from Ofcom's range reserved for drama and addresses under example.com: nobody real is ever contacted.
        foreach (var (name, mobile, clientEmail) in DemoClients)
        {
            await clients.CreateAsync(account, new Clients.ClientInput(name, mobile, clientEmail), cancellationToken);
        }
        logger.LogInformation("Created the demo account with {Count} clients", DemoClients.Length);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
