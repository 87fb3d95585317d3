using System.Diagnostics;
using System.Globalization;
using Azure.Storage.Queues;
using ClientReminders.Accounts;
using ClientReminders.Appointments;
using ClientReminders.AzureClients.Storage;
using ClientReminders.Clients;
using ClientReminders.Common;
using ClientReminders.Reminders;
using ClientReminders.Storage;

namespace ClientReminders.Bench;

public sealed record BenchOptions(
    int Reminders,
    double FaultRate,
    int Runs,
    int FirstRun,
    int Accounts,
    int ClientsPerAccount,
    TimeSpan Spread,
    int BatchSize,
    string StorageConnectionString
);

public sealed record PipelineResult(
    int Reminders,
    int Delivered,
    int RecordedSent,
    int RecordedFailed,
    int Other,
    double SetupSeconds,
    double SetupOverrunSeconds,
    double SendingSeconds,
    double RemindersPerSecond,
    double OfferedPerSecond,
    long StorageTransactions,
    double StorageTransactionsPerReminder,
    Dictionary<string, double> TransactionsPerReminderByOperation,
    double LatenessP50Seconds,
    double LatenessP99Seconds,
    double LatenessMaxSeconds,
    double HandOverLatenessP50Seconds,
    double HandOverLatenessP99Seconds,
    double UnfaultedLatenessP99Seconds,
    double PeakWorkingSetMb,
    int Duplicates,
    int RepeatedHandOversDropped,
    double ProviderAttemptsPerReminder,
    Dictionary<string, int> InjectedFaults,
    int DeliveredButRecordedFailed,
    int QueueMessagesNotDeleted,
    double AppCpuMsPerReminder,
    double StorageEmulatorCpuMsPerReminder,
    bool TimedOut
);

/// <summary>
/// The real app in-process on a loopback port, the local trigger driver running SendReminder only, sending through its ACS
/// client to a fake ACS on loopback that injects faults; reminders due over a spread of seconds. It measures how fast and
/// how late they go out, what storage they cost, and that none goes twice.
/// </summary>
public static class SendPipelineScenario
{
    private const string Zone = "Europe/London";
    private const int OffsetMinutes = 60;

