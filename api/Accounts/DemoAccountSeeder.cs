namespace ClientReminders.Accounts;

/// <summary>
/// Locally, a ready-made account to sign in with; created on first run only. On later runs it gets a new appointment soon
/// when it has none, so its reminders reach the local outbox within minutes of every start.
/// </summary>
public sealed class DemoAccountSeeder(
    AccountStore accounts,
    ClientService clients,
    RuleService rules,
    AppointmentService appointments,
    DashboardService dashboard,
    DemoHistory history,
    PasswordHasher hasher,
    TimeProvider time,
    IOptions<TrialPlanOptions> trial,
    IConfiguration configuration,
    ILogger<DemoAccountSeeder> logger
) : IHostedService
{
    public const string DefaultEmail = "demo@clientreminders.example";
    public const string DefaultPassword = "Reminders-Demo-2026";

    private static readonly string[] FirstNames =
    [
        "Amelia",
        "Oliver",
        "Priya",
        "Tomás",
        "Grace",
        "Harry",
        "Isla",
        "Mohammed",
        "Sophie",
        "Jack",
        "Aisha",
        "George",
        "Freya",
        "Noah",
        "Zara",
        "Leo",
        "Chloe",
        "Arjun",
        "Ella",
        "Owen",
        "Niamh",
        "Samuel",
        "Maya",
        "Ethan",
        "Ruby",
        "Kwame",
        "Evie",
        "Daniel",
        "Hannah",
        "Luca",
    ];

    private static readonly string[] LastNames =
    [
        "Hughes",
        "Bennett",
        "Natarajan",
        "Ó Briain",
        "Whitfield",
        "Patel",
        "Campbell",
        "Rahman",
        "Turner",
        "Evans",
        "Okafor",
        "Price",
        "Murray",
        "Khan",
        "Ahmed",
        "Fraser",
        "Walsh",
        "Sharma",
        "Morgan",
        "Lloyd",
        "Gallagher",
        "Cohen",
        "Reid",
        "Young",
        "Shaw",
        "Mensah",
        "Harper",
        "Kowalski",
        "Doyle",
        "Romano",
    ];

    private static readonly string[] Treatments =
    [
        "Follow-up",
        "Initial assessment",
        "Sports massage",
        "Back pain review",
        "Post-op rehab",
        "Shoulder check",
        "Knee rehab",
        "Neck and posture",
    ];

    /// <summary>
    /// A clinic's client list: numbers from Ofcom's range reserved for drama and addresses under example.com, so nobody real is
    /// ever contacted; a few have only a mobile or only an email, as real lists do.
    /// </summary>
    private static IEnumerable<(string Name, string? Mobile, string? Email)> DemoClients() =>
        FirstNames.Select(
            (first, i) =>
            {
                var last = LastNames[i];
                var mobile = i % 7 == 3 ? null : $"07700 900{101 + i:D3}";
                var email =
                    i % 5 == 1 ? null : $"{first.ToLowerInvariant()}.{new string(last.Where(char.IsAsciiLetter).ToArray()).ToLowerInvariant()}@example.com";
                return ($"{first} {last}", mobile, email);
            }
        );

    /// <summary>A working week from tomorrow: three or four sessions a day, two and a half hours apart, none on Sundays.</summary>
    private static IEnumerable<(int Client, DateTime Start, string Title, int Room)> Week(DateTime today, int clients)
    {
        var slots = new[] { 9.0, 11.5, 14.0, 16.5 };
        var n = 0;
        for (var day = 1; day <= 7; day++)
        {
            var date = today.AddDays(day);
            if (date.DayOfWeek == DayOfWeek.Sunday)
            {
                continue;
            }
            foreach (
                var slot in slots.Take(
                    date.DayOfWeek == DayOfWeek.Saturday ? 2
                    : day % 2 == 0 ? 4
                    : 3
                )
            )
            {
                n++;
                yield return (1 + (n * 7 % (clients - 1)), date.AddHours(slot), Treatments[n % Treatments.Length], 1 + n % 2);
            }
        }
    }

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
            // Bristol numbers from Ofcom's range reserved for drama, like the clients'.
            BusinessAddress = "14 Harbour Street, Bristol BS1 4RN",
            BusinessPhone = "0117 496 0123",
            OwnerName = "Sam Demo",
            Email = AccountStore.NormalizeEmail(email),
            Country = "GB",
            TimeZone = "Europe/London",
            PasswordHash = hasher.Hash(configuration["Demo:Password"] ?? DefaultPassword),
            CreatedAt = now,
            PlanCode = Plans.Trial,
            PlanEndsAt = now.AddDays(trial.Value.Days),
            // Its past four weeks' texts count as this month's: they must not use up what its reminders today need.
            SmsAllowance = trial.Value.SmsAllowance + DemoHistory.MaxTexts,
        };
        await accounts.CreateAsync(account, cancellationToken);
        // Numbers from Ofcom's range reserved for drama and addresses under example.com: nobody real is ever contacted.
        var created = new List<string>();
        var known = new List<DemoHistory.Client>();
        foreach (var (name, mobile, clientEmail) in DemoClients())
        {
            var client = await clients.CreateAsync(account, new ClientInput(name, mobile, clientEmail), cancellationToken);
            created.Add(client.Id);
            known.Add(new DemoHistory.Client(client.Id, client.Name, client.Mobile, client.Email));
        }
        var ruleList = new List<RuleResponse>
        {
            await rules.CreateAsync(
                account,
                new RuleInput(ReminderChannel.SmsOrEmail.Name(), (int)TimeSpan.FromDays(1).TotalMinutes, "08:00", "20:00", null),
                cancellationToken
            ),
            await rules.CreateAsync(account, new RuleInput(ReminderChannel.Email.Name(), 120, null, null, null), cancellationToken),
        };
        var past = await history.WriteAsync(account, known, ruleList, Treatments, cancellationToken);
        // The first appointment is soon enough that its reminders go out right away, so the outbox fills within a minute of starting.
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone)).DateTime;
        await BookAsync(account, created[0], Soon(local), "Initial assessment", 2, cancellationToken);
        var booked = 1;
        foreach (var (client, start, title, room) in Week(local.Date, created.Count))
        {
            await BookAsync(account, created[client], start, title, room, cancellationToken);
            booked++;
        }
        // A demo shows the product at work, not its first-run checklist.
        await dashboard.DismissChecklistAsync(account, cancellationToken);
        logger.LogInformation(
            "Created the demo account with {Clients} clients, {Appointments} appointments to come and {Past} in the last four weeks ({Reminders} reminders, {Replies} replies)",
            created.Count,
            booked,
            past.Appointments,
            past.Reminders,
            past.Replies
        );
    }

    /// <summary>The top of the hour after next, local time: its reminders (a day and two hours before) are due at once.</summary>
    private static DateTime Soon(DateTime local) => local.Date.AddHours(local.Hour + 2);

    private Task BookAsync(AccountEntity account, string clientId, DateTime start, string title, int room, CancellationToken cancellationToken) =>
        appointments.CreateAsync(
            account,
            new AppointmentInput(
                clientId,
                start.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
                start.AddMinutes(45).ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
                null,
                title,
                $"Harbour Street clinic, room {room}",
                null
            ),
            cancellationToken
        );

    private async Task BookSoonWhenNoneIsAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone)).DateTime;
        var soon = Soon(local);
        var today = DateOnly.FromDateTime(local);
        var booked = await appointments.ListAsync(account, today, today.AddDays(2), cancellationToken);
        if (
            booked.Items.Any(a =>
                a.Status == AppointmentStatus.Scheduled && DateTime.Parse(a.Start, CultureInfo.InvariantCulture) is var start && start > local && start <= soon
            )
        )
        {
            return;
        }
        if ((await clients.ListAsync(account, null, 1, 1, cancellationToken)).Items is not [var client, ..])
        {
            return;
        }
        await BookAsync(account, client.Id, soon, "Initial assessment", 2, cancellationToken);
        logger.LogInformation("Booked a demo appointment soon, so its reminders go out within minutes");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
