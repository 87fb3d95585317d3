using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ClientReminders.Bench;

public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["coldstart", .. var coldStartArgs])
            return await ColdStartScenario.MainAsync(coldStartArgs); // bench/coldstart.sh
        if (args is ["api", .. var apiArgs])
            return await ApiLoadScenario.MainAsync(apiArgs); // bench/api.sh
        if (args is ["calendar", .. var calendarArgs])
            return await CalendarSyncScenario.MainAsync(calendarArgs); // bench/calendar.sh
        if (args is ["calendar-summary", .. var calendarFiles])
            return CalendarSyncScenario.SummaryMain(calendarFiles); // bench/calendar.sh, after its runs
        if (args is ["pipeline-summary", .. var files])
            return PipelineSummary(files); // bench/pipeline.sh, after its runs
        // bench/pipeline.sh starts a throwaway Azurite per run and passes its connection string as AzureWebJobsStorage.
        var options = Options.Parse(args is ["pipeline", .. var pipelineArgs] ? pipelineArgs : args);
        using var tap = new StorageTap(
            Options.Endpoint(options.StorageConnectionString, "TableEndpoint"),
            Options.Endpoint(options.StorageConnectionString, "QueueEndpoint")
        );
        var runs = new List<(PipelineResult Pipeline, FloorResult Floor)>();
        for (var run = options.FirstRun; run < options.FirstRun + options.Runs; run++)
        {
            var pipeline = await SendPipelineScenario.RunAsync(options, tap, run);
            var floor = await FloorScenario.RunAsync(options, run);
            SendPipelineScenario.Log(
                $"run {run}: {pipeline.RemindersPerSecond}/s, {pipeline.StorageTransactionsPerReminder} transactions per reminder, lateness p99 {pipeline.LatenessP99Seconds} s; floor {floor.RemindersPerSecond}/s"
            );
            runs.Add((pipeline, floor));
        }

        var summary = Report.Summarize(Report.Settings(options), runs);
        Console.WriteLine(JsonSerializer.Serialize(summary, Report.Json));
        Console.Error.WriteLine(Report.Table(summary));
        return runs.Any(r => r.Pipeline.TimedOut || r.Pipeline.Duplicates > 0) ? 1 : 0;
    }

    /// <summary>Folds the JSON of runs made one per process (each on a fresh Azurite) into one summary, as one process of several runs prints.</summary>
    private static int PipelineSummary(string[] files)
    {
        var parts = files
            .Select(file =>
                JsonSerializer.Deserialize<Report.Summary>(File.ReadAllText(file), Report.Json)
                ?? throw new InvalidDataException($"{file} holds no send-pipeline summary.")
            )
            .ToList();
        if (parts.Count == 0)
        {
            Console.Error.WriteLine("Give the JSON files of the runs to fold together.");
            return 2;
        }
        var runs = parts.SelectMany(part => part.Runs.Zip(part.Floor)).ToList();
        var settings = JsonSerializer.SerializeToNode(parts[0].Settings, Report.Json)!.AsObject();
        settings["runs"] = runs.Count;
        settings["azuritePerRun"] = "fresh";
        var summary = Report.Summarize(settings, runs);
        Console.WriteLine(JsonSerializer.Serialize(summary, Report.Json));
        Console.Error.WriteLine(Report.Table(summary));
        return runs.Any(r => r.First.TimedOut || r.First.Duplicates > 0) ? 1 : 0;
    }
}

internal static class Options
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name, string env) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable(env);
        int Int(string name, string env, int fallback) =>
            Value(name, env) is { } v ? int.Parse(v.Replace("_", "").Replace(",", ""), CultureInfo.InvariantCulture) : fallback;
        var storage = Environment.GetEnvironmentVariable("AzureWebJobsStorage")
            ?? throw new InvalidOperationException("Set AzureWebJobsStorage to an Azurite connection string (bench/pipeline.sh does).");
        return new BenchOptions(
            Reminders: Int("--reminders", "BENCH_REMINDERS", 3_334),
            FaultRate: Value("--fault-rate", "BENCH_FAULT_RATE") is { } rate ? double.Parse(rate, CultureInfo.InvariantCulture) : 0.05,
            Runs: Int("--runs", "BENCH_RUNS", 3),
            FirstRun: Int("--run-number", "BENCH_RUN_NUMBER", 1),
            Accounts: Int("--accounts", "BENCH_ACCOUNTS", 10),
            ClientsPerAccount: Int("--clients-per-account", "BENCH_CLIENTS_PER_ACCOUNT", 100),
            Spread: TimeSpan.FromSeconds(Int("--spread-seconds", "BENCH_SPREAD_SECONDS", 60)),
            BatchSize: Int("--batch-size", "BENCH_BATCH_SIZE", 32),
            StorageConnectionString: storage
        );
    }

    public static Uri Endpoint(string connectionString, string key) =>
        new(connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Single(p => p[0] == key)[1]);
}

