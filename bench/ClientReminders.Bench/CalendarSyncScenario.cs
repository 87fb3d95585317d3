using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ClientReminders.Accounts;
using ClientReminders.Appointments;
using ClientReminders.AzureClients.Storage;
using ClientReminders.Calendars;
using ClientReminders.Calendars.Microsoft;
using ClientReminders.Clients;
using ClientReminders.Common;
using ClientReminders.Reminders;
using ClientReminders.Storage;
using ClientReminders.Tests.Calendars;
using ClientReminders.Triggers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClientReminders.Bench;

internal sealed record CalendarBenchOptions(
    int Runs,
    int FirstRun,
    int Events,
    int Clients,
    double MatchedShare,
    int Accounts,
    int EventsPerAccount,
    int ClientsPerAccount,
    TimeSpan Latency,
    int SteadyScans,
    int Changes,
    string StorageConnectionString
)
{
    public static CalendarBenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v.Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture) : fallback;
        var unknown = args.Where((a, i) => a.StartsWith("--", StringComparison.Ordinal) && !Known.Contains(a)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown option {unknown[0]}; the options are {string.Join(", ", Known)}.");
        }
        var options = new CalendarBenchOptions(
            Runs: Int("--runs", 3),
            FirstRun: Int("--run-number", 1),
            Events: Int("--events", 10_000),
            Clients: Int("--clients", 1_000),
            MatchedShare: Value("--matched-share") is { } share ? double.Parse(share, CultureInfo.InvariantCulture) : 0.8,
            Accounts: Int("--accounts", 100),
            EventsPerAccount: Int("--events-per-account", 50),
            ClientsPerAccount: Int("--clients-per-account", 20),
            Latency: TimeSpan.FromMilliseconds(Int("--latency-ms", 100)),
            SteadyScans: Int("--steady-scans", 5),
            Changes: Int("--changes", 5),
            StorageConnectionString: Environment.GetEnvironmentVariable("AzureWebJobsStorage")
                ?? throw new InvalidOperationException("Set AzureWebJobsStorage to an Azurite connection string (bench/calendar.sh does).")
        );
        if (
            options.Runs < 1
            || options.Events < 1
            || options.Accounts < 1
            || options.EventsPerAccount < 1
            || options.SteadyScans < 1
            || options.Clients is < 1
            || options.ClientsPerAccount < 1
            || options.MatchedShare is < 0 or > 1
            || options.Clients > CalendarGenerator.MaxClients
            || options.ClientsPerAccount > CalendarGenerator.MaxClients
        )
        {
            throw new ArgumentException(
                $"Runs, events, accounts, events per account and steady scans must be at least 1; clients 1 to {CalendarGenerator.MaxClients}; the matched share between 0 and 1."
            );
        }
        if (options.Changes * 3 > options.Events / 4)
        {
            throw new ArgumentException("--changes moves, cancels and removes that many events each: keep it under a twelfth of --events.");
        }
        return options;
    }

    private static readonly string[] Known =
    [
        "--runs",
        "--run-number",
        "--events",
        "--clients",
        "--matched-share",
        "--accounts",
        "--events-per-account",
        "--clients-per-account",
        "--latency-ms",
        "--steady-scans",
        "--changes",
    ];
}

/// <summary>One run of the three parts. Memory is the whole benchmark process (app, fake Graph server and harness in one).</summary>
internal sealed record CalendarRun(
    int Run,
    double InitialSyncSeconds,
    int InitialGraphRequests,
    int InitialIdentityRequests,
    long InitialStorageTransactions,
    Dictionary<string, long> InitialStorageByOperation,
    int EventsInWindow,
    int AppointmentsCreated,
    int AppointmentsExpected,
    int RemindersCreated,
    int ReviewItems,
    double WorkingSetBeforeMb,
    double PeakWorkingSetMb,
    double PeakManagedHeapMb,
    double ManagedRetainedMb,
    double AllocatedMb,
    double SteadyGraphRequestsPerScan,
    double SteadyIdentityRequestsPerScan,
    double SteadyScanMs,
    double SteadyStorageTransactionsPerScan,
    int ChangeGraphRequests,
    double ChangeScanMs,
    long ChangeStorageTransactions,
    int Accounts,
    double ManySetupSeconds,
    double ManyFullSyncSeconds,
    double AccountsPerMinuteFullSync,
    double ManySteadySyncSeconds,
    double AccountsPerMinuteSteady,
    double ManyGraphRequestsPerCalendarSteady,
    int ManyFailedCalendars,
    List<string> Problems
);

