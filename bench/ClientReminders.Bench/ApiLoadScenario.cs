using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using ClientReminders.Accounts;
using ClientReminders.Appointments;
using ClientReminders.AzureClients.Storage;
using ClientReminders.Clients;
using ClientReminders.Clients.Import;
using ClientReminders.Common;
using ClientReminders.Messaging;
using ClientReminders.Reminders;
using ClientReminders.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClientReminders.Bench;

/// <param name="ApiAssembly">The Release build of the API (api/bin/Release/net10.0/ClientReminders.Api.dll), started as its own process.</param>
/// <param name="WebRoot">The built web app (web/dist), which the API serves locally as it does in scripts/run.sh.</param>
internal sealed record ApiLoadOptions(
    string StorageConnectionString,
    string ApiAssembly,
    string WebRoot,
    int? AzuritePid = null,
    int Runs = 3,
    int Connections = 50,
    int Threads = 2,
    int DurationSeconds = 20,
    int WarmUpSeconds = 5,
    int Clients = 10_000,
    int AppointmentsPerDay = 20,
    int HistoryReminders = 0
);

/// <summary>wrk's figures for one endpoint in one run; latencies in milliseconds.</summary>
/// <param name="AloneMs">Median latency of requests sent one at a time (at least 20, for at least 2 s), before the load.</param>
/// <param name="ApiCpuMsPerRequest">The API process's processor time per request, over those one-at-a-time requests (under load, work
/// still in flight when wrk stops would be charged to too few requests).</param>
/// <param name="AzuriteCpuMsPerRequest">Azurite's processor time per request likewise, when its process id is known.</param>
internal sealed record EndpointRun(
    string Key,
    string Path,
    double RequestsPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    long Requests,
    long Non2xx,
    long SocketErrors,
    long BytesPerResponse,
    double AloneMs,
    double ApiCpuMsPerRequest,
    double? AzuriteCpuMsPerRequest
);

/// <param name="ClientsColdMs">The first client-list request after the process starts: all clients read and decrypted, code not yet jitted.</param>
/// <param name="ClientsRebuildMs">The first client-list request after a client was saved: all clients read and decrypted again.</param>
/// <param name="ClientsAllPagesMs">All clients through the API, page after page of the largest page size, one request at a time.</param>
/// <param name="ClientsRebuildConcurrentMs">As ClientsRebuildMs, but the owner's 50 connections all ask at once: until the last answers.</param>
internal sealed record ApiLoadRun(
    int Run,
    IReadOnlyList<EndpointRun> Endpoints,
    double ClientsColdMs,
    double ClientsRebuildMs,
    double ClientsRebuildConcurrentMs,
    double ClientsAllPagesMs,
    int ClientsAllPagesRequests
);

internal sealed record ApiLoadResult(
    string Scenario,
    string Date,
    object Machine,
    object Settings,
    Dictionary<string, Report.Figure> Figures,
    IReadOnlyDictionary<string, double> StorageRequestsPerRequest,
    IReadOnlyList<ApiLoadRun> Runs,
    IReadOnlyList<string> Failures
);

/// <summary>
/// The API under load from 50 concurrent connections of one signed-in owner whose account holds 10,000 clients: the
/// Release API as its own process on a loopback port (its web app too), wrk from Debian's packages driving one endpoint
/// at a time for a bounded duration, and a static file from the same server as the baseline.
/// </summary>
internal static class ApiLoadScenario
{
    private const string Zone = "Europe/London";
    private const string OwnerEmail = "bench-api-owner@bench.example";
    private const string OwnerPassword = "Bench-Load-Owner-2026";
    private const int PastDays = 30;
    private const int FutureDays = 16;

    /// <summary>What the web app asks for on each page (see web/src/api), and the static file the same server sends.</summary>
    private static readonly (string Key, string Label, string Path)[] Endpoints =
    [
        ("static", "static file /index.html (baseline)", "/index.html"),
        ("dashboard", "GET /api/dashboard", "/api/dashboard"),
        ("clients", "GET /api/clients, first page of 50", "/api/clients?page=1&pageSize=50"),
        ("reminders", "GET /api/reminders?status=scheduled", "/api/reminders?status=scheduled"),
        ("history", "GET /api/history, first page", "/api/history"),
    ];

