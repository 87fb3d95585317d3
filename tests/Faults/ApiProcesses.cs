using System.Text.RegularExpressions;
using Azure.Core.Pipeline;
using ClientReminders.AzureClients.Communication.Email;
using ClientReminders.AzureClients.Communication.Sms;

namespace ClientReminders.Tests.Faults;

/// <summary>Thrown by every call out of an API process after it was killed: a dead process reaches nothing.</summary>
public sealed class ProcessKilledException() : Exception("The API process was killed.");

/// <summary>Which reminder kills the process at which point of its send; each crash happens once, in whichever process gets there.</summary>
public sealed class CrashPlan
{
    private readonly ConcurrentDictionary<string, CrashPoint> points = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> reminderByOperationId = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, CrashPoint> happened = new(StringComparer.Ordinal);

    public int Happened(CrashPoint point) => happened.Values.Count(p => p == point);

    public void Expect(string reminderId, int version, CrashPoint point)
    {
        reminderByOperationId[AcsMessageSender.GuidFrom($"{reminderId}:{version}").ToString()] = reminderId;
        if (point != CrashPoint.None)
        {
            points[reminderId] = point;
        }
    }

    public string? ReminderOfOperation(string operationId) => reminderByOperationId.GetValueOrDefault(operationId);

    public bool Reached(string? reminderId, CrashPoint point) =>
        reminderId is not null && points.GetValueOrDefault(reminderId) == point && happened.TryAdd(reminderId, point);
}

/// <summary>
/// The life of one API process. Once killed, nothing it does reaches storage or ACS any more (not a finally block, not the
/// driver's clean-up), as when the process is gone. Its transport kills it at the crash points of the plan.
/// </summary>
public sealed partial class ProcessLife(CrashPlan crashes)
{
    private readonly TaskCompletionSource killed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsKilled => killed.Task.IsCompleted;

    public Task Killed => killed.Task;

    public void Kill() => killed.TrySetResult();

    public HttpMessageHandler Transport() => new Handler(this) { InnerHandler = new SocketsHttpHandler() };

    private sealed class Handler(ProcessLife life) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            ThrowIfKilled();
            var (reminderId, status) = await ReminderWriteAsync(request);
            if (status == ReminderStatus.Sent.Name() && life.crashes.Reached(reminderId, CrashPoint.BeforeFinish))
            {
                life.Kill();
            }
            ThrowIfKilled();
            var response = await base.SendAsync(request, cancellationToken);
            if (status == ReminderStatus.Sending.Name() && response.IsSuccessStatusCode && life.crashes.Reached(reminderId, CrashPoint.AfterClaim))
            {
                life.Kill();
            }
            if (response.StatusCode == HttpStatusCode.Accepted && life.crashes.Reached(await SentReminderAsync(request), CrashPoint.AfterProviderAccepted))
            {
                life.Kill();
            }
            if (life.IsKilled)
            {
                response.Dispose();
            }
            ThrowIfKilled();
            return response;
        }

        private void ThrowIfKilled()
        {
            if (life.IsKilled)
            {
                throw new ProcessKilledException();
            }
        }

        private static async Task<(string? ReminderId, string? Status)> ReminderWriteAsync(HttpRequestMessage request)
        {
            // A write whose counts change with it goes as a table transaction: the row's change is one part of the batch.
            if (
                request.Method == HttpMethod.Post
                && request.Content is not null
                && request.RequestUri!.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal)
            )
            {
                var batch = await request.Content.ReadAsStringAsync();
                return BatchedReminderWrite().Match(batch) is { Success: true } part
                    ? (part.Groups["id"].Value, BatchedStatus().Match(batch[part.Index..]) is { Success: true } written ? written.Groups["status"].Value : null)
                    : (null, null);
            }
            if (
                request.Method != HttpMethod.Put && request.Method.Method != "MERGE"
                || request.Content is null
                || ReminderRow().Match(Uri.UnescapeDataString(request.RequestUri!.AbsolutePath)) is not { Success: true } row
            )
            {
                return (null, null);
            }
            using var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync());
            return (row.Groups["id"].Value, body.RootElement.TryGetProperty("Status", out var status) ? status.GetString() : null);
        }

        private async Task<string?> SentReminderAsync(HttpRequestMessage request)
        {
            if (request.Content is null || request.RequestUri!.AbsolutePath is not ("/sms" or "/emails:send"))
            {
                return null;
            }
            using var body = JsonDocument.Parse(await request.Content.ReadAsStringAsync());
            if (body.RootElement.TryGetProperty("smsSendOptions", out var options) && options.TryGetProperty("tag", out var tag))
            {
                return tag.GetString()?.Split('/').Last();
            }
            return request.Headers.TryGetValues("Operation-Id", out var ids) ? life.crashes.ReminderOfOperation(ids.First()) : null;
        }
    }

    private readonly CrashPlan crashes = crashes;

    [GeneratedRegex(@"/Reminders\(PartitionKey='[^']*',\s*RowKey='(?<id>[^']*)'\)$")]
    private static partial Regex ReminderRow();

    [GeneratedRegex(@"(PUT|MERGE|PATCH) \S*/Reminders\(PartitionKey='[^']*',\s*RowKey='(?<id>[0-9][^']*)'\)")]
    private static partial Regex BatchedReminderWrite();

    [GeneratedRegex(@"""Status""\s*:\s*""(?<status>[a-z]+)""")]
    private static partial Regex BatchedStatus();
}