internal sealed record CalendarSyncResult(
    string Scenario,
    string Date,
    object Machine,
    object Settings,
    Dictionary<string, Report.Figure> Figures,
    List<CalendarRun> Runs
)
{
    public bool Failed => Runs.Any(r => r.Problems.Count > 0);
}

/// <summary>
/// Outlook calendar sync through the real app: the SyncCalendars timer endpoint (POST /SyncCalendars, as the Functions host
/// calls it) runs the real Microsoft.Graph SDK against the fake Microsoft cloud of the tests (calendarView/delta, paging
/// with @odata.nextLink, @odata.deltaLink, a per-request latency) and a throwaway Azurite. Three parts per run: one
/// big calendar synced from nothing; steady scans of it, unchanged and then with a few moves, cancellations and removals
/// (checked, a wrong effect fails the run); many accounts with a modest calendar each, to count accounts per minute.
/// </summary>
internal static partial class CalendarSyncScenario
{
    private const int ReminderOffsetMinutes = 24 * 60;
    private const string Zone = "Europe/London";

    private static readonly (string Key, string Label, Func<CalendarRun, double> Get)[] Figures =
    [
        ("steadyGraphRequestsPerCalendarScan", "Graph requests per calendar per steady scan (aim 1)", r => r.SteadyGraphRequestsPerScan),
        ("steadyIdentityRequestsPerScan", "identity (token) requests per steady scan", r => r.SteadyIdentityRequestsPerScan),
        ("steadyScanMs", "steady scan of the big calendar, ms", r => r.SteadyScanMs),
        ("steadyStorageTransactionsPerScan", "storage transactions per steady scan", r => r.SteadyStorageTransactionsPerScan),
        ("changeScanGraphRequests", "Graph requests for a scan with changes", r => r.ChangeGraphRequests),
        ("changeScanMs", "scan with changes, ms", r => r.ChangeScanMs),
        ("changeScanStorageTransactions", "storage transactions for a scan with changes", r => r.ChangeStorageTransactions),
        ("initialSyncSeconds", "initial sync of the big calendar, s", r => r.InitialSyncSeconds),
        ("initialEventsPerSecond", "initial sync, events per second", r => Math.Round(r.EventsInWindow / Math.Max(0.001, r.InitialSyncSeconds), 1)),
        ("initialGraphRequests", "initial sync, Graph requests", r => r.InitialGraphRequests),
        ("initialStorageTransactions", "initial sync, storage transactions", r => r.InitialStorageTransactions),
        ("initialStorageTransactionsPerEvent", "initial sync, storage transactions per event", r =>
            Math.Round((double)r.InitialStorageTransactions / Math.Max(1, r.EventsInWindow), 2)
        ),
        ("appointmentsCreated", "initial sync, appointments created", r => r.AppointmentsCreated),
        ("remindersCreated", "initial sync, reminders created", r => r.RemindersCreated),
        ("reviewItems", "initial sync, events left for review", r => r.ReviewItems),
        ("peakWorkingSetMb", "initial sync, peak working set, MB (whole process)", r => r.PeakWorkingSetMb),
        ("workingSetGrowthMb", "initial sync, working set growth, MB", r => Math.Round(r.PeakWorkingSetMb - r.WorkingSetBeforeMb, 1)),
        ("peakManagedHeapMb", "initial sync, peak managed heap, MB", r => r.PeakManagedHeapMb),
        ("managedRetainedMb", "initial sync, managed heap kept after it, MB", r => r.ManagedRetainedMb),
        ("allocatedMb", "initial sync, managed allocations, MB (incl. fake)", r => r.AllocatedMb),
        ("accountsPerMinuteSteady", "accounts synced per minute, steady scans", r => r.AccountsPerMinuteSteady),
        ("accountsPerMinuteFullSync", "accounts synced per minute, first (full) sync", r => r.AccountsPerMinuteFullSync),
        ("manyGraphRequestsPerCalendarSteady", "many accounts: Graph requests per calendar per steady scan", r => r.ManyGraphRequestsPerCalendarSteady),
        ("manySteadySyncSeconds", "many accounts: steady scan of all, s", r => r.ManySteadySyncSeconds),
        ("manyFullSyncSeconds", "many accounts: first sync of all, s", r => r.ManyFullSyncSeconds),
        ("manyFailedCalendars", "many accounts: calendars failed", r => r.ManyFailedCalendars),
    ];