    public static async Task<int> MainAsync(string[] args)
    {
        int Int(string name, string env, int fallback) =>
            (args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable(env)) is { } v
                ? int.Parse(v, CultureInfo.InvariantCulture)
                : fallback;
        var root = RepositoryRoot();
        var options = new ApiLoadOptions(
            Environment.GetEnvironmentVariable("AzureWebJobsStorage")
                ?? throw new InvalidOperationException("Set AzureWebJobsStorage to an Azurite connection string (bench/api.sh does)."),
            Environment.GetEnvironmentVariable("API_BENCH_ASSEMBLY") ?? Path.Combine(root, "api", "bin", "Release", "net10.0", "ClientReminders.Api.dll"),
            Environment.GetEnvironmentVariable("API_BENCH_WEB_ROOT") ?? Path.Combine(root, "web", "dist"),
            Environment.GetEnvironmentVariable("API_BENCH_AZURITE_PID") is { Length: > 0 } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Runs: Int("--runs", "BENCH_RUNS", 3),
            Connections: Int("--connections", "API_BENCH_CONNECTIONS", 50),
            Threads: Int("--threads", "API_BENCH_THREADS", 2),
            DurationSeconds: Int("--duration", "API_BENCH_DURATION", 20),
            WarmUpSeconds: Int("--warm-up", "API_BENCH_WARM_UP", 5),
            Clients: Int("--clients", "API_BENCH_CLIENTS", 10_000),
            HistoryReminders: Int("--history", "API_BENCH_HISTORY", 0)
        );
        var result = await RunAsync(options);
        Console.WriteLine(JsonSerializer.Serialize(result, Report.Json));
        Console.Error.WriteLine(Table(result, options.Connections));
        foreach (var failure in result.Failures)
        {
            Console.Error.WriteLine($"FAILED: {failure}");
        }
        return result.Failures.Count == 0 ? 0 : 1;
    }

