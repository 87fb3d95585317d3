using System.Diagnostics;
using System.Text.RegularExpressions;
using ClientReminders.Tests.Communication;
using ClientReminders.Tests.Reminders.Counts;
using Xunit.Abstractions;

namespace ClientReminders.Tests.Faults;

/// <summary>
/// Issue 11's fault-injection run: reminders due within seconds across a few accounts, sent by the real local trigger driver
/// through ACS (a fake that checks signatures), while ACS throttles, fails, stalls and drops connections after accepting,
/// Azurite goes down and comes back, the API process is killed mid-send and restarted, and queue messages arrive twice.
/// </summary>
public class FaultInjectionTests(ITestOutputHelper output)
{
    private const int Seed = 20261122;
    private const int ReminderCount = 150;
    private const int ClientsPerAccount = 15;
    private const string Zone = "Europe/London";
    private const int OffsetMinutes = 60;
    private static readonly ReminderChannel[] AccountChannels = [ReminderChannel.Sms, ReminderChannel.Sms, ReminderChannel.Email];
    private static readonly string[] MalformedMessages = ["this is not a reminder message", "[1, 2, 3]"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>Enough to book them all on a busy two-core machine; the reminders of any that take longer are simply late.</summary>
    private static readonly TimeSpan BookingTime = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task EveryReminderEndsFinalOnceAndNoneIsLostWhateverFails()
    {
        var clock = Stopwatch.StartNew();
        var schedule = FaultSchedule.Create(Seed, ReminderCount);
        output.WriteLine($"faults: seed {Seed}");
        await using var azurite = await AzuriteServer.StartPrivateAsync();
        await using var acsServer = await FakeAcsServer.StartAsync();
        var acs = new FaultyAcs(acsServer, schedule);
        var crashes = new CrashPlan();
        var settings = Settings(azurite.ConnectionString, acsServer.ConnectionString);
        var (accounts, reminders, indexOf, firstDue) = await BookWithoutSendingAsync(settings);
        foreach (var reminder in reminders)
        {
            acs.Expect(reminder.Id, reminder.Version, indexOf[reminder.Id]);
            crashes.Expect(reminder.Id, reminder.Version, schedule.Reminders[indexOf[reminder.Id]].Crash);
        }
        var sendQueue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(ReminderStore.QueueName);
        // The planner queued one message per reminder: queue them afresh, without the lost ones and twice the doubled ones.
        await sendQueue.ClearMessagesAsync();
        var messageLost = reminders.Where(r => schedule.LostMessages.Contains(indexOf[r.Id])).ToList();
        var duplicated = reminders.Where(r => schedule.Reminders[indexOf[r.Id]].DuplicateMessage).ToList();
        foreach (var reminder in reminders.Except(messageLost).Concat(duplicated))
        {
            var message = new SendReminderMessage(reminder.AccountId, reminder.Id, reminder.Version);
            await sendQueue.SendMessageAsync(
                JsonSerializer.Serialize(message, JsonSerializerOptions.Web),
                Max(reminder.DueAt - DateTimeOffset.UtcNow, TimeSpan.Zero),
                TimeSpan.FromSeconds(-1)
            );
        }
        foreach (var malformed in MalformedMessages)
        {
            await sendQueue.SendMessageAsync(malformed);
        }
        output.WriteLine(
            $"faults: {ReminderCount} reminders across {accounts.Count} accounts booked in {clock.Elapsed.TotalSeconds:F1} s, first due at +{(firstDue - DateTimeOffset.UtcNow).TotalSeconds:F1} s"
        );
        await using var processes = new ApiProcesses(() => settings, crashes);
        await processes.StartAsync();
        if (firstDue - DateTimeOffset.UtcNow is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait);
        }

        var start = DateTimeOffset.UtcNow;
        async Task OutagesAsync()
        {
            foreach (var at in schedule.AzuriteOutages)
            {
                if (start + at - DateTimeOffset.UtcNow is { Ticks: > 0 } until)
                {
                    await Task.Delay(until);
                }
                var stopping = Stopwatch.StartNew();
                await azurite.StopServingAsync();
                output.WriteLine($"faults: Azurite stopped at +{(DateTimeOffset.UtcNow - start).TotalSeconds:F1} s in {stopping.Elapsed.TotalSeconds:F1} s");
                await Task.Delay(schedule.AzuriteOutageLength);
                await azurite.RestartAsync();
            }
        }
        var kills = schedule
            .AppKills.Select(async at =>
            {
                await Task.Delay(at);
                processes.KillCurrent();
            })
            .ToList();
        await Task.WhenAll(kills.Append(OutagesAsync()));

        var plannerTimer = new PlannerTimer(processes);
        var final = await WaitForTheEndAsync(azurite, accounts, sendQueue, plannerTimer, start, start + Deadline);
        var (timerRuns, swept) = (plannerTimer.Runs, plannerTimer.Swept);
        var poison = await ReadPoisonAsync(azurite);
        await DescribeQueueAsync(sendQueue);
        var sendingTook = DateTimeOffset.UtcNow - start;
        var poisonedReminders = poison
            .Where(text => !MalformedMessages.Contains(text))
            .Select(text => JsonSerializer.Deserialize<SendReminderMessage>(text, JsonSerializerOptions.Web)!.ReminderId)
            .ToList();

        var accepted = acs.Accepted;
        var acceptedByReminder = accepted.GroupBy(m => m.ReminderId).ToDictionary(g => g.Key, g => g.ToList());
        // ACS keeps one message per repeatability id or operation id, so a second message for a reminder came under another key: a second send.
        var duplicates = acceptedByReminder.Values.Sum(messages => messages.Count - 1);
        var sent = final.Where(r => r.Status == ReminderStatus.Sent).ToList();
        var lost =
            final.Count(r => acceptedByReminder.ContainsKey(r.Id) != (r.Status == ReminderStatus.Sent))
            + sent.Count(r => acceptedByReminder.TryGetValue(r.Id, out var messages) && messages[0].MessageId != r.ProviderMessageId);
        var unfinished = final.Where(r => r.Status is ReminderStatus.Scheduled or ReminderStatus.Sending).ToList();
        var injected = new Dictionary<string, int>
        {
            ["429"] = acs.Injected(AcsFault.TooManyRequests),
            ["500"] = acs.Injected(AcsFault.ServerError),
            ["503"] = acs.Injected(AcsFault.Unavailable),
            ["slow"] = acs.Injected(AcsFault.Slow),
            ["dropped"] = acs.Injected(AcsFault.DropAfterAccepting),
            ["azurite restarts"] = schedule.AzuriteOutages.Count,
            ["app kills"] = processes.Kills,
            ["duplicated messages"] = duplicated.Count,
            ["lost messages"] = messageLost.Count,
        };
        var total = injected.Values.Sum();
        output.WriteLine(
            $"faults: injected {total} ({injected["429"]} 429, {injected["500"]} 500, {injected["503"]} 503, slow {injected["slow"]}, dropped {injected["dropped"]}, "
                + $"azurite restarts {injected["azurite restarts"]}, app kills {injected["app kills"]}, duplicated messages {injected["duplicated messages"]}, lost messages {injected["lost messages"]}), "
                + $"recovered {(unfinished.Count == 0 && lost == 0 && duplicates == 0 ? total : 0)}, duplicates {duplicates}, lost {lost}"
        );
        output.WriteLine(
            $"faults: {sent.Count} sent, {final.Count(r => r.Status == ReminderStatus.Failed)} failed, {unfinished.Count} unfinished; crashes after claim {crashes.Happened(CrashPoint.AfterClaim)}, "
                + $"after ACS accepted {crashes.Happened(CrashPoint.AfterProviderAccepted)}, before finish {crashes.Happened(CrashPoint.BeforeFinish)}; "
                + $"ACS answered {acs.RepeatsAnswered} repeats with the first answer; poison {poison.Count} ({poisonedReminders.Count} of reminders); planner timer ran {timerRuns} times and queued {swept} stuck reminders again; sending took {sendingTook.TotalSeconds:F1} s, whole run {clock.Elapsed.TotalSeconds:F1} s"
        );
        foreach (var reminder in final.Where(r => r.Status != ReminderStatus.Sent))
        {
            output.WriteLine(
                $"faults: reminder {indexOf[reminder.Id]} ({reminder.Id}, faults {schedule.Reminders[indexOf[reminder.Id]]}) ended {reminder.Status}: {reminder.Reason}"
            );
        }

        Assert.Empty(unfinished.Select(r => $"{indexOf[r.Id]} {r.Status}"));
        Assert.All(final.Where(r => r.Status != ReminderStatus.Sent), r => Assert.False(string.IsNullOrEmpty(r.Reason)));
        Assert.Equal(0, duplicates);
        Assert.Equal(0, lost);
        Assert.Empty(acs.UnknownMessages);
        // Moving a message to the poison queue is a copy then a delete, as the host does: a process killed between them leaves a second copy.
        Assert.Equal(MalformedMessages.Order(), poison.Where(MalformedMessages.Contains).Distinct().Order());
        // A reminder message is poisoned when its last attempt times out or dies (the sender's last-attempt handling never runs);
        // its reminder is still sent, by another message or by the planner timer's sweep, as a lost message's is.
        Assert.All(poisonedReminders.Concat(messageLost.Select(r => r.Id)), id => Assert.Equal(ReminderStatus.Sent, final.Single(r => r.Id == id).Status));
        Assert.True(swept >= messageLost.Count, $"the sweep queued {swept} stuck reminders again, fewer than the {messageLost.Count} whose message was lost");
        // Every fault here is one a reminder recovers from: all of them go out, once.
        Assert.Equal(ReminderCount, sent.Count);
        Assert.Equal(
            schedule.Reminders.Count(r => r.Crash != CrashPoint.None),
            crashes.Happened(CrashPoint.AfterClaim) + crashes.Happened(CrashPoint.AfterProviderAccepted) + crashes.Happened(CrashPoint.BeforeFinish)
        );
        // The counts the dashboard reads were kept as the sends happened, through every crash, outage and doubled message: they
        // equal the counts made afresh from the rows, and every row says what it was counted for.
        foreach (var account in accounts)
        {
            var counts = await CountsKit.OfAsync(new TableServiceClient(azurite.ConnectionString).GetTableClient(StorageTables.Reminders.Name), account.Id);
            output.WriteLine(
                $"faults: account {account.Id}: counts kept in {counts.CountRows} row(s) equal the {counts.Recounted.Length}-character recount: {counts.Kept == counts.Recounted}"
            );
            CountsKit.AssertKeptEqualRecounted(counts);
        }
        Assert.True(total > 0);
    }