    public static async Task<int> MainAsync(string[] args)
    {
        var options = CalendarBenchOptions.Parse(args);
        using var tap = new StorageTap(
            Options.Endpoint(options.StorageConnectionString, "TableEndpoint"),
            Options.Endpoint(options.StorageConnectionString, "QueueEndpoint")
        );
        var result = await RunAsync(options, tap);
        Console.WriteLine(JsonSerializer.Serialize(result, Report.Json));
        Console.Error.WriteLine(Table(result));
        return result.Failed ? 1 : 0;
    }

    public static async Task<CalendarSyncResult> RunAsync(CalendarBenchOptions options, StorageTap tap)
    {
        var runs = new List<CalendarRun>();
        for (var run = options.FirstRun; run < options.FirstRun + options.Runs; run++)
        {
            var result = await RunOnceAsync(options, tap, run);
            Log(
                $"run {run}: initial sync {result.InitialSyncSeconds} s ({result.InitialGraphRequests} Graph requests, {result.AppointmentsCreated} appointments), "
                    + $"steady {result.SteadyGraphRequestsPerScan} request(s) per scan, {result.AccountsPerMinuteSteady} accounts/min steady, {result.AccountsPerMinuteFullSync} full"
                    + (result.Problems.Count > 0 ? $"; PROBLEMS: {string.Join("; ", result.Problems)}" : "")
            );
            runs.Add(result);
        }
        return Summarize(
            new
            {
                options.Runs,
                options.Events,
                options.Clients,
                options.MatchedShare,
                options.Accounts,
                options.EventsPerAccount,
                options.ClientsPerAccount,
                LatencyMs = options.Latency.TotalMilliseconds,
                options.SteadyScans,
                options.Changes,
                GraphPageSize = "as the app asks (Prefer: odata.maxpagesize); the fake serves 10 a page otherwise, as Graph does",
                LookAheadDays = 30,
                ReminderRule = "SMS 24 h before",
            },
            runs
        );
    }

    private static CalendarSyncResult Summarize(object settings, List<CalendarRun> runs) =>
        new(
            "calendar-sync",
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Report.Machine(),
            settings,
            Figures.ToDictionary(f => f.Key, f => Report.Figure.Of(runs.Select(f.Get))),
            runs
        );

    /// <summary>Folds the JSON of runs made one per process (each on a fresh Azurite) into one result, as one process of several runs prints.</summary>
    public static int SummaryMain(string[] files)
    {
        if (files.Length == 0)
        {
            Console.Error.WriteLine("Give the JSON files of the runs to fold together.");
            return 2;
        }
        var parts = files
            .Select(file =>
                JsonSerializer.Deserialize<CalendarSyncResult>(File.ReadAllText(file), Report.Json)
                ?? throw new InvalidDataException($"{file} holds no calendar-sync result.")
            )
            .ToList();
        var runs = parts.SelectMany(part => part.Runs).ToList();
        var settings = JsonSerializer.SerializeToNode(parts[0].Settings, Report.Json)!.AsObject();
        settings["runs"] = runs.Count;
        settings["azuritePerRun"] = "fresh";
        var result = Summarize(settings, runs);
        Console.WriteLine(JsonSerializer.Serialize(result, Report.Json));
        Console.Error.WriteLine(Table(result));
        return result.Failed ? 1 : 0;
    }