internal static class Report
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public sealed record Figure(double Median, double Min, double Max)
    {
        /// <summary>The median (the lower middle value for an even count, as the send-pipeline figures), min and max.</summary>
        public static Figure Of(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return new Figure(sorted[(sorted.Count - 1) / 2], sorted[0], sorted[^1]);
        }
    }

    public sealed record Summary(
        string Date,
        object Machine,
        object Settings,
        Dictionary<string, Figure> Figures,
        Dictionary<string, double> TransactionsPerReminderByOperation,
        int TotalReminders,
        int TotalDuplicates,
        bool AnyTimedOut,
        List<PipelineResult> Runs,
        List<FloorResult> Floor
    );

    private static readonly (string Key, string Label, Func<PipelineResult, FloorResult, double> Get)[] Figures =
    [
        ("remindersPerSecond", "reminders sent per second", (p, _) => p.RemindersPerSecond),
        ("offeredPerSecond", "reminders falling due per second (offered load)", (p, _) => p.OfferedPerSecond),
        ("storageTransactionsPerReminder", "storage transactions per sent reminder (aim ≤ 5)", (p, _) => p.StorageTransactionsPerReminder),
        ("latenessP50Seconds", "lateness p50, s (SentAt − DueAt)", (p, _) => p.LatenessP50Seconds),
        ("latenessP99Seconds", "lateness p99, s (aim < 2)", (p, _) => p.LatenessP99Seconds),
        ("latenessMaxSeconds", "lateness max, s", (p, _) => p.LatenessMaxSeconds),
        ("handOverLatenessP99Seconds", "hand-over to provider lateness p99, s", (p, _) => p.HandOverLatenessP99Seconds),
        ("unfaultedLatenessP99Seconds", "lateness p99 of sends that met no fault, s", (p, _) => p.UnfaultedLatenessP99Seconds),
        ("sendingSeconds", "first due → last sent, s", (p, _) => p.SendingSeconds),
        ("appCpuMsPerReminder", "app + harness CPU per sent reminder, ms", (p, _) => p.AppCpuMsPerReminder),
        ("storageEmulatorCpuMsPerReminder", "Azurite CPU per sent reminder, ms", (p, _) => p.StorageEmulatorCpuMsPerReminder),
        ("peakWorkingSetMb", "peak working set, MB (app + harness)", (p, _) => p.PeakWorkingSetMb),
        ("duplicates", "duplicates (messages handed over twice)", (p, _) => p.Duplicates),
        ("providerAttemptsPerReminder", "provider attempts per reminder", (p, _) => p.ProviderAttemptsPerReminder),
        ("deliveredButRecordedFailed", "crashed after hand-over, recorded failed", (p, _) => p.DeliveredButRecordedFailed),
        ("queueMessagesNotDeleted", "queue messages left 15 s after the last hand-over", (p, _) => p.QueueMessagesNotDeleted),
        ("floorRemindersPerSecond", "floor: minimal storage work per reminder, per second", (_, f) => f.RemindersPerSecond),
        ("floorTransactionsPerReminder", "floor: storage transactions per reminder", (_, f) => f.StorageTransactionsPerReminder),
        ("pipelineToFloorRatio", "floor rate ÷ pipeline rate (overhead factor)", (p, f) =>
            Math.Round(f.RemindersPerSecond / Math.Max(0.001, p.RemindersPerSecond), 2)
        ),
        ("setupSeconds", "setup (accounts, clients, appointments), s", (p, _) => p.SetupSeconds),
    ];

    public static object Settings(BenchOptions options) =>
        new
        {
            options.Reminders,
            options.FaultRate,
            options.Runs,
            options.Accounts,
            options.ClientsPerAccount,
            SpreadSeconds = options.Spread.TotalSeconds,
            options.BatchSize,
            VisibilityTimeout = "00:00:01",
            MaxPollingInterval = "00:00:00.100",
            Provider = "fake ACS on loopback (HMAC-checked), faults shared equally by 429, 500, 503, slow answers, dropped connections after accepting and app crashes after hand-over",
        };

    public static Summary Summarize(object settings, List<(PipelineResult Pipeline, FloorResult Floor)> runs)
    {
        var figures = Figures.ToDictionary(f => f.Key, f => Figure.Of(runs.Select(r => f.Get(r.Pipeline, r.Floor))));
        var byOperation = runs.SelectMany(r => r.Pipeline.TransactionsPerReminderByOperation)
            .GroupBy(e => e.Key)
            .Select(g => (g.Key, Median: g.Select(e => e.Value).Order().ElementAt((g.Count() - 1) / 2)))
            .OrderByDescending(e => e.Median)
            .ToDictionary(e => e.Key, e => e.Median);
        return new Summary(
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            Machine(),
            settings,
            figures,
            byOperation,
            runs.Sum(r => r.Pipeline.Reminders),
            runs.Sum(r => r.Pipeline.Duplicates),
            runs.Any(r => r.Pipeline.TimedOut),
            runs.Select(r => r.Pipeline).ToList(),
            runs.Select(r => r.Floor).ToList()
        );
    }

    public static string Table(Summary summary)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine($"{"figure", -58} {"median", 10} {"min", 10} {"max", 10}");
        foreach (var (key, label, _) in Figures)
        {
            var f = summary.Figures[key];
            text.AppendLine(CultureInfo.InvariantCulture, $"{label, -58} {f.Median, 10} {f.Min, 10} {f.Max, 10}");
        }
        text.AppendLine();
        text.AppendLine("storage transactions per sent reminder, by operation (median of runs):");
        foreach (var (operation, perReminder) in summary.TransactionsPerReminderByOperation)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {operation, -56} {perReminder, 10}");
        }
        return text.ToString();
    }

    public static object Machine()
    {
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo")
                .FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                ?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        return new
        {
            Processors = Environment.ProcessorCount,
            MemoryGb = memory is { } kb ? Math.Round(long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1) : (double?)null,
            Os = os ?? RuntimeInformation.OSDescription,
            Kernel = RuntimeInformation.OSDescription,
            Dotnet = RuntimeInformation.FrameworkDescription,
        };
    }
}