    /// <summary>Books the run's reminders through an API process whose trigger driver is off, so none goes out before the fakes know it.</summary>
    private static async Task<(List<AccountEntity>, List<ReminderEntity>, Dictionary<string, int>, DateTimeOffset)> BookWithoutSendingAsync(
        Dictionary<string, string> settings
    )
    {
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string>(settings) { ["Triggers:LocalDriver"] = "false" },
            storageConnectionString: settings["AzureWebJobsStorage"]
        );
        var accounts = await CreateAccountsAsync(app.Services);
        var clients = await CreateClientsAsync(app.Services, accounts);
        var firstDue = DateTimeOffset.UtcNow + BookingTime;
        var booked = await BookAsync(app.Services, accounts, clients, firstDue);
        var reminders = await ReadRemindersAsync(settings["AzureWebJobsStorage"], accounts);
        Assert.Equal(ReminderCount, reminders.Count);
        return (accounts, reminders, reminders.ToDictionary(r => r.Id, r => booked[r.AppointmentId]), firstDue);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static Dictionary<string, string> Settings(string storage, string acs) =>
        new()
        {
            ["AzureWebJobsStorage"] = storage,
            ["Acs:ConnectionString"] = acs,
            // Every process of the run decrypts what the others wrote: one master key for them all.
            ["Security:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Acs:SmsFrom"] = "+18005550100",
            ["Acs:EmailFrom"] = "reminders@clientreminders.example",
            // The injected faults make functions fail on purpose; a reminder given up on and a message poisoned are worth seeing.
            ["Logging:LogLevel:Default"] = "None",
            ["Logging:LogLevel:ReminderSender"] = "Error",
            ["Logging:LogLevel:LocalTriggerDriver"] = "Warning",
            ["Triggers:LocalDriver"] = "true",
            ["AzureFunctionsJobHost:functions:0"] = "SendReminder",
            // A message in the hands of a killed process comes back after twice the function timeout; a claim outlives an invocation.
            ["AzureFunctionsJobHost:functionTimeout"] = "00:00:05",
            ["Reminders:ClaimLease"] = "00:00:06",
            ["Reminders:StuckAfter"] = "00:00:03",
            ["Reminders:SweepEvery"] = "00:00:01",
            ["Reminders:ResweepAfter"] = "00:00:10",
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "16",
            ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.200",
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:02",
        };

