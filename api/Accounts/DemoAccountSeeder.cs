using Microsoft.Extensions.Options;

namespace ClientReminders.Accounts;

/// <summary>Locally, a ready-made account to sign in with; created on first run only.</summary>
public sealed class DemoAccountSeeder(
    AccountStore accounts,
    PasswordHasher hasher,
    TimeProvider time,
    IOptions<TrialPlanOptions> trial,
    IConfiguration configuration,
    ILogger<DemoAccountSeeder> logger) : IHostedService
{
    public const string DefaultEmail = "demo@clientreminders.example";
    public const string DefaultPassword = "Reminders-Demo-2026";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var email = configuration["Demo:Email"] ?? DefaultEmail;
        if (await accounts.FindByEmailAsync(email, cancellationToken) is not null)
        {
            return;
        }
        var now = time.GetUtcNow();
        await accounts.CreateAsync(new AccountEntity
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
        }, cancellationToken);
        logger.LogInformation("Created the demo account");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