/// <summary>
/// The API process, restarted on the same storage whenever it is killed, as the Functions host restarts a dead worker.
/// Each process runs the real local trigger driver for SendReminder only; a killed one is disposed in the background.
/// </summary>
public sealed class ApiProcesses(Func<IReadOnlyDictionary<string, string>> settings, CrashPlan crashes) : IAsyncDisposable
{
    private readonly List<Task> disposals = [];
    private readonly CancellationTokenSource stopping = new();
    private Task supervisor = Task.CompletedTask;
    private (TestApp App, ProcessLife Life)? current;
    private int kills;

    public int Kills => kills;

    public TestApp Current => current?.App ?? throw new InvalidOperationException("No API process is running.");

    public async Task StartAsync()
    {
        current = await StartProcessAsync();
        supervisor = SuperviseAsync();
    }

    /// <summary>Kills whatever process is running now (the timed kills of the schedule).</summary>
    public void KillCurrent() => current?.Life.Kill();

    private async Task SuperviseAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var (app, life) = current!.Value;
            await Task.WhenAny(life.Killed, Task.Delay(Timeout.Infinite, stopping.Token));
            if (!life.IsKilled)
            {
                return;
            }
            Interlocked.Increment(ref kills);
            lock (disposals)
            {
                disposals.Add(Task.Run(async () => await app.DisposeAsync()));
            }
            current = await StartProcessAsync();
        }
    }

    private async Task<(TestApp, ProcessLife)> StartProcessAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var life = new ProcessLife(crashes);
            var all = settings();
            var storage = all["AzureWebJobsStorage"];
            try
            {
                var app = await TestApp.StartAsync(
                    all,
                    builder =>
                    {
                        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));
                        builder.Services.AddSingleton(
                            new TableServiceClient(storage, StorageClientOptions.ForTables(new HttpClientTransport(life.Transport())))
                        );
                        builder.Services.AddSingleton(
                            new QueueServiceClient(storage, StorageClientOptions.ForQueues(new HttpClientTransport(life.Transport())))
                        );
                        var acs = all["Acs:ConnectionString"];
                        builder.Services.AddSingleton(new SmsClient(acs, new SmsClientOptions { Transport = life.Transport() }));
                        builder.Services.AddSingleton(new EmailClient(acs, new EmailClientOptions { Transport = life.Transport() }));
                    },
                    storageConnectionString: storage
                );
                return (app, life);
            }
            catch (Exception) when (attempt < 10)
            {
                // Storage may be in one of its outages while the process starts: the host would try again.
                await Task.Delay(500);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await supervisor;
        if (current is var (app, _))
        {
            await app.DisposeAsync();
        }
        Task[] pending;
        lock (disposals)
        {
            pending = [.. disposals];
        }
        await Task.WhenAll(pending);
        stopping.Dispose();
    }
}