    private static async Task<List<AccountEntity>> CreateAccountsAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<AccountStore>();
        var rules = services.GetRequiredService<RuleService>();
        var hasher = services.GetRequiredService<PasswordHasher>();
        var accounts = new List<AccountEntity>();
        foreach (var channel in AccountChannels)
        {
            var account = new AccountEntity
            {
                PartitionKey = Guid.NewGuid().ToString("N"),
                BusinessName = "Fault Physio",
                OwnerName = "Fault Owner",
                Email = AccountStore.NormalizeEmail($"faults-{Guid.NewGuid():N}@example.com"),
                Country = "GB",
                TimeZone = Zone,
                PasswordHash = hasher.Hash(Guid.NewGuid().ToString()),
                CreatedAt = DateTimeOffset.UtcNow,
                PlanCode = Plans.Trial,
                PlanEndsAt = DateTimeOffset.UtcNow.AddDays(30),
                SmsAllowance = 1_000_000,
                EmailAllowance = 1_000_000,
            };
            await store.CreateAsync(account, CancellationToken.None);
            await rules.CreateAsync(account, new RuleInput(channel.Name(), OffsetMinutes, null, null, null), CancellationToken.None);
            accounts.Add(account);
        }
        return accounts;
    }

    private static async Task<List<List<string>>> CreateClientsAsync(IServiceProvider services, List<AccountEntity> accounts)
    {
        var clients = services.GetRequiredService<ClientService>();
        return
        [
            .. await Task.WhenAll(
                accounts.Select(async account =>
                {
                    var ids = new List<string>();
                    for (var i = 0; i < ClientsPerAccount; i++)
                    {
                        // Ofcom's drama range and example.com: nobody real is ever contacted.
                        var input = new ClientInput($"Client {i}", $"+447700900{i:D3}", $"client{i}@example.com");
                        ids.Add((await clients.CreateAsync(account, input, CancellationToken.None)).Id);
                    }
                    return ids;
                })
            ),
        ];
    }

    /// <summary>Books the appointments whose reminders fall due over four seconds from <paramref name="firstDue"/>; the schedule's index of each by appointment id.</summary>
    private static async Task<Dictionary<string, int>> BookAsync(
        IServiceProvider services,
        List<AccountEntity> accounts,
        List<List<string>> clients,
        DateTimeOffset firstDue
    )
    {
        var appointments = services.GetRequiredService<AppointmentService>();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var booked = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = -1;
        await Task.WhenAll(
            Enumerable
                .Range(0, 6)
                .Select(async _ =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < ReminderCount)
                    {
                        var due = firstDue + TimeSpan.FromSeconds(4) * i / ReminderCount;
                        var start = TimeZoneInfo.ConvertTime(due + TimeSpan.FromMinutes(OffsetMinutes), zone).DateTime;
                        var account = i % accounts.Count;
                        var input = new AppointmentInput(
                            clients[account][i / accounts.Count % ClientsPerAccount],
                            start.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
                            start.AddMinutes(45).ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
                            Zone,
                            "Follow-up",
                            "Room 2",
                            null
                        );
                        var appointment = await appointments.CreateAsync(accounts[account], input, CancellationToken.None);
                        lock (booked)
                        {
                            booked[appointment.Id] = i;
                        }
                    }
                })
        );
        return booked;
    }

    private static async Task<List<ReminderEntity>> ReadRemindersAsync(string storage, List<AccountEntity> accounts)
    {
        var table = new TableServiceClient(storage).GetTableClient(StorageTables.Reminders.Name);
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

    /// <summary>Waits until no reminder is scheduled or sending, the send queue is empty and the malformed messages sit in the poison queue.</summary>
    /// <remarks>
    /// Once the queue holds nothing while reminders are unfinished, only the sweep can finish them: the planner timer is invoked then,
    /// as the Functions host does every few minutes. Invoked earlier, with this run's deliberately short StuckAfter, it would only
    /// double the messages of reminders that are merely late in a backlog of killed processes' leases.
    /// </remarks>
    private async Task<List<ReminderEntity>> WaitForTheEndAsync(
        AzuriteServer azurite,
        List<AccountEntity> accounts,
        QueueClient sendQueue,
        PlannerTimer plannerTimer,
        DateTimeOffset start,
        DateTimeOffset deadline
    )
    {
        var poison = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(ReminderStore.QueueName + "-poison");
        List<ReminderEntity> reminders = [];
        var lastReport = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow < deadline)
        {
            reminders = await ReadRemindersAsync(azurite.ConnectionString, accounts);
            var unfinished = reminders.Count(r => r.Status is ReminderStatus.Scheduled or ReminderStatus.Sending);
            var queued = (await sendQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            var poisoned = (await poison.ExistsAsync()).Value ? (await poison.PeekMessagesAsync(32)).Value.Length : 0;
            if (unfinished == 0 && queued == 0 && poisoned >= MalformedMessages.Length)
            {
                break;
            }
            if (unfinished > 0 && queued == 0)
            {
                await plannerTimer.InvokeAsync();
            }
            if (DateTimeOffset.UtcNow - lastReport > TimeSpan.FromSeconds(5))
            {
                lastReport = DateTimeOffset.UtcNow;
                output.WriteLine(
                    $"faults: at +{(lastReport - start).TotalSeconds:F0} s {unfinished} reminders unfinished, {queued} messages queued, {poisoned} poisoned"
                );
            }
            await Task.Delay(500);
        }
        return reminders;
    }

    private async Task DescribeQueueAsync(QueueClient queue)
    {
        var count = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var visible = (await queue.PeekMessagesAsync(32)).Value;
        output.WriteLine(
            $"faults: {queue.Name} holds {count} message(s), visible: {string.Join("; ", visible.Select(m => $"{m.MessageText} (dequeued {m.DequeueCount})"))}"
        );
    }

    private static async Task<List<string>> ReadPoisonAsync(AzuriteServer azurite)
    {
        var poison = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(ReminderStore.QueueName + "-poison");
        if (!(await poison.ExistsAsync()).Value)
        {
            return [];
        }
        return [.. (await poison.PeekMessagesAsync(32)).Value.Select(m => m.MessageText)];
    }
}

