using ClientReminders.Tests.Calendars;

namespace ClientReminders.Bench;

/// <summary>A client the generated events can name: full name and email (the account's client list holds the same).</summary>
internal sealed record BenchClient(string Name, string Mobile, string Email);

/// <summary>How a generated event should end up after a sync, so the benchmark can check the sync did the right thing.</summary>
internal enum Expected
{
    Appointment,
    Review,
    Skipped,
}

internal sealed record GeneratedEvent(FakeEvent Event, Expected Expected);

/// <summary>
/// A busy practice's calendar over the look-ahead window, seeded so every run is the same: of every 20 events, 16 are
/// with a client (12 with the client's full name in the subject, 2 inviting the client's email, 2 occurrences of a weekly
/// series named after the client), 3 match nobody (internal meetings: the review list) and 1 is skipped (all-day or free).
/// The matched share is an option; the rest keeps that 3:1 split. Events start on days 1 to window−1, 08:00–18:00 London.
/// </summary>
internal static class CalendarGenerator
{
    private static readonly string[] FirstNames =
    [
        "Ada",
        "Alan",
        "Grace",
        "Edsger",
        "Barbara",
        "Donald",
        "Frances",
        "John",
        "Margaret",
        "Dennis",
        "Radia",
        "Ken",
        "Hedy",
        "Tim",
        "Karen",
        "Niklaus",
        "Sophie",
        "Claude",
        "Annie",
        "Linus",
        "Katherine",
        "Guido",
        "Mary",
        "Bjarne",
        "Lynn",
        "James",
        "Evelyn",
        "Robin",
        "Adele",
        "Leslie",
        "Jean",
        "Vint",
        "Shafi",
        "Whitfield",
        "Ida",
        "Charles",
        "Susan",
        "Peter",
        "Joan",
        "Brian",
    ];

    private static readonly string[] LastNames =
    [
        "Lovelace",
        "Turing",
        "Hopper",
        "Dijkstra",
        "Liskov",
        "Knuth",
        "Allen",
        "Backus",
        "Hamilton",
        "Ritchie",
        "Perlman",
        "Thompson",
        "Lamarr",
        "Berners",
        "Jones",
        "Wirth",
        "Wilson",
        "Shannon",
        "Easley",
        "Torvalds",
        "Johnson",
        "Rossum",
        "Keller",
        "Stroustrup",
        "Conway",
        "Gosling",
        "Boyd",
        "Milner",
        "Goldberg",
        "Lamport",
        "Sammet",
        "Cerf",
        "Goldwasser",
        "Diffie",
        "Rhodes",
        "Babbage",
        "Kare",
        "Naur",
        "Clarke",
        "Kernighan",
        "Floyd",
        "Hoare",
        "Kay",
        "Engelbart",
        "Codd",
        "Moore",
        "Rivest",
        "Shamir",
        "Adleman",
        "Pike",
    ];

    private static readonly string[] Internal = ["Team meeting", "Supplier call", "Lunch", "Room cleaning", "Accounts review", "Staff training"];

    public static int MaxClients => FirstNames.Length * LastNames.Length;

    /// <summary>Distinct full names, so a subject naming one client never names another; numbers from Ofcom's drama range.</summary>
    public static List<BenchClient> Clients(int count, string emailDomain)
    {
        if (count > MaxClients)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"At most {MaxClients} clients have distinct generated names.");
        }
        return
        [
            .. Enumerable
                .Range(0, count)
                .Select(i =>
                {
                    var name = $"{FirstNames[i % FirstNames.Length]} {LastNames[i / FirstNames.Length]}";
                    return new BenchClient(name, $"+447700900{i % 1000:D3}", $"client{i}@{emailDomain}");
                }),
        ];
    }

    public static List<GeneratedEvent> Fill(
        FakeCalendar calendar,
        IReadOnlyList<BenchClient> clients,
        int count,
        double matchedShare,
        DateTimeOffset windowStart,
        int windowDays,
        int seed
    )
    {
        var random = new Random(seed);
        var events = new List<GeneratedEvent>(count);
        DateTimeOffset Slot(int lastDay = 0)
        {
            var day = random.Next(1, (lastDay > 0 ? lastDay : windowDays - 1) + 1);
            var local = windowStart.UtcDateTime.Date.AddDays(day).AddHours(8).AddMinutes(15 * random.Next(0, 40));
            var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
            return new DateTimeOffset(local, london.GetUtcOffset(local)).ToUniversalTime();
        }
        while (events.Count < count)
        {
            var roll = random.NextDouble();
            var client = clients[random.Next(clients.Count)];
            if (roll < matchedShare)
            {
                var kind = random.Next(8);
                if (kind == 0 && count - events.Count >= 4 && windowDays > 22)
                {
                    // Weekly, four occurrences, all inside the window.
                    foreach (var occurrence in calendar.AddWeeklySeries($"{client.Name} weekly physio", Slot(windowDays - 22), 4))
                    {
                        events.Add(new GeneratedEvent(occurrence, Expected.Appointment));
                    }
                }
                else if (kind == 1)
                {
                    events.Add(
                        new GeneratedEvent(
                            calendar.Add("Consultation", Slot(), TimeSpan.FromMinutes(45), with: e => e.Attendees.Add(client.Email)),
                            Expected.Appointment
                        )
                    );
                }
                else
                {
                    events.Add(
                        new GeneratedEvent(
                            calendar.Add($"{client.Name} follow-up", Slot(), TimeSpan.FromMinutes(45), with: e => e.Location = "Room 2"),
                            Expected.Appointment
                        )
                    );
                }
            }
            else if (roll < matchedShare + (1 - matchedShare) * 0.75)
            {
                events.Add(new GeneratedEvent(calendar.Add(Internal[random.Next(Internal.Length)], Slot()), Expected.Review));
            }
            else
            {
                var allDay = random.Next(2) == 0;
                var start = Slot();
                events.Add(
                    new GeneratedEvent(
                        allDay
                            ? calendar.Add($"{client.Name} away", new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero), TimeSpan.FromDays(1), with: e =>
                                e.IsAllDay = true
                            )
                            : calendar.Add($"{client.Name} maybe", start, with: e => e.ShowAs = "free"),
                        Expected.Skipped
                    )
                );
            }
        }
        return events;
    }
}