    public static string Table(CalendarSyncResult result)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"calendar sync, {result.Runs.Count} run(s): {JsonSerializer.Serialize(result.Settings, Report.Json)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"{"figure", -62} {"median", 10} {"min", 10} {"max", 10}");
        foreach (var (key, label, _) in Figures)
        {
            var f = result.Figures[key];
            text.AppendLine(CultureInfo.InvariantCulture, $"{label, -62} {f.Median, 10} {f.Min, 10} {f.Max, 10}");
        }
        foreach (var problem in result.Runs.SelectMany(r => r.Problems.Select(p => $"run {r.Run}: {p}")))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"PROBLEM {problem}");
        }
        return text.ToString();
    }

    private static async Task<CalendarRun> RunOnceAsync(CalendarBenchOptions options, StorageTap tap, int run)
    {
        await using var cloud = await FakeMicrosoftCloud.StartAsync();
        var settings = new Dictionary<string, string>(cloud.AppSettings)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["environment"] = "Development",
            ["AzureWebJobsStorage"] = options.StorageConnectionString,
            ["Logging:LogLevel:Default"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics"] = "None",
            ["Security:MasterKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Security:Passwords:Iterations"] = "1000",
            // The benchmark fires SyncCalendars itself; nothing else runs.
            ["Triggers:LocalDriver"] = "false",
            // What is measured is the scan: without Graph subscriptions every fired SyncCalendars scans every calendar (with
            // them, a subscribed calendar is scanned on a notification or hourly, and a steady scan here would find none due).
            ["Calendars:ChangeNotifications"] = "false",
            ["Calendars:PollWithoutSubscription"] = "00:00:00",
        };
        await using var app = Program.Build([.. settings.Select(s => $"--{s.Key}={s.Value}")]);
        await app.StartAsync();
        var services = app.Services;
        using var trigger = new HttpClient
        {
            BaseAddress = new Uri(services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
            Timeout = TimeSpan.FromHours(1),
        };
        var problems = new List<string>();
        var windowStart = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);

        // Part 1: one big calendar from nothing.
        await RetireSourcesAsync(services);
        var setup = Stopwatch.StartNew();
        var clients = CalendarGenerator.Clients(options.Clients, "clients.example");
        var big = await NewOwnerAsync(services, cloud, $"big-{run}", clients, new SemaphoreSlim(1));
        var events = CalendarGenerator.Fill(big.Calendar, clients, options.Events, options.MatchedShare, windowStart, 30, seed: 7);
        Log($"run {run}: set up an account with {clients.Count} clients and a calendar of {events.Count} events in {setup.Elapsed.TotalSeconds:F1} s");

        cloud.Latency = options.Latency;
        var initial = await MeasureSyncAsync(trigger, cloud, tap, big.User, measureMemory: true);
        Log($"run {run}: initial sync took {initial.Seconds:F1} s");
        if (initial.Failed > 0)
        {
            problems.Add($"the initial sync reported {initial.Failed} failed calendar(s)");
        }
        var appointments = await AppointmentsAsync(services, big.Account.Id);
        var reminders = await RemindersAsync(services, big.Account.Id);
        var expectedAppointments = events.Count(e => e.Expected == Expected.Appointment);
        var scheduled = appointments.Values.Count(a => a.Status == AppointmentStatus.Scheduled);
        if (scheduled != expectedAppointments)
        {
            problems.Add($"the initial sync made {scheduled} appointments, expected {expectedAppointments}");
        }
        var review = await ReviewCountAsync(services, big.Account.Id);
        var expectedReview = events.Count(e => e.Expected == Expected.Review);
        if (review != expectedReview)
        {
            problems.Add($"the initial sync left {review} events for review, expected {expectedReview}");
        }

        // Part 2: steady scans, unchanged, then with moves, cancellations and removals.
        var steady = new List<SyncMeasure>();
        for (var scan = 0; scan < options.SteadyScans; scan++)
        {
            steady.Add(await MeasureSyncAsync(trigger, cloud, tap, big.User, measureMemory: false));
        }
        var changes = ChangeSome(big.Calendar, events, options.Changes, windowStart, seed: run);
        var changed = await MeasureSyncAsync(trigger, cloud, tap, big.User, measureMemory: false);
        problems.AddRange(await CheckChangesAsync(services, big.Account.Id, changes, expectedAppointments));

        // Part 3: many accounts, one modest calendar each.
        cloud.Latency = TimeSpan.Zero;
        await RetireSourcesAsync(services);
        setup.Restart();
        var signIn = new SemaphoreSlim(1);
        var owners = new List<BenchOwner>();
        var next = -1;
        var perAccountClients = CalendarGenerator.Clients(options.ClientsPerAccount, "small.example");
        await Task.WhenAll(
            Enumerable
                .Range(0, Math.Min(8, options.Accounts))
                .Select(async _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < options.Accounts)
                    {
                        var owner = await NewOwnerAsync(services, cloud, $"many-{run}-{i}", perAccountClients, signIn);
                        CalendarGenerator.Fill(owner.Calendar, perAccountClients, options.EventsPerAccount, options.MatchedShare, windowStart, 30, seed: i);
                        lock (owners)
                        {
                            owners.Add(owner);
                        }
                    }
                })
        );
        var manySetupSeconds = setup.Elapsed.TotalSeconds;
        Log($"run {run}: set up {owners.Count} accounts with {options.EventsPerAccount} events each in {manySetupSeconds:F1} s");
        cloud.Latency = options.Latency;
        var manyFull = await MeasureSyncAsync(trigger, cloud, tap, null, measureMemory: false);
        var manySteady = await MeasureSyncAsync(trigger, cloud, tap, null, measureMemory: false);
        if (manyFull.Calendars != owners.Count || manySteady.Calendars != owners.Count)
        {
            problems.Add($"SyncCalendars saw {manyFull.Calendars} and {manySteady.Calendars} calendars, expected {owners.Count}");
        }
        if (manyFull.Failed + manySteady.Failed > 0)
        {
            problems.Add($"{manyFull.Failed} calendars failed in the first sync of many accounts and {manySteady.Failed} in the steady one");
        }
        await RetireSourcesAsync(services);
        await app.StopAsync();

        return new CalendarRun(
            run,
            Math.Round(initial.Seconds, 2),
            initial.GraphRequests,
            initial.IdentityRequests,
            initial.StorageTransactions,
            initial.StorageByOperation,
            events.Count,
            scheduled,
            expectedAppointments,
            reminders.Count,
            review,
            Mb(initial.WorkingSetBefore),
            Mb(initial.PeakWorkingSet),
            Mb(initial.PeakManagedHeap),
            Mb(initial.ManagedRetained),
            Mb(initial.Allocated),
            steady.Average(s => s.GraphRequests),
            steady.Average(s => s.IdentityRequests),
            Math.Round(steady.Select(s => s.Seconds * 1000).Order().ElementAt((steady.Count - 1) / 2), 1),
            steady.Average(s => s.StorageTransactions),
            changed.GraphRequests,
            Math.Round(changed.Seconds * 1000, 1),
            changed.StorageTransactions,
            owners.Count,
            Math.Round(manySetupSeconds, 1),
            Math.Round(manyFull.Seconds, 2),
            Math.Round(owners.Count / manyFull.Seconds * 60, 0),
            Math.Round(manySteady.Seconds, 2),
            Math.Round(owners.Count / manySteady.Seconds * 60, 0),
            Math.Round((double)manySteady.GraphRequests / Math.Max(1, owners.Count), 2),
            manyFull.Failed + manySteady.Failed,
            problems
        );
    }

    private sealed record BenchOwner(AccountEntity Account, FakeUser User, FakeCalendar Calendar);

    /// <summary>An account with an SMS rule a day ahead and its clients, a Microsoft mailbox connected through the real sign-in, and its calendar chosen.</summary>
    private static async Task<BenchOwner> NewOwnerAsync(
        IServiceProvider services,
        FakeMicrosoftCloud cloud,
        string label,
        IReadOnlyList<BenchClient> clients,
        SemaphoreSlim signIn
    )
    {
        var account = SendPipelineScenario.NewAccount(services.GetRequiredService<PasswordHasher>(), $"calendar-{label}-{Guid.NewGuid():N}@bench.example");
        account.TimeZone = Zone;
        await services.GetRequiredService<AccountStore>().CreateAsync(account, CancellationToken.None);
        await services
            .GetRequiredService<RuleService>()
            .CreateAsync(account, new RuleInput(ReminderChannel.Sms.Name(), ReminderOffsetMinutes, null, null, null), CancellationToken.None);
        var clientService = services.GetRequiredService<ClientService>();
        foreach (var client in clients)
        {
            await clientService.CreateAsync(account, new ClientInput(client.Name, client.Mobile, client.Email), CancellationToken.None);
        }
        var user = cloud.AddUser($"Reception {label}", $"reception-{label}@contoso.example");
        var calendar = user.AddCalendar("Clinic");
        var connections = services.GetRequiredService<MicrosoftConnections>();
        var session = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        CalendarConnectionEntity connection;
        // The fake signs in whoever NextSignIn names, so sign-ins go one at a time.
        await signIn.WaitAsync();
        try
        {
            cloud.NextSignIn = user;
            var authorize = await connections.BeginAsync(account, session, null, CancellationToken.None);
            using var browser = cloud.BrowserClient();
            using var consent = await browser.GetAsync(authorize);
            var back = System.Web.HttpUtility.ParseQueryString(
                consent.Headers.Location?.Query
                    ?? throw new InvalidOperationException($"The fake sign-in answered {(int)consent.StatusCode} without a redirect.")
            );
            connection = await connections.CompleteAsync(account, session, back["code"], back["state"], CancellationToken.None);
        }
        finally
        {
            signIn.Release();
        }
        await services
            .GetRequiredService<CalendarSources>()
            .ChooseAsync(account, connection.Id, new CalendarChoices([new CalendarChoice(calendar.Id, true, null)]), CancellationToken.None);
        return new BenchOwner(account, user, calendar);
    }

    /// <summary>Earlier parts' and runs' calendars stop syncing (their fake cloud is gone), so each SyncCalendars sees only this part's.</summary>
    private static async Task RetireSourcesAsync(IServiceProvider services)
    {
        var table = await services.GetRequiredService<TableClients>().GetAsync(StorageTables.CalendarSources);
        var stale = new List<CalendarSourceEntity>();
        await foreach (var source in table.QueryAsync<CalendarSourceEntity>(TableClient.CreateQueryFilter($"Kind eq {SourceKind.Microsoft}")))
        {
            stale.Add(source);
        }
        foreach (var source in stale)
        {
            await table.DeleteEntityAsync(source.PartitionKey, source.RowKey, ETag.All);
        }
    }

    private sealed record SyncMeasure(
        double Seconds,
        int Calendars,
        int Failed,
        int GraphRequests,
        int IdentityRequests,
        long StorageTransactions,
        Dictionary<string, long> StorageByOperation,
        long WorkingSetBefore,
        long PeakWorkingSet,
        long PeakManagedHeap,
        long ManagedRetained,
        long Allocated
    );

    /// <summary>Fires SyncCalendars as the Functions host does and counts what it cost; Graph requests of <paramref name="user"/> only, or of everyone.</summary>
    private static async Task<SyncMeasure> MeasureSyncAsync(HttpClient trigger, FakeMicrosoftCloud cloud, StorageTap tap, FakeUser? user, bool measureMemory)
    {
        long heapBefore = 0,
            allocatedBefore = 0,
            workingSetBefore = 0,
            peakWorkingSet = 0,
            peakHeap = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.CompletedTask;
        var process = Process.GetCurrentProcess();
        if (measureMemory)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            process.Refresh();
            workingSetBefore = peakWorkingSet = process.WorkingSet64;
            peakHeap = heapBefore;
            sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    process.Refresh();
                    peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                    peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo(GCKind.Any).HeapSizeBytes);
                    try
                    {
                        await Task.Delay(50, sampling.Token);
                    }
                    catch (OperationCanceledException) { }
                }
            });
        }
        int GraphCount() => user is null ? cloud.GraphRequests.Count : cloud.GraphRequestCount(user.ObjectId);
        var (graphBefore, identityBefore, storageBefore, byOperationBefore) = (GraphCount(), cloud.TokenGrants.Count, StorageMetrics.Requests, tap.Snapshot());
        var clock = Stopwatch.StartNew();
        var request = new InvocationRequest
        {
            Data = new() { ["timer"] = JsonSerializer.SerializeToElement(new TimerInfo(), CustomHandlerJson.Options) },
            Metadata = [],
        };
        using var response = await trigger.PostAsJsonAsync("/SyncCalendars", request, CustomHandlerJson.Options);
        var seconds = clock.Elapsed.TotalSeconds;
        var (graph, identity, storage, byOperation) = (
            GraphCount() - graphBefore,
            cloud.TokenGrants.Count - identityBefore,
            StorageMetrics.Requests - storageBefore,
            StorageTap.Delta(tap.Snapshot(), byOperationBefore)
        );
        await sampling.CancelAsync();
        await sampler;
        var answer = await response.Content.ReadFromJsonAsync<InvocationResponse>(CustomHandlerJson.Options);
        var log = answer?.Logs.FirstOrDefault() ?? "";
        if (!response.IsSuccessStatusCode || SyncedLog().Match(log) is not { Success: true } synced)
        {
            throw new InvalidOperationException($"SyncCalendars answered {(int)response.StatusCode}: {log}");
        }
        long retained = 0,
            allocated = 0;
        if (measureMemory)
        {
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        }
        return new SyncMeasure(
            seconds,
            int.Parse(synced.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(synced.Groups[2].Value, CultureInfo.InvariantCulture),
            graph,
            identity,
            storage,
            byOperation,
            workingSetBefore,
            peakWorkingSet,
            peakHeap,
            retained,
            allocated
        );
    }

    private sealed record Changes(List<FakeEvent> Moved, List<FakeEvent> Cancelled, List<FakeEvent> Removed);

    /// <summary>Moves some client appointments a day later, cancels some and deletes some, in Outlook.</summary>
    private static Changes ChangeSome(FakeCalendar calendar, List<GeneratedEvent> events, int count, DateTimeOffset windowStart, int seed)
    {
        var random = new Random(seed);
        var candidates = events
            .Where(e => e.Expected == Expected.Appointment && e.Event.Type == "singleInstance" && e.Event.StartUtc < windowStart.AddDays(25))
            .Select(e => e.Event)
            .OrderBy(_ => random.Next())
            .Take(count * 3)
            .ToList();
        var changes = new Changes([.. candidates.Take(count)], [.. candidates.Skip(count).Take(count)], [.. candidates.Skip(count * 2)]);
        foreach (var item in changes.Moved)
        {
            calendar.Change(item, e => e.MoveBy(TimeSpan.FromDays(1)));
        }
        foreach (var item in changes.Cancelled)
        {
            calendar.Change(item, e => e.IsCancelled = true);
        }
        foreach (var item in changes.Removed)
        {
            calendar.Delete(item);
        }
        return changes;
    }

    /// <summary>Moved appointments moved with a reminder at the new time; cancelled and removed ones are cancelled with their reminders; nothing else changed.</summary>
    private static async Task<List<string>> CheckChangesAsync(IServiceProvider services, string accountId, Changes changes, int expectedAppointments)
    {
        var problems = new List<string>();
        var appointments = await AppointmentsAsync(services, accountId);
        var reminders = (await RemindersAsync(services, accountId)).ToLookup(r => r.AppointmentId);
        AppointmentEntity? Of(FakeEvent item) =>
            appointments.Values.SingleOrDefault(a => a.SourceLink?.Contains(Uri.EscapeDataString(item.Id), StringComparison.Ordinal) == true);
        foreach (var item in changes.Moved)
        {
            var appointment = Of(item);
            var due = item.StartUtc.AddMinutes(-ReminderOffsetMinutes);
            if (appointment is not { Status: AppointmentStatus.Scheduled } || appointment.StartUtc != item.StartUtc)
            {
                problems.Add(
                    $"a moved event's appointment is {appointment?.Status ?? "missing"} at {appointment?.StartUtc:O}, expected scheduled at {item.StartUtc:O}"
                );
            }
            else if (!reminders[appointment.Id].Any(r => r.DueAt == due && r.Status == ReminderStatus.Scheduled && r.AppointmentVersion == appointment.Version))
            {
                problems.Add($"a moved event's appointment has no scheduled reminder due at {due:O}");
            }
        }
        foreach (var item in changes.Cancelled.Concat(changes.Removed))
        {
            var appointment = Of(item);
            if (appointment is not { Status: AppointmentStatus.Cancelled })
            {
                problems.Add(
                    $"a {(changes.Cancelled.Contains(item) ? "cancelled" : "removed")} event's appointment is {appointment?.Status ?? "missing"}, expected cancelled"
                );
            }
            else if (reminders[appointment.Id].Any(r => r.Status == ReminderStatus.Scheduled))
            {
                problems.Add("a cancelled appointment still has a scheduled reminder");
            }
        }
        var scheduled = appointments.Values.Count(a => a.Status == AppointmentStatus.Scheduled);
        var expected = expectedAppointments - changes.Cancelled.Count - changes.Removed.Count;
        if (scheduled != expected)
        {
            problems.Add($"after the changes {scheduled} appointments are scheduled, expected {expected}");
        }
        return problems;
    }

    private static async Task<Dictionary<string, AppointmentEntity>> AppointmentsAsync(IServiceProvider services, string accountId)
    {
        var table = await services.GetRequiredService<TableClients>().GetAsync(StorageTables.Appointments);
        var all = new Dictionary<string, AppointmentEntity>(StringComparer.Ordinal);
        await foreach (var appointment in table.QueryAsync<AppointmentEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {accountId}")))
        {
            if (appointment.SourceId is not null)
            {
                all[appointment.Id] = appointment;
            }
        }
        return all;
    }

    private static async Task<List<ReminderEntity>> RemindersAsync(IServiceProvider services, string accountId)
    {
        var table = await services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        var all = new List<ReminderEntity>();
        await foreach (var reminder in table.QueryAsync<ReminderEntity>(StorageTables.Reminders.AccountFilter(accountId)))
        {
            all.Add(reminder);
        }
        return all;
    }

    private static async Task<int> ReviewCountAsync(IServiceProvider services, string accountId)
    {
        var table = await services.GetRequiredService<TableClients>().GetAsync(StorageTables.CalendarEvents);
        var count = 0;
        await foreach (
            var _ in table.QueryAsync<CalendarEventEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and State eq {EventState.Review}"))
        )
        {
            count++;
        }
        return count;
    }

    private static double Mb(long bytes) => Math.Round(bytes / 1024.0 / 1024.0, 1);

    private static void Log(string message) => Console.Error.WriteLine(message);

    [System.Text.RegularExpressions.GeneratedRegex(@"synced (\d+) calendar\(s\), (\d+) failed")]
    private static partial System.Text.RegularExpressions.Regex SyncedLog();
}