/// <summary>
/// What the Functions host does on the PlanReminders schedule: invokes the timer on the API process of the moment, whose sweep
/// queues stuck reminders again. An invocation that meets a killed process or a stopped Azurite fails, as it would.
/// </summary>
public sealed partial class PlannerTimer(ApiProcesses processes)
{
    public int Runs { get; private set; }

    public int Swept { get; private set; }

    public async Task InvokeAsync()
    {
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var invocation =
            $$$"""{"Data":{"timer":{"ScheduleStatus":{"Last":"{{{now}}}","Next":"{{{now}}}","LastUpdated":"{{{now}}}"},"IsPastDue":false}},"Metadata":{}}""";
        try
        {
            using var response = await processes.Current.Client.PostAsync(
                "/PlanReminders",
                new StringContent(invocation, System.Text.Encoding.UTF8, "application/json")
            );
            if (!response.IsSuccessStatusCode)
            {
                return;
            }
            Runs++;
            if (StuckQueued().Match(await response.Content.ReadAsStringAsync()) is { Success: true } match)
            {
                Swept += int.Parse(match.Groups["count"].Value, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or ObjectDisposedException or TaskCanceledException)
        {
            // The process went away under the invocation; the next one goes to its successor.
        }
    }

    [GeneratedRegex(@"queued (?<count>\d+) stuck reminder\(s\) again")]
    private static partial Regex StuckQueued();
}