    public static async Task<PipelineResult> RunAsync(BenchOptions options, StorageTap tap, int runNumber)
    {
        var settings = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["environment"] = "Development",
            ["AzureWebJobsStorage"] = options.StorageConnectionString,
            ["Logging:LogLevel:Default"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.Diagnostics"] = "None",
            ["Logging:LogLevel:ClientReminders.Reminders.ReminderSender"] = "None",
            ["Logging:LogLevel:ClientReminders.Triggers"] = "Critical",
            // The injected faults make SendReminder fail on purpose; the figures count them instead.
            ["Logging:LogLevel:Function"] = "None",
            ["Security:MasterKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Security:Passwords:Iterations"] = "1000",
            ["Triggers:LocalDriver"] = "true",
            ["AzureFunctionsJobHost:functions:0"] = "SendReminder",
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.100",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:01",
        };
        var acs = await BenchAcs.StartAsync(options.FaultRate, seed: runNumber);
        await using var acsServer = acs.Server;
        settings["Acs:ConnectionString"] = acs.Server.ConnectionString;
        settings["Acs:SmsFrom"] = "+18005550100";
        settings["Acs:EmailFrom"] = "DoNotReply@bench.example";
        await using var app = Program.Build([.. settings.Select(s => $"--{s.Key}={s.Value}")], builder =>
        {
            builder.Services.AddSingleton(acs);
            builder.Services.AddSingleton<AcsMessageSender>();
            builder.Services.AddSingleton<IMessageSender>(sp => new CrashAfterHandOver(sp.GetRequiredService<AcsMessageSender>(), acs));
        });
        await app.StartAsync();
        var services = app.Services;

        var setup = Stopwatch.StartNew();
        var accounts = await CreateAccountsAsync(services, options, runNumber);
        var clients = await CreateClientsAsync(services, accounts, options.ClientsPerAccount);
        Log($"run {runNumber}: {options.Accounts} accounts and {options.Accounts * options.ClientsPerAccount} clients in {setup.Elapsed.TotalSeconds:F1} s");
        var (perAppointment, calibrationMessages) = await CalibrateAsync(services, options, runNumber);
        Log($"run {runNumber}: booking takes {perAppointment.TotalMilliseconds:F1} ms per appointment");
        var firstDue = RoundUpToSecond(DateTimeOffset.UtcNow + perAppointment * options.Reminders * 1.3 + TimeSpan.FromSeconds(5));
        await BookAsync(services, accounts, clients, options, firstDue);
        var setupSeconds = setup.Elapsed.TotalSeconds;
        var overrun = Math.Max(0, (DateTimeOffset.UtcNow - firstDue).TotalSeconds);
        Log(
            $"run {runNumber}: set up {options.Reminders} reminders in {setupSeconds:F1} s; first due at {firstDue:HH:mm:ss}, spread {options.Spread.TotalSeconds:F0} s"
        );

        // The window opens a little before the first due instant: the queue shows a message up to a second early.
        var wait = firstDue - TimeSpan.FromSeconds(1.5) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        var storageBefore = StorageMetrics.Requests;
        var byOperationBefore = tap.Snapshot();
        var deletesBefore = tap.SendQueueDeletes;
        var sendsBefore = tap.SendQueueSends;
        var peakWorkingSet = 0L;
        var process = Process.GetCurrentProcess();
        var emulator = StorageEmulatorProcesses();
        var (appCpuBefore, emulatorCpuBefore) = (process.TotalProcessorTime, CpuOf(emulator));
        var (appCpuAtLastDelete, emulatorCpuAtLastDelete) = (appCpuBefore, emulatorCpuBefore);
        var deadline = DateTimeOffset.UtcNow + options.Spread + TimeSpan.FromMinutes(4);
        var timedOut = false;
        var lastReport = DateTimeOffset.UtcNow;
        // The storage figures stop at the last message deleted, so idle polling after it does not count.
        var (lastDeletes, lastDeleteAt) = (deletesBefore, DateTimeOffset.UtcNow);
        var (storageAtLastDelete, byOperationAtLastDelete) = (storageBefore, byOperationBefore);
        while (true)
        {
            var (deletes, sends, requests) = (tap.SendQueueDeletes, tap.SendQueueSends, StorageMetrics.Requests);
            if (deletes != lastDeletes)
            {
                (lastDeletes, lastDeleteAt) = (deletes, DateTimeOffset.UtcNow);
                (storageAtLastDelete, byOperationAtLastDelete) = (requests, tap.Snapshot());
                process.Refresh();
                (appCpuAtLastDelete, emulatorCpuAtLastDelete) = (process.TotalProcessorTime, CpuOf(emulator));
            }
            if (deletes - deletesBefore >= options.Reminders + (sends - sendsBefore))
            {
                break;
            }
            // Every reminder handed over and nothing finished for a while: the rest are messages left for the driver's lease.
            if (acs.Delivered >= options.Reminders && DateTimeOffset.UtcNow - lastDeleteAt > TimeSpan.FromSeconds(15))
            {
                break;
            }
            process.Refresh();
            peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
            if (DateTimeOffset.UtcNow > deadline)
            {
                timedOut = true;
                break;
            }
            if (DateTimeOffset.UtcNow - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = DateTimeOffset.UtcNow;
                Log($"  {deletes - deletesBefore} of {options.Reminders} messages done, {acs.Delivered} delivered");
            }
            await Task.Delay(100);
        }
        var finishedAt = lastDeleteAt;
        var storage = storageAtLastDelete - storageBefore;
        var byOperation = StorageTap.Delta(byOperationAtLastDelete, byOperationBefore);
        // The calibration's reminders, days ahead, wait in the queue too.
        var sendQueue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(ReminderStore.QueueName);
        var unfinishedMessages = (await sendQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount - calibrationMessages;

        var reminders = await ReadRemindersAsync(services, accounts);
        foreach (var unfinished in reminders.Where(r => r.Status is not (ReminderStatus.Sent or ReminderStatus.Failed)))
        {
            Log($"  reminder {unfinished.Id} ended {unfinished.Status}: {unfinished.Reason}");
        }
        var traces = acs.Traces;
        var sent = reminders.Where(r => r.Status == ReminderStatus.Sent && r.SentAt is not null).ToList();
        var failed = reminders.Where(r => r.Status == ReminderStatus.Failed).ToList();
        var lateness = sent.Select(r => (r.SentAt!.Value - r.DueAt).TotalSeconds).Order().ToList();
        var unfaultedLateness = sent.Where(r => !traces.TryGetValue(r.Id, out var t) || t.Faults == 0)
            .Select(r => (r.SentAt!.Value - r.DueAt).TotalSeconds)
            .Order()
            .ToList();
        var handOverLateness = reminders
            .Select(r => traces.TryGetValue(r.Id, out var t) && t.FirstHandOver is { } at ? (at - r.DueAt).TotalSeconds : (double?)null)
            .OfType<double>()
            .Order()
            .ToList();
        var delivered = reminders.Count(r => traces.TryGetValue(r.Id, out var t) && t.FirstHandOver is not null);
        var lastSent = reminders
            .Select(r => r.SentAt ?? (traces.TryGetValue(r.Id, out var t) ? t.FirstHandOver : null))
            .OfType<DateTimeOffset>()
            .DefaultIfEmpty(finishedAt)
            .Max();
        var sendingSeconds = Math.Max(0.001, (lastSent - firstDue).TotalSeconds);
        await app.StopAsync();

        return new PipelineResult(
            options.Reminders,
            delivered,
            sent.Count,
            failed.Count,
            reminders.Count - sent.Count - failed.Count,
            Math.Round(setupSeconds, 1),
            Math.Round(overrun, 1),
            Math.Round(sendingSeconds, 2),
            Math.Round(delivered / sendingSeconds, 1),
            Math.Round(options.Reminders / options.Spread.TotalSeconds, 1),
            storage,
            Math.Round((double)storage / Math.Max(1, delivered), 2),
            byOperation.ToDictionary(e => e.Key, e => Math.Round((double)e.Value / Math.Max(1, delivered), 3)),
            Percentile(lateness, 0.50),
            Percentile(lateness, 0.99),
            lateness.Count > 0 ? Math.Round(lateness[^1], 3) : double.NaN,
            Percentile(handOverLateness, 0.50),
            Percentile(handOverLateness, 0.99),
            Percentile(unfaultedLateness, 0.99),
            Math.Round(peakWorkingSet / 1024.0 / 1024.0, 1),
            traces.Values.Sum(t => Math.Max(0, t.DistinctKeys - 1)),
            traces.Values.Sum(t => t.RepeatedHandOvers),
            Math.Round(traces.Values.Sum(t => t.Attempts) / (double)Math.Max(1, reminders.Count), 3),
            acs.Injected.OrderBy(e => e.Key).ToDictionary(e => e.Key.ToString(), e => e.Value),
            failed.Count(r => traces.TryGetValue(r.Id, out var t) && t.FirstHandOver is not null),
            unfinishedMessages,
            Math.Round((appCpuAtLastDelete - appCpuBefore).TotalMilliseconds / Math.Max(1, delivered), 2),
            emulator.Count == 0 ? double.NaN : Math.Round((emulatorCpuAtLastDelete - emulatorCpuBefore).TotalMilliseconds / Math.Max(1, delivered), 2),
            timedOut
        );
    }

    private static async Task<List<AccountEntity>> CreateAccountsAsync(IServiceProvider services, BenchOptions options, int runNumber)
    {
        var store = services.GetRequiredService<AccountStore>();
        var rules = services.GetRequiredService<RuleService>();
        var hasher = services.GetRequiredService<PasswordHasher>();
        var accounts = new List<AccountEntity>();
        for (var i = 0; i < options.Accounts; i++)
        {
            var account = NewAccount(hasher, $"bench-{runNumber}-{i}-{Guid.NewGuid():N}@bench.example");
            await store.CreateAsync(account, CancellationToken.None);
            await rules.CreateAsync(account, new RuleInput(ReminderChannel.Sms.Name(), OffsetMinutes, null, null, null), CancellationToken.None);
            accounts.Add(account);
        }
        return accounts;
    }

    internal static AccountEntity NewAccount(PasswordHasher hasher, string email) =>
        new()
        {
            PartitionKey = Guid.NewGuid().ToString("N"),
            BusinessName = "Benchmark Physio",
            OwnerName = "Bench Owner",
            Email = AccountStore.NormalizeEmail(email),
            Country = "GB",
            TimeZone = Zone,
            PasswordHash = hasher.Hash(Guid.NewGuid().ToString()),
            CreatedAt = DateTimeOffset.UtcNow,
            PlanCode = Plans.Trial,
            PlanEndsAt = DateTimeOffset.UtcNow.AddDays(30),
            SmsAllowance = 1_000_000,
        };

    private static async Task<Dictionary<string, List<string>>> CreateClientsAsync(IServiceProvider services, List<AccountEntity> accounts, int perAccount)
    {
        var clients = services.GetRequiredService<ClientService>();
        var byAccount = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await Task.WhenAll(
            accounts.Select(
                async (account, index) =>
                {
                    var ids = new List<string>();
                    for (var i = 0; i < perAccount; i++)
                    {
                        // Ofcom's drama range (+44 7700 900000-900999): nobody real is ever contacted. Each account's clients have
                        // numbers of their own, as businesses rarely share clients (a shared number moves its reply route every send).
                        var mobile = $"+447700900{(index * perAccount + i) % 1000:D3}";
                        ids.Add((await clients.CreateAsync(account, new ClientInput($"Client {i}", mobile, null), CancellationToken.None)).Id);
                    }
                    lock (byAccount)
                    {
                        byAccount[account.Id] = ids;
                    }
                }
            )
        );
        return byAccount;
    }

    /// <summary>Books a few appointments days ahead in an account of their own, to time booking before choosing when the real ones fall due.</summary>
    private static async Task<(TimeSpan PerAppointment, int Booked)> CalibrateAsync(IServiceProvider services, BenchOptions options, int runNumber)
    {
        var count = Math.Clamp(options.Reminders / 50, 50, 200);
        var store = services.GetRequiredService<AccountStore>();
        var account = NewAccount(services.GetRequiredService<PasswordHasher>(), $"bench-calibration-{runNumber}-{Guid.NewGuid():N}@bench.example");
        await store.CreateAsync(account, CancellationToken.None);
        await services
            .GetRequiredService<RuleService>()
            .CreateAsync(account, new RuleInput(ReminderChannel.Sms.Name(), OffsetMinutes, null, null, null), CancellationToken.None);
        var client = await services
            .GetRequiredService<ClientService>()
            .CreateAsync(account, new ClientInput("Calibration", "+447700900999", null), CancellationToken.None);
        var appointments = services.GetRequiredService<AppointmentService>();
        var start = LocalStart(DateTimeOffset.UtcNow.AddDays(3));
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(
            Enumerable
                .Range(0, options.Accounts)
                .Select(async _ =>
                {
                    while (Interlocked.Increment(ref next) < count)
                    {
                        await appointments.CreateAsync(account, Input(client.Id, start), CancellationToken.None);
                    }
                })
        );
        return (clock.Elapsed / count, count);
    }

    private static async Task BookAsync(
        IServiceProvider services,
        List<AccountEntity> accounts,
        Dictionary<string, List<string>> clients,
        BenchOptions options,
        DateTimeOffset firstDue
    )
    {
        var appointments = services.GetRequiredService<AppointmentService>();
        var next = -1;
        await Task.WhenAll(
            Enumerable
                .Range(0, accounts.Count)
                .Select(async _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < options.Reminders)
                    {
                        var account = accounts[i % accounts.Count];
                        var ids = clients[account.Id];
                        var due = firstDue + options.Spread * i / options.Reminders;
                        var start = LocalStart(due + TimeSpan.FromMinutes(OffsetMinutes));
                        await appointments.CreateAsync(account, Input(ids[i / accounts.Count % ids.Count], start), CancellationToken.None);
                    }
                })
        );
    }

    private static AppointmentInput Input(string clientId, DateTime start) =>
        new(
            clientId,
            start.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
            start.AddMinutes(45).ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
            Zone,
            "Follow-up",
            "Room 2",
            null
        );

    private static DateTime LocalStart(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(Zone)).DateTime;

    private static DateTimeOffset RoundUpToSecond(DateTimeOffset instant) =>
        new(instant.Ticks - instant.Ticks % TimeSpan.TicksPerSecond + TimeSpan.TicksPerSecond, instant.Offset);

    private static async Task<List<ReminderEntity>> ReadRemindersAsync(IServiceProvider services, List<AccountEntity> accounts)
    {
        var table = await services.GetRequiredService<TableClients>().GetAsync(StorageTables.Reminders);
        var all = new List<ReminderEntity>();
        foreach (var account in accounts)
        {
            await foreach (var reminder in table.QueryAsync<ReminderEntity>(ReminderKeys.AccountFilter(account.Id)))
            {
                all.Add(reminder);
            }
        }
        return all;
    }

    /// <summary>Azurite's processes, when bench/pipeline.sh says which they are (BENCH_AZURITE_PIDS).</summary>
    private static List<Process> StorageEmulatorProcesses()
    {
        var processes = new List<Process>();
        foreach (var id in (Environment.GetEnvironmentVariable("BENCH_AZURITE_PIDS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                processes.Add(Process.GetProcessById(int.Parse(id, CultureInfo.InvariantCulture)));
            }
            catch (ArgumentException) { }
        }
        return processes;
    }

    private static TimeSpan CpuOf(List<Process> processes)
    {
        var total = TimeSpan.Zero;
        foreach (var process in processes)
        {
            process.Refresh();
            total += process.TotalProcessorTime;
        }
        return total;
    }

    public static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)], 3);

    public static void Log(string message) => Console.Error.WriteLine(message);
}