    public static async Task<ApiLoadResult> RunAsync(ApiLoadOptions options)
    {
        foreach (var (path, what) in new[] { (options.ApiAssembly, "the API build"), (Path.Combine(options.WebRoot, "index.html"), "the built web app") })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"{what} is missing: {path} (bench/api.sh builds it).");
            }
        }
        var masterKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var seeding = Stopwatch.StartNew();
        var seeded = await SeedAsync(options, masterKey);
        var seedingSeconds = Math.Round(seeding.Elapsed.TotalSeconds, 1);
        Log(
            $"seeded one account with {seeded.Clients} clients, {seeded.Appointments} appointments and {seeded.ScheduledReminders} scheduled reminders in {seeding.Elapsed.TotalSeconds:F1} s"
        );
        var storageRequests = await CountStorageRequestsAsync(options, masterKey, seeded);
        Log("storage requests per request: " + string.Join(", ", storageRequests.Select(e => $"{e.Key} {e.Value}")));

        var runs = new List<ApiLoadRun>();
        var failures = new List<string>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var result = await RunOnceAsync(options, masterKey, seeded, run, failures);
            Log(
                $"run {run}: "
                    + string.Join(", ", result.Endpoints.Select(e => $"{e.Key} {e.RequestsPerSecond:0}/s p99 {e.P99Ms:0.#} ms"))
                    + $"; clients cold {result.ClientsColdMs:0} ms, rebuild {result.ClientsRebuildMs:0} ms, all pages {result.ClientsAllPagesMs:0} ms"
            );
            runs.Add(result);
        }

        return new ApiLoadResult(
            "api",
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Report.Machine(),
            new
            {
                options.Runs,
                options.Connections,
                options.Threads,
                options.DurationSeconds,
                options.WarmUpSeconds,
                Clients = seeded.Clients,
                seeded.Appointments,
                seeded.ScheduledReminders,
                seeded.HistoryReminders,
                Endpoints = Endpoints.ToDictionary(e => e.Key, e => e.Path),
                LoadGenerator = WrkVersion(),
                Server = "the Release API as its own process (Production environment, local trigger driver off), Kestrel on 127.0.0.1, serving web/dist",
                SeedingSeconds = seedingSeconds,
            },
            Summarize(runs),
            storageRequests,
            runs,
            failures
        );
    }

    private sealed record Seeded(string OwnerEmail, int Clients, int Appointments, int ScheduledReminders, int HistoryReminders);

    /// <summary>
    /// One owner's account through the app's own services, in-process, before the server starts: the clients through the CSV
    /// import and its queue function (encrypted and indexed as in production), appointments a month back and two weeks ahead.
    /// </summary>
    private static async Task<Seeded> SeedAsync(ApiLoadOptions options, string masterKey)
    {
        var settings = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AzureWebJobsStorage"] = options.StorageConnectionString,
            ["Security:MasterKey"] = masterKey,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Triggers:LocalDriver"] = "true",
            ["AzureFunctionsJobHost:functions:0"] = "ImportClients",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.200",
        };
        await using var app = Program.Build([.. settings.Select(s => $"--{s.Key}={s.Value}")]);
        await app.StartAsync();
        var services = app.Services;
        var accounts = services.GetRequiredService<AccountStore>();
        var ct = CancellationToken.None;

        var account = new AccountEntity
        {
            PartitionKey = Guid.NewGuid().ToString("N"),
            BusinessName = "Benchmark Clinic",
            OwnerName = "Bench Owner",
            Email = AccountStore.NormalizeEmail($"{Guid.NewGuid():N}-{OwnerEmail}"),
            Country = "GB",
            TimeZone = Zone,
            PasswordHash = services.GetRequiredService<PasswordHasher>().Hash(OwnerPassword),
            CreatedAt = DateTimeOffset.UtcNow.AddDays(-400),
            PlanCode = Plans.Trial,
            PlanEndsAt = DateTimeOffset.UtcNow.AddDays(30),
            SmsAllowance = 1_000_000,
        };
        await accounts.CreateAsync(account, ct);
        await services.GetRequiredService<RuleService>().CreateAsync(account, new RuleInput(ReminderChannel.Sms.Name(), 24 * 60, null, null, null), ct);

        var imports = services.GetRequiredService<ClientImports>();
        var importId = await imports.StartAsync(
            account,
            "clients.csv",
            ClientsCsv(options.Clients),
            """{"name":[0],"mobile":1,"email":2}""",
            consent: true,
            new RequestInfo("127.0.0.1", "bench"),
            ct
        );
        var deadline = DateTimeOffset.UtcNow.AddMinutes(10);
        ImportProgress progress;
        while ((progress = (await imports.GetAsync(account.Id, importId, ct))!).Status is not (ImportStatus.Completed or ImportStatus.Failed))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"The client import did not finish in 10 minutes ({progress.ProcessedRows} rows done).");
            }
            await Task.Delay(250);
        }
        if (progress.Status != ImportStatus.Completed || progress.Created != options.Clients)
        {
            throw new InvalidOperationException(
                $"The client import ended {progress.Status} with {progress.Created} created, {progress.Skipped} skipped, {progress.Rejected} rejected: {progress.Error}"
            );
        }

        account = (await accounts.GetAsync(account.Id, ct))!;
        var withMobile = (await services.GetRequiredService<ClientDirectory>().GetAsync(account, ct))
            .Clients.Where(c => c.Mobile is not null)
            .Select(c => c.Id)
            .ToList();
        var appointments = services.GetRequiredService<AppointmentService>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime);
        // Not today or tomorrow: no reminder falls due while the benchmark runs, so nothing changes under the load.
        var slots = Enumerable
            .Range(-PastDays, PastDays + FutureDays + 1)
            .Where(d => d is < 0 or >= 2)
            .SelectMany(d => Enumerable.Range(0, options.AppointmentsPerDay).Select(i => today.AddDays(d).ToDateTime(new TimeOnly(9, 0)).AddMinutes(25 * i)))
            .ToList();
        var next = -1;
        await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(async _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < slots.Count)
                    {
                        var start = slots[i];
                        await appointments.CreateAsync(
                            account,
                            new AppointmentInput(
                                withMobile[i * 7 % withMobile.Count],
                                start.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
                                start.AddMinutes(20).ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
                                Zone,
                                i % 3 == 0 ? "Initial assessment" : "Follow-up",
                                "Room 2",
                                null
                            ),
                            ct
                        );
                    }
                })
        );
        var scheduled = (await services.GetRequiredService<ReminderService>().ListAsync(account, ReminderStatus.Scheduled, ct)).Items.Count;
        await SeedHistoryAsync(services, account.Id, withMobile, options.HistoryReminders, ct);
        await app.StopAsync();
        return new Seeded(account.Email, options.Clients, slots.Count, scheduled, options.HistoryReminders);
    }

    /// <summary>
    /// A year of sent messages as the pipeline leaves them (the 10× account: <c>--history 100000</c>), spread evenly over the
    /// 365 days before yesterday: one text in ten an email, most delivered, a few failed or blocked. Written straight to the
    /// reminders table, a hundred rows a transaction, for appointments long gone.
    /// </summary>
    private static async Task SeedHistoryAsync(IServiceProvider services, string accountId, List<string> clientIds, int count, CancellationToken ct)
    {
        if (count == 0)
        {
            return;
        }
        var table = await services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders, ct);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var days = Enumerable
            .Range(0, count)
            .GroupBy(i => yesterday.AddDays(-1 - i % 365))
            .Select(day => (Day: day.Key, Rows: day.Select(i => HistoryRow(accountId, clientIds[i * 13 % clientIds.Count], day.Key, i)).ToList()))
            .ToList();
        var next = -1;
        await Task.WhenAll(
            Enumerable
                .Range(0, 8)
                .Select(async _ =>
                {
                    int d;
                    while ((d = Interlocked.Increment(ref next)) < days.Count)
                    {
                        foreach (var chunk in days[d].Rows.Chunk(100))
                        {
                            await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
                        }
                    }
                })
        );
        // Written around the sender, as rows from before counts were kept are: the once-per-account backfill counts them.
        await services.GetRequiredService<ReminderCounts>().BackfillAsync(accountId, ct);
    }

    private static ReminderEntity HistoryRow(string accountId, string clientId, DateOnly day, int i)
    {
        var dueAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero).AddSeconds(i % 36_000);
        var start = dueAt.AddDays(1);
        var email = i % 10 == 0;
        var outcome = i % 50;
        return new ReminderEntity
        {
            PartitionKey = ReminderKeys.Partition(accountId, dueAt),
            RowKey = ReminderEntity.IdFor(dueAt, $"hist{i:D7}", "rule", start),
            Kind = ReminderKind.Reminder,
            AppointmentId = $"hist{i:D7}",
            RuleId = "rule",
            ClientId = clientId,
            RuleChannel = ReminderChannel.Sms,
            Channel = email ? ReminderChannel.Email : ReminderChannel.Sms,
            DueAt = dueAt,
            AppointmentStartUtc = start,
            Status = ReminderStatus.Sent,
            Version = 2,
            QueuedVersion = 2,
            ClaimedAt = dueAt.AddSeconds(1),
            SentAt = dueAt.AddSeconds(2),
            Segments = email ? null : 2,
            ProviderMessageId = $"bench-{i}",
            DeliveryStatus =
                email ? null
                : outcome == 0 ? DeliveryStatus.Failed
                : outcome == 1 ? DeliveryStatus.Blocked
                : DeliveryStatus.Delivered,
            DeliveredAt = email ? null : dueAt.AddSeconds(5),
        };
    }

    /// <summary>
    /// Storage requests each endpoint makes, counted by our storage adapters in an in-process copy of the app (the local
    /// trigger driver off, so nothing else touches storage), after one request has warmed its caches.
    /// </summary>
    private static async Task<Dictionary<string, double>> CountStorageRequestsAsync(ApiLoadOptions options, string masterKey, Seeded seeded)
    {
        const int Repeats = 5;
        string[] settings =
        [
            "--urls=http://127.0.0.1:0",
            $"--AzureWebJobsStorage={options.StorageConnectionString}",
            $"--Security:MasterKey={masterKey}",
            $"--WebApp:Root={Path.GetFullPath(options.WebRoot)}",
            "--Logging:LogLevel:Default=Warning",
            "--Triggers:LocalDriver=false",
        ];
        await using var app = Program.Build(settings);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        var cookies = await SignInAsync(http, seeded.OwnerEmail);
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, _, path) in Endpoints)
        {
            await GetAsync(http, cookies, path);
            var before = StorageMetrics.Requests;
            for (var i = 0; i < Repeats; i++)
            {
                await GetAsync(http, cookies, path);
            }
            counts[key] = Math.Round((StorageMetrics.Requests - before) / (double)Repeats, 1);
        }
        await app.StopAsync();
        return counts;
    }

    /// <summary>Made-up names; every client an address under the reserved .example domain, the first thousand also a number in Ofcom's drama range.</summary>
    private static byte[] ClientsCsv(int count)
    {
        string[] first =
        [
            "Ada",
            "Ben",
            "Chloe",
            "Dev",
            "Elif",
            "Farah",
            "George",
            "Hana",
            "Ivan",
            "Jade",
            "Kofi",
            "Lena",
            "Mateo",
            "Nadia",
            "Owen",
            "Priya",
            "Quinn",
            "Rosa",
            "Sam",
            "Tariq",
        ];
        string[] last =
        [
            "Adams",
            "Brown",
            "Clarke",
            "Davies",
            "Evans",
            "Fischer",
            "Green",
            "Hughes",
            "Iqbal",
            "Jones",
            "Khan",
            "Lewis",
            "Morgan",
            "Nowak",
            "Owusu",
            "Patel",
            "Quinn",
            "Roberts",
            "Singh",
            "Taylor",
            "Usman",
            "Vaughan",
            "Walker",
            "Young",
            "Zielinski",
        ];
        var csv = new StringBuilder("Name,Mobile,Email\n");
        for (var i = 0; i < count; i++)
        {
            // Allocated UK mobile numbers: the API runs as Production here, which refuses the 07700 900xxx drama range.
            var mobile = i < 1000 ? $"+447400{i:D6}" : "";
            csv.Append(
                CultureInfo.InvariantCulture,
                $"{first[i % first.Length]} {last[i / first.Length % last.Length]} {i / (first.Length * last.Length) + 1},{mobile},client{i:D5}@clients.example\n"
            );
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static async Task<ApiLoadRun> RunOnceAsync(ApiLoadOptions options, string masterKey, Seeded seeded, int run, List<string> failures)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var apiDirectory = Path.GetDirectoryName(Path.GetFullPath(options.ApiAssembly))!;
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { options.ApiAssembly, "--contentRoot", apiDirectory, "--urls", baseUrl },
            WorkingDirectory = apiDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["AzureWebJobsStorage"] = options.StorageConnectionString;
        startInfo.Environment["Security__MasterKey"] = masterKey;
        startInfo.Environment["WebApp__Root"] = Path.GetFullPath(options.WebRoot);
        startInfo.Environment["App__PublicBaseUrl"] = baseUrl;
        // In Azure the Functions host fires triggers; the local stand-in's queue polling is not part of what is measured.
        startInfo.Environment["Triggers__LocalDriver"] = "false";

        using var api = ChildProcesses.Start(startInfo, "API");
        using var azurite = options.AzuritePid is { } azuritePid ? Process.GetProcessById(azuritePid) : null;
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
            {
                BaseAddress = new Uri(baseUrl),
                Timeout = TimeSpan.FromSeconds(60),
            };
            await WaitForHealthAsync(http, api);
            var cookies = await SignInAsync(http, seeded.OwnerEmail);

            var clock = Stopwatch.StartNew();
            var firstPage = await GetJsonAsync(http, cookies, "/api/clients?page=1&pageSize=50");
            var coldMs = clock.Elapsed.TotalMilliseconds;
            Check(
                failures,
                run,
                firstPage["total"]?.GetValue<int>() == seeded.Clients,
                $"the client list has {firstPage["total"]} clients, not {seeded.Clients}"
            );
            await CheckEndpointsAsync(http, cookies, seeded, run, failures);

            var endpoints = new List<EndpointRun>();
            foreach (var (key, _, path) in Endpoints)
            {
                var alone = await OneAtATimeAsync(http, cookies, path, api, azurite);
                await WrkAsync(options, baseUrl + path, cookies, options.WarmUpSeconds);
                var measured = await WrkAsync(options, baseUrl + path, cookies, options.DurationSeconds);
                var endpoint = Figures(key, path, measured, alone);
                Check(failures, run, endpoint.Requests > 0, $"{path}: no request finished within {options.DurationSeconds} s; give it a longer --duration");
                Check(failures, run, endpoint.Non2xx == 0, $"{path}: {endpoint.Non2xx} responses were not 2xx");
                Check(failures, run, endpoint.SocketErrors == 0, $"{path}: {endpoint.SocketErrors} connect/read/write errors or timeouts");
                endpoints.Add(endpoint);
            }

            // Saving a client (unchanged) moves the account's clients version: the next list reads and decrypts them all again.
            var first = firstPage["items"]![0]!;
            await SaveClientAsync(http, cookies, first, run, failures);
            clock.Restart();
            await GetJsonAsync(http, cookies, "/api/clients?page=1&pageSize=50");
            var rebuildMs = clock.Elapsed.TotalMilliseconds;

            await SaveClientAsync(http, cookies, first, run, failures);
            clock.Restart();
            await Task.WhenAll(Enumerable.Range(0, options.Connections).Select(_ => GetAsync(http, cookies, "/api/clients?page=1&pageSize=50")));
            var rebuildConcurrentMs = clock.Elapsed.TotalMilliseconds;

            clock.Restart();
            var (listed, requests) = (0, 0);
            for (var page = 1; ; page++)
            {
                var items = (await GetJsonAsync(http, cookies, $"/api/clients?page={page}&pageSize={ClientService.MaxPageSize}"))["items"]!.AsArray();
                requests++;
                listed += items.Count;
                if (items.Count < ClientService.MaxPageSize)
                {
                    break;
                }
            }
            var allPagesMs = clock.Elapsed.TotalMilliseconds;
            Check(failures, run, listed == seeded.Clients, $"paging through the clients listed {listed}, not {seeded.Clients}");

            return new ApiLoadRun(
                run,
                endpoints,
                Math.Round(coldMs, 1),
                Math.Round(rebuildMs, 1),
                Math.Round(rebuildConcurrentMs, 1),
                Math.Round(allPagesMs, 1),
                requests
            );
        }
        catch (Exception) when (api.HasExited)
        {
            throw new InvalidOperationException($"The API process exited ({api.ExitCode}):\n{ChildProcesses.Output(api)}");
        }
        finally
        {
            await ChildProcesses.StopAsync(api);
        }
    }

    /// <summary>Saves a client as the owner would, unchanged; the account's clients version moves all the same.</summary>
    private static async Task SaveClientAsync(HttpClient http, string cookies, JsonNode client, int run, List<string> failures)
    {
        var csrf = (await GetJsonAsync(http, cookies, "/api/auth/csrf"))["token"]!.GetValue<string>();
        using var save = new HttpRequestMessage(HttpMethod.Put, $"/api/clients/{client["id"]}")
        {
            Content = JsonContent.Create(
                new ClientInput(client["name"]!.GetValue<string>(), client["mobile"]?.GetValue<string>(), client["email"]?.GetValue<string>())
            ),
        };
        save.Headers.Add("Cookie", cookies);
        save.Headers.Add("X-CSRF-Token", csrf);
        using var saved = await http.SendAsync(save);
        Check(failures, run, saved.IsSuccessStatusCode, $"saving a client answered {(int)saved.StatusCode}");
    }

    private static async Task CheckEndpointsAsync(HttpClient http, string cookies, Seeded seeded, int run, List<string> failures)
    {
        var dashboard = await GetJsonAsync(http, cookies, "/api/dashboard");
        var agenda = dashboard["days"]?.AsArray().Sum(day => day!["appointments"]!.AsArray().Count) ?? 0;
        Check(failures, run, agenda > 0, "the dashboard's agenda is empty");
        var reminders = 0;
        var path = "/api/reminders?status=scheduled";
        while (true)
        {
            var page = await GetJsonAsync(http, cookies, path);
            reminders += page["items"]!.AsArray().Count;
            if (page["nextCursor"]?.GetValue<string>() is not { } after)
            {
                break;
            }
            path = "/api/reminders?status=scheduled&after=" + Uri.EscapeDataString(after);
        }
        Check(failures, run, reminders == seeded.ScheduledReminders, $"the upcoming reminders list has {reminders} reminders, not {seeded.ScheduledReminders}");
        var history = (await GetJsonAsync(http, cookies, "/api/history"))["items"]!.AsArray().Count;
        Check(failures, run, history > 0 || seeded.HistoryReminders == 0, "the history's first page is empty");
        using var index = await http.GetAsync("/index.html");
        Check(
            failures,
            run,
            index.StatusCode == HttpStatusCode.OK && index.Content.Headers.ContentType?.MediaType == "text/html",
            $"/index.html answered {(int)index.StatusCode} {index.Content.Headers.ContentType}"
        );
    }

    private static void Check(List<string> failures, int run, bool condition, string failure)
    {
        if (!condition)
        {
            failures.Add($"run {run}: {failure}");
            Log($"run {run}: {failure}");
        }
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process api)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DateTimeOffset.UtcNow < deadline && !api.HasExited)
        {
            try
            {
                using var response = await http.GetAsync("/api/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"The API did not become healthy in 60 s:\n{ChildProcesses.Output(api)}");
    }

    /// <summary>Signs in as the web app does (anti-forgery token, then the login form); returns the Cookie header to send.</summary>
    private static async Task<string> SignInAsync(HttpClient http, string email)
    {
        using var csrfResponse = await http.GetAsync("/api/auth/csrf");
        csrfResponse.EnsureSuccessStatusCode();
        var csrfCookie = CookieFrom(csrfResponse, CsrfProtection.CookieName);
        var token = (await csrfResponse.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new LoginRequest(email, OwnerPassword, false)),
        };
        login.Headers.Add("Cookie", csrfCookie);
        login.Headers.Add("X-CSRF-Token", token);
        using var signedIn = await http.SendAsync(login);
        if (!signedIn.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Signing in answered {(int)signedIn.StatusCode}: {await signedIn.Content.ReadAsStringAsync()}");
        }
        return $"{csrfCookie}; {CookieFrom(signedIn, SessionAuthentication.CookieName)}";
    }

    private static string CookieFrom(HttpResponseMessage response, string name) =>
        (response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            .Select(v => v.Split(';')[0])
            .LastOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} set no {name} cookie.");

    private static async Task<JsonNode> GetJsonAsync(HttpClient http, string cookies, string path) => JsonNode.Parse(await GetAsync(http, cookies, path))!;

    private static async Task<string> GetAsync(HttpClient http, string cookies, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {body}");
    }

    private sealed record WrkFigures(
        long Requests,
        long DurationUs,
        long Bytes,
        long ConnectErrors,
        long ReadErrors,
        long WriteErrors,
        long StatusErrors,
        long Timeouts,
        long Non2xx,
        long P50Us,
        long P95Us,
        long P99Us,
        long MaxUs,
        double MeanUs
    );

    private static async Task<WrkFigures> WrkAsync(ApiLoadOptions options, string url, string cookies, int seconds)
    {
        var startInfo = new ProcessStartInfo("wrk")
        {
            ArgumentList =
            {
                "--threads",
                options.Threads.ToString(CultureInfo.InvariantCulture),
                "--connections",
                options.Connections.ToString(CultureInfo.InvariantCulture),
                "--duration",
                $"{seconds}s",
                "--timeout",
                "60s",
                "--script",
                Path.Combine(AppContext.BaseDirectory, "wrk-report.lua"),
                "--header",
                $"Cookie: {cookies}",
                // As a browser asks: the server may compress.
                "--header",
                "Accept-Encoding: gzip, deflate, br",
                url,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var wrk = ChildProcesses.Start(startInfo, "wrk");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 90));
        string output;
        try
        {
            await wrk.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            output = await ChildProcesses.StopAsync(wrk);
        }
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRK_JSON ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk ended {wrk.ExitCode} without its figures:\n{output}");
        return JsonSerializer.Deserialize<WrkFigures>(line["WRK_JSON ".Length..], JsonSerializerOptions.Web)!;
    }

    private sealed record Alone(double MedianMs, double ApiCpuMs, double? AzuriteCpuMs);

    private static async Task<Alone> OneAtATimeAsync(HttpClient http, string cookies, string path, Process api, Process? azurite)
    {
        for (var i = 0; i < 3; i++)
        {
            await GetAsync(http, cookies, path);
        }
        // At least 20 requests and 2 seconds: processor time is counted in 10 ms ticks.
        var latencies = new List<double>();
        var (apiCpu, azuriteCpu) = (Cpu(api), Cpu(azurite));
        var elapsed = Stopwatch.StartNew();
        while (latencies.Count < 20 || (elapsed.Elapsed < TimeSpan.FromSeconds(2) && latencies.Count < 5000))
        {
            var clock = Stopwatch.StartNew();
            await GetAsync(http, cookies, path);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        var (apiUsed, azuriteUsed) = (Cpu(api) - apiCpu, Cpu(azurite) - azuriteCpu);
        return new Alone(
            Math.Round(latencies.Order().ElementAt(latencies.Count / 2), 2),
            Math.Round(apiUsed.TotalMilliseconds / latencies.Count, 3),
            azurite is null ? null : Math.Round(azuriteUsed.TotalMilliseconds / latencies.Count, 3)
        );
    }

    private static TimeSpan Cpu(Process? process)
    {
        process?.Refresh();
        return process?.TotalProcessorTime ?? TimeSpan.Zero;
    }

    private static EndpointRun Figures(string key, string path, WrkFigures wrk, Alone alone) =>
        new(
            key,
            path,
            Math.Round(wrk.Requests / (wrk.DurationUs / 1e6), 1),
            Math.Round(wrk.P50Us / 1000.0, 2),
            Math.Round(wrk.P95Us / 1000.0, 2),
            Math.Round(wrk.P99Us / 1000.0, 2),
            Math.Round(wrk.MaxUs / 1000.0, 2),
            wrk.Requests,
            wrk.Non2xx,
            wrk.ConnectErrors + wrk.ReadErrors + wrk.WriteErrors + wrk.Timeouts,
            wrk.Requests == 0 ? 0 : wrk.Bytes / wrk.Requests,
            alone.MedianMs,
            alone.ApiCpuMs,
            alone.AzuriteCpuMs
        );

    private static Dictionary<string, Report.Figure> Summarize(List<ApiLoadRun> runs)
    {
        var values = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(string key, double value) => (values.TryGetValue(key, out var list) ? list : values[key] = []).Add(value);
        foreach (var run in runs)
        {
            var baseline = run.Endpoints.Single(e => e.Key == "static").RequestsPerSecond;
            foreach (var e in run.Endpoints)
            {
                Add($"{e.Key}RequestsPerSecond", e.RequestsPerSecond);
                Add($"{e.Key}P50Ms", e.P50Ms);
                Add($"{e.Key}P95Ms", e.P95Ms);
                Add($"{e.Key}P99Ms", e.P99Ms);
                Add($"{e.Key}AloneMs", e.AloneMs);
                Add($"{e.Key}ApiCpuMsPerRequest", e.ApiCpuMsPerRequest);
                if (e.AzuriteCpuMsPerRequest is { } azurite)
                {
                    Add($"{e.Key}AzuriteCpuMsPerRequest", azurite);
                }
                if (e.Key != "static")
                {
                    Add($"{e.Key}ToStaticRatio", Math.Round(e.RequestsPerSecond / baseline, 3));
                }
            }
            Add("clientsColdMs", run.ClientsColdMs);
            Add("clientsRebuildMs", run.ClientsRebuildMs);
            Add("clientsRebuildConcurrentMs", run.ClientsRebuildConcurrentMs);
            Add("clientsAllPagesMs", run.ClientsAllPagesMs);
        }
        return values.ToDictionary(
            v => v.Key,
            v =>
            {
                var sorted = v.Value.Order().ToList();
                return new Report.Figure(sorted[(sorted.Count - 1) / 2], sorted[0], sorted[^1]);
            }
        );
    }

    private static string Table(ApiLoadResult result, int connections)
    {
        var text = new StringBuilder();
        var f = result.Figures;
        text.AppendLine();
        text.AppendLine(
            CultureInfo.InvariantCulture,
            $"API load: {result.Runs.Count} run(s), medians (min–max); {JsonSerializer.Serialize(result.Settings, Report.Json)}"
        );
        text.AppendLine(
            CultureInfo.InvariantCulture,
            $"{"endpoint", -42} {"requests/s", 22} {"p50 ms", 20} {"p95 ms", 20} {"p99 ms", 20} {"÷ static", 18} {"alone ms", 18} {"API CPU ms/req", 18} {"Azurite CPU ms/req", 18} {"storage req/req", 16}"
        );
        string Cell(string key) => f.TryGetValue(key, out var x) ? $"{x.Median} ({x.Min}–{x.Max})" : "";
        foreach (var (key, label, _) in Endpoints)
        {
            text.AppendLine(
                CultureInfo.InvariantCulture,
                $"{label, -42} {Cell(key + "RequestsPerSecond"), 22} {Cell(key + "P50Ms"), 20} {Cell(key + "P95Ms"), 20} {Cell(key + "P99Ms"), 20} {Cell(key + "ToStaticRatio"), 18} {Cell(key + "AloneMs"), 18} {Cell(key + "ApiCpuMsPerRequest"), 18} {Cell(key + "AzuriteCpuMsPerRequest"), 18} {result.StorageRequestsPerRequest.GetValueOrDefault(key), 16}"
            );
        }
        text.AppendLine();
        text.AppendLine(
            CultureInfo.InvariantCulture,
            $"client list, first request after start (all clients decrypted, cold code), ms: {Cell("clientsColdMs")}"
        );
        text.AppendLine(
            CultureInfo.InvariantCulture,
            $"client list, first request after a client is saved (all clients decrypted again), ms: {Cell("clientsRebuildMs")}"
        );
        text.AppendLine(
            CultureInfo.InvariantCulture,
            $"client list after a client is saved, {connections} requests at once, ms until the last answers: {Cell("clientsRebuildConcurrentMs")}"
        );
        text.AppendLine(
            CultureInfo.InvariantCulture,
            $"all clients through the API, {result.Runs[0].ClientsAllPagesRequests} sequential pages of {ClientService.MaxPageSize}, ms: {Cell("clientsAllPagesMs")}"
        );
        return text.ToString();
    }

    private static string WrkVersion()
    {
        try
        {
            using var wrk = Process.Start(
                new ProcessStartInfo("wrk", "--version")
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                }
            )!;
            var first = wrk.StandardOutput.ReadLine() ?? "";
            wrk.WaitForExit();
            return first.Split(" Copyright")[0].Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("wrk is not installed (bench/api.sh installs Debian's wrk package).");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClientReminders.sln")))
            {
                return directory.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Log(string message) => Console.Error.WriteLine(message);

    /// <summary>Every process this scenario starts, killed when it ends, fails, or the benchmark is interrupted.</summary>
    private static class ChildProcesses
    {
        private static readonly Dictionary<Process, StringBuilder> Running = [];
        private static readonly List<PosixSignalRegistration> Signals = [];

        public static Process Start(ProcessStartInfo startInfo, string name)
        {
            lock (Running)
            {
                if (Signals.Count == 0)
                {
                    foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
                    {
                        Signals.Add(PosixSignalRegistration.Create(signal, _ => KillAll()));
                    }
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
                }
                var output = new StringBuilder();
                var process = new Process { StartInfo = startInfo };
                process.OutputDataReceived += (_, e) => Append(output, e.Data);
                process.ErrorDataReceived += (_, e) => Append(output, e.Data);
                if (!process.Start())
                {
                    throw new InvalidOperationException($"Could not start {name}.");
                }
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                Running[process] = output;
                return process;
            }
        }

        public static string Output(Process process)
        {
            lock (Running)
            {
                return Running.TryGetValue(process, out var output) ? Tail(output) : "";
            }
        }

        /// <summary>Stops the process if it still runs, and returns the end of what it printed.</summary>
        public static async Task<string> StopAsync(Process process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            lock (Running)
            {
                var output = Output(process);
                Running.Remove(process);
                return output;
            }
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
                if (output.Length > 200_000)
                {
                    output.Remove(0, 100_000);
                }
            }
        }

        private static string Tail(StringBuilder output)
        {
            lock (output)
            {
                return output.Length > 20_000 ? output.ToString(output.Length - 20_000, 20_000) : output.ToString();
            }
        }

        private static void KillAll()
        {
            lock (Running)
            {
                foreach (var process in Running.Keys)
                {
                    try
                    {
                        if (!process.HasExited)
                        {
                            process.Kill(entireProcessTree: true);
                        }
                    }
                    catch (InvalidOperationException)
                    {
                        // Already gone.
                    }
                }
            }
        }
    }
}
