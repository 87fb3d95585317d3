using Microsoft.Extensions.Options;

namespace ClientReminders.Accounts;

/// <summary>
/// Locally, a ready-made account to sign in with; created on first run only. On later runs it gets a new appointment soon
/// when it has none, so its reminders reach the local outbox within minutes of every start.
/// </summary>
public sealed class DemoAccountSeeder(
    AccountStore accounts,
    Clients.ClientService clients,
    Reminders.RuleService rules,
    Appointments.AppointmentService appointments,
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
        if (await accounts.FindByEmailAsync(email, cancellationToken) is { } existing)
        {
            if (existing.Status == AccountStatus.Active)
            {
                await BookSoonWhenNoneIsAsync(existing, cancellationToken);
            }
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
        var created = new List<string>();
        foreach (var (name, mobile, clientEmail) in DemoClients)
        {
            created.Add((await clients.CreateAsync(account, new Clients.ClientInput(name, mobile, clientEmail), cancellationToken)).Id);
        }
        await rules.CreateAsync(account, new Reminders.RuleInput(Reminders.ReminderChannel.SmsOrEmail, (int)TimeSpan.FromDays(1).TotalMinutes, "08:00", "20:00", null), cancellationToken);
        await rules.CreateAsync(account, new Reminders.RuleInput(Reminders.ReminderChannel.Email, 120, null, null, null), cancellationToken);
        // The first appointment is soon enough that its reminders go out right away, so the outbox fills within a minute of starting.
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone)).DateTime;
        var soon = Soon(local);
        (string Client, DateTime Start, string Title)[] bookings =
        [
            (created[0], soon, "Initial assessment"),
            (created[1], local.Date.AddDays(1).AddHours(10.5), "Follow-up"),
            (created[2], local.Date.AddDays(3).AddHours(14), "Sports massage"),
            (created[3], local.Date.AddDays(5).AddHours(9.25), "Follow-up"),
        ];
        foreach (var (client, start, title) in bookings)
        {
            await BookAsync(account, client, start, title, cancellationToken);
        }
        logger.LogInformation("Created the demo account with {Clients} clients and {Appointments} appointments", DemoClients.Length, bookings.Length);
    }

    /// <summary>The top of the hour after next, local time: its reminders (a day and two hours before) are due at once.</summary>
    private static DateTime Soon(DateTime local) => local.Date.AddHours(local.Hour + 2);

    private Task BookAsync(AccountEntity account, string clientId, DateTime start, string title, CancellationToken cancellationToken) =>
        appointments.CreateAsync(account, new Appointments.AppointmentInput(
            clientId, start.ToString(Appointments.AppointmentFields.LocalFormat, System.Globalization.CultureInfo.InvariantCulture),
            start.AddMinutes(45).ToString(Appointments.AppointmentFields.LocalFormat, System.Globalization.CultureInfo.InvariantCulture),
            null, title, "Harbour Street clinic, room 2", null), cancellationToken);

    private async Task BookSoonWhenNoneIsAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone)).DateTime;
        var soon = Soon(local);
        var today = DateOnly.FromDateTime(local);
        var booked = await appointments.ListAsync(account, today, today.AddDays(2), cancellationToken);
        if (booked.Items.Any(a => a.Status == Appointments.AppointmentStatus.Scheduled
            && DateTime.Parse(a.Start, System.Globalization.CultureInfo.InvariantCulture) is var start && start > local && start <= soon))
        {
            return;
        }
        if ((await clients.ListAsync(account, null, 1, 1, cancellationToken)).Items is not [var client, ..])
        {
            return;
        }
        await BookAsync(account, client.Id, soon, "Initial assessment", cancellationToken);
        logger.LogInformation("Booked a demo appointment soon, so its reminders go out within minutes");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
