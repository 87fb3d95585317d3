namespace ClientReminders.Messaging;

/// <param name="RequestId">Chosen by the browser for one confirmation: sending it again queues nothing more.</param>
public sealed record DirectMessageInput(string[]? ClientIds, string? Channel, string? Text, string? Subject, string? RequestId = null);

public sealed record SkippedClient(string ClientId, string ClientName, string Reason);

/// <summary>The SMS part of a direct message: the longest text's encoding and size, and the segments of every SMS together.</summary>
public sealed record DirectSmsCount(string Encoding, int Characters, int Segments, int TotalSegments, int MaxSegments, int AllowanceLeft);

/// <summary>What one recipient gets, filled exactly as the sender fills it: the first recipient of each channel.</summary>
public sealed record DirectMessageSample(string ClientName, ReminderChannel Channel, string? Subject, string Text);

public sealed record DirectMessagePreview(
    int Recipients,
    IReadOnlyList<SkippedClient> Skipped,
    DirectSmsCount? Sms,
    IReadOnlyList<DirectMessageSample> Samples
);

public sealed record DirectMessageQueued(string BatchId, int Queued);

/// <summary>
/// One-off messages from an owner to chosen clients. Each recipient gets a reminder row of kind direct on the send queue,
/// so the sender's checks, its exactly-once claim and the allowance apply exactly as they do to reminders.
/// </summary>
public sealed class DirectMessages(
    TableClients tables,
    ClientDirectory directory,
    TemplateService templates,
    FieldCipher cipher,
    ReminderStore store,
    MessageUsage usage,
    TimeProvider time,
    IOptions<ReminderOptions> options
)
{
    public const int MaxClients = 500;
    public const int MaxText = 1000;
    public const int MaxSubject = 200;

    private sealed record Recipient(ClientView Client, ReminderChannel Channel);

    private sealed record Plan(
        ReminderChannel Channel,
        string Text,
        string Subject,
        List<Recipient> Recipients,
        List<SkippedClient> Skipped,
        DirectSmsCount? Sms
    );

    public async Task<DirectMessagePreview> PreviewAsync(AccountEntity account, DirectMessageInput input, CancellationToken cancellationToken)
    {
        var plan = await PlanAsync(account, input, cancellationToken);
        var settings = await templates.SettingsForAsync(account, cancellationToken);
        var samples = plan
            .Recipients.GroupBy(r => r.Channel)
            .Select(g => g.First())
            .Select(r => new DirectMessageSample(
                r.Client.Name,
                r.Channel,
                r.Channel == ReminderChannel.Email ? DirectMessageText.Render(plan.Subject, r.Client.Name, account.BusinessName, settings) : null,
                DirectMessageText.Render(plan.Text, r.Client.Name, account.BusinessName, settings)
            ))
            .OrderBy(s => s.Channel == ReminderChannel.Sms ? 0 : 1)
            .ToList();
        return new DirectMessagePreview(plan.Recipients.Count, plan.Skipped, plan.Sms, samples);
    }

    public async Task<DirectMessageQueued> SendAsync(AccountEntity account, DirectMessageInput input, CancellationToken cancellationToken) =>
        (await QueueAsync(account, input, null, cancellationToken)).Queued;

    /// <summary>
    /// Queues the message to every recipient it can reach and returns their rows (those of the first attempt, for a repeated
    /// request); <paramref name="beforeQueued"/> sees each new row after it is written and before its message is queued.
    /// </summary>
    public async Task<(DirectMessageQueued Queued, IReadOnlyList<ReminderEntity> Rows)> QueueAsync(
        AccountEntity account,
        DirectMessageInput input,
        Func<ReminderEntity, CancellationToken, Task>? beforeQueued,
        CancellationToken cancellationToken
    )
    {
        var plan = await PlanAsync(account, input, cancellationToken);
        var errors = new FieldErrors();
        if (plan.Text.Length == 0)
        {
            errors.Add("text", "Write the message.");
        }
        if (plan.Subject.Length == 0 && plan.Recipients.Any(r => r.Channel == ReminderChannel.Email))
        {
            errors.Add("subject", "Write a subject for the email.");
        }
        if (plan.Sms is { } sms && sms.Segments > sms.MaxSegments)
        {
            errors.Add("text", $"This message needs {sms.Segments} SMS segments; the limit is {sms.MaxSegments}. Shorten it.");
        }
        else if (plan.Sms is { } total && total.TotalSegments > total.AllowanceLeft)
        {
            errors.Add(
                "clientIds",
                total.AllowanceLeft == 0
                    ? "This month's SMS allowance is used up: send by email, or wait for next month."
                    : $"Sending this takes {total.TotalSegments} SMS segments, but only {total.AllowanceLeft} are left this month. Choose fewer clients or send by email."
            );
        }
        if (input.RequestId is { } requestId && (requestId.Length is < 8 or > 64 || !requestId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            errors.Add("requestId", "This is not a request id.");
        }
        if (plan.Recipients.Count == 0)
        {
            errors.Add("clientIds", "None of the chosen clients can receive this message.");
        }
        errors.ThrowIfAny();

        var batchId = input.RequestId is { } id ? BatchIdFor(account.Id, id) : Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        if (input.RequestId is not null && await AlreadySentAsync(table, account.Id, batchId, plan, now, cancellationToken) is { } day)
        {
            var earlier = await Task.WhenAll(
                plan.Recipients.Select(r =>
                    table.GetEntityIfExistsAsync<ReminderEntity>(
                        ReminderKeys.Partition(account.Id, day),
                        ReminderEntity.DirectIdFor(day, batchId, r.Client.Id),
                        cancellationToken: cancellationToken
                    )
                )
            );
            return (new DirectMessageQueued(batchId, plan.Recipients.Count), [.. earlier.Where(r => r.HasValue).Select(r => r.Value!)]);
        }
        // Clients the message cannot reach are in the history too, saying why (no text is kept for them).
        await Parallel.ForEachAsync(
            plan.Skipped,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (skipped, ct) =>
            {
                var row = new ReminderEntity
                {
                    PartitionKey = ReminderKeys.Partition(account.Id, now),
                    RowKey = ReminderEntity.DirectIdFor(now, batchId, skipped.ClientId),
                    Kind = ReminderKind.Direct,
                    ClientId = skipped.ClientId,
                    RuleChannel = plan.Channel,
                    DueAt = now,
                    Status = ReminderStatus.Skipped,
                    Reason = skipped.Reason,
                    Version = 1,
                };
                await store.TryAddAsync(row, ct);
            }
        );
        var queued = new System.Collections.Concurrent.ConcurrentBag<ReminderEntity>();
        // Once the first message is queued the batch is finished whatever the request does, so no half-sent batch is left behind.
        await Parallel.ForEachAsync(plan.Recipients, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (recipient, ct) =>
        {
            var row = new ReminderEntity
            {
                PartitionKey = ReminderKeys.Partition(account.Id, now),
                RowKey = ReminderEntity.DirectIdFor(now, batchId, recipient.Client.Id),
                Kind = ReminderKind.Direct,
                ClientId = recipient.Client.Id,
                RuleChannel = plan.Channel,
                DueAt = now,
                Status = ReminderStatus.Scheduled,
                Version = 1,
            };
            row.DirectText = await cipher.EncryptAsync(account.Id, ReminderStore.Field(row, nameof(ReminderEntity.DirectText)), plan.Text, ct);
            if (plan.Subject.Length > 0)
            {
                row.DirectSubject = await cipher.EncryptAsync(account.Id, ReminderStore.Field(row, nameof(ReminderEntity.DirectSubject)), plan.Subject, ct);
            }
            // A repeated request adds nothing: whoever added the row queues its message.
            if (await store.TryAddAsync(row, ct))
            {
                if (beforeQueued is not null)
                {
                    await beforeQueued(row, ct);
                }
                await store.EnqueueAsync(row, ct);
            }
            queued.Add(row);
        });
        return (new DirectMessageQueued(batchId, plan.Recipients.Count), [.. queued]);
    }

    /// <summary>The same request id from the same account always names the same batch.</summary>
    private static string BatchIdFor(string accountId, string requestId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{accountId}:{requestId}")))[..32];

    /// <summary>The day a batch was already written (today, or yesterday for a retry across midnight), which is not sent again.</summary>
    private static async Task<DateTimeOffset?> AlreadySentAsync(
        Azure.Data.Tables.TableClient table,
        string accountId,
        string batchId,
        Plan plan,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        var first = plan.Recipients[0].Client.Id;
        foreach (var day in new[] { now, now.AddDays(-1) })
        {
            var found = await table.GetEntityIfExistsAsync<ReminderEntity>(
                ReminderKeys.Partition(accountId, day),
                ReminderEntity.DirectIdFor(day, batchId, first),
                cancellationToken: cancellationToken
            );
            if (found.HasValue)
            {
                return day;
            }
        }
        return null;
    }

    private async Task<Plan> PlanAsync(AccountEntity account, DirectMessageInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var ids = (input.ClientIds ?? []).Where(id => id is not null).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            errors.Add("clientIds", "Choose at least one client.");
        }
        else if (ids.Count > MaxClients)
        {
            errors.Add("clientIds", $"Send to at most {MaxClients} clients at a time.");
        }
        if (!WireNames.TryParse<ReminderChannel>(input.Channel, out var asked))
        {
            errors.Add("channel", "Choose sms, email or sms-or-email.");
        }
        var text = input.Text?.Trim() ?? "";
        var subject = input.Subject?.Trim() ?? "";
        CheckText(errors, "text", text, MaxText);
        CheckText(errors, "subject", subject, MaxSubject);
        errors.ThrowIfAny();

        var clients = (await directory.GetAsync(account, cancellationToken)).Clients.ToDictionary(c => c.Id, StringComparer.Ordinal);
        if (ids.Count(id => !clients.ContainsKey(id)) is var unknown and > 0)
        {
            throw ValidationFailedException.For(
                "clientIds",
                unknown == 1 ? "One of the chosen clients was not found." : $"{unknown} of the chosen clients were not found."
            );
        }
        var recipients = new List<Recipient>();
        var skipped = new List<SkippedClient>();
        foreach (var client in ids.Select(id => clients[id]))
        {
            // The same checks, in the same words, as the sender makes before it sends.
            var (channel, _, reason) = ClientReach.For(client, asked);
            if (reason is not null)
            {
                skipped.Add(new SkippedClient(client.Id, client.Name, reason));
            }
            else
            {
                recipients.Add(new Recipient(client, channel));
            }
        }
        return new Plan(asked, text, subject, recipients, skipped, await CountSmsAsync(account, text, recipients, cancellationToken));
    }

    private async Task<DirectSmsCount?> CountSmsAsync(AccountEntity account, string text, List<Recipient> recipients, CancellationToken cancellationToken)
    {
        var texted = recipients.Where(r => r.Channel == ReminderChannel.Sms).ToList();
        if (texted.Count == 0)
        {
            return null;
        }
        var settings = await templates.SettingsForAsync(account, cancellationToken);
        var counts = texted.Select(r => SmsEncoding.Analyze(DirectMessageText.Render(text, r.Client.Name, account.BusinessName, settings))).ToList();
        var longest = counts.MaxBy(c => (c.Segments, c.Units))!;
        var left = Math.Max(0, account.SmsAllowance - (await usage.ThisMonthAsync(account.Id, cancellationToken)).SmsSegments);
        return new DirectSmsCount(longest.Encoding, longest.Characters, longest.Segments, counts.Sum(c => c.Segments), options.Value.MaxSmsSegments, left);
    }

    private static void CheckText(FieldErrors errors, string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            errors.Add(field, $"Use at most {maxLength} characters.");
        }
        if (FreeText.Problem(value, multiline: field == "text") is { } unsafeText)
        {
            errors.Add(field, unsafeText);
        }
        foreach (var problem in DirectMessageText.Check(value))
        {
            errors.Add(field, problem.Message);
        }
    }
}
