namespace ClientReminders.Accounts;

/// <summary>
/// The demo account's last four weeks, written as the pipeline leaves them: past appointments, their reminders sent and
/// (nearly all) delivered, and clients' replies confirming or asking to cancel, so its dashboard, history and client pages
/// show the product at work. Only the demo seeder calls it; each row has the keys and encryption the real pipeline gives it.
/// </summary>
public sealed class DemoHistory(
    TableClients tables,
    FieldCipher cipher,
    ReminderStore store,
    ConversationStore conversationStore,
    ConversationService conversations,
    TimeProvider time
)
{
    public sealed record Client(string Id, string Name, string? Mobile, string? Email);

    public sealed record Written(int Appointments, int Reminders, int Replies);

    private static readonly double[] Slots = [9.0, 11.5, 14.0, 16.5];

    private const int Days = 27;

    /// <summary>At most this many texts are written (one per appointment): the demo's allowance adds them, so its own reminders still go.</summary>
    public static int MaxTexts => Days * Slots.Length;

    public async Task<Written> WriteAsync(
        AccountEntity account,
        IReadOnlyList<Client> clients,
        IReadOnlyList<RuleResponse> rules,
        string[] treatments,
        CancellationToken cancellationToken
    )
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        var today = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).Date;
        var (appointments, replies) = (
            await tables.GetAsync(StorageTables.Appointments, cancellationToken),
            await tables.GetAsync(StorageTables.Replies, cancellationToken)
        );
        var settings = TemplateService.SettingsFor(account, new ReminderSettings(false, false, false));
        var written = new Written(0, 0, 0);
        var n = 0;
        for (var daysAgo = Days; daysAgo >= 1; daysAgo--)
        {
            var date = today.AddDays(-daysAgo);
            if (date.DayOfWeek == DayOfWeek.Sunday)
            {
                continue;
            }
            foreach (var slot in Slots.Take(date.DayOfWeek == DayOfWeek.Saturday ? 2 : 3 + daysAgo % 2))
            {
                n++;
                var client = clients[n * 11 % clients.Count];
                var start = date.AddHours(slot);
                var startUtc = ReminderTiming.ToInstant(start, zone);
                // Most clients confirm by text; one in twenty asks to cancel, and the owner cancels the booking.
                var asksToCancel = n % 20 == 7;
                var appointment = new AppointmentEntity
                {
                    PartitionKey = account.Id,
                    RowKey = Ids.New(),
                    ClientId = client.Id,
                    Start = start.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
                    End = start.AddMinutes(45).ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
                    TimeZone = account.TimeZone,
                    StartUtc = startUtc,
                    Version = 1,
                    CreatedAt = startUtc.AddDays(-12),
                    UpdatedAt = startUtc.AddDays(-12),
                    Status = asksToCancel ? AppointmentStatus.Cancelled : AppointmentStatus.Scheduled,
                    Response =
                        asksToCancel ? AppointmentResponses.CancellationRequested
                        : n % 10 < 6 ? AppointmentResponses.Confirmed
                        : null,
                };
                appointment.Title = await cipher.EncryptAsync(
                    account.Id,
                    AppointmentFields.Context(appointment, nameof(AppointmentEntity.Title)),
                    treatments[n % treatments.Length],
                    cancellationToken
                );
                appointment.Location = await cipher.EncryptAsync(
                    account.Id,
                    AppointmentFields.Context(appointment, nameof(AppointmentEntity.Location)),
                    $"Harbour Street clinic, room {1 + n % 2}",
                    cancellationToken
                );
                var days = new SortedSet<string>(StringComparer.Ordinal);
                ReminderEntity? texted = null;
                foreach (var rule in rules)
                {
                    var reminder = await ReminderAsync(account, appointment, client, rule, n, settings, start, cancellationToken);
                    // Counted as the sender counts what it sends.
                    await store.SaveAsync(reminder, cancellationToken);
                    if (reminder is { Status: ReminderStatus.Sent, Channel: { } channel })
                    {
                        await conversationStore.AddAsync(ConversationStore.Sent(reminder, channel, ConversationItemKind.Reminder), cancellationToken);
                    }
                    days.Add(ReminderKeys.Day(reminder.DueAt));
                    texted ??= reminder.Channel == ReminderChannel.Sms && reminder.Status == ReminderStatus.Sent ? reminder : null;
                    written = written with { Reminders = written.Reminders + 1 };
                }
                appointment.ReminderDays = string.Join(',', days);
                await appointments.AddEntityAsync(appointment, cancellationToken);
                written = written with { Appointments = written.Appointments + 1 };
                if (texted is { SentAt: { } sentAt } && (appointment.Response is not null || n % 17 == 4))
                {
                    var (kind, text) = appointment.Response switch
                    {
                        AppointmentResponses.Confirmed => (ReplyKind.Confirm, "YES"),
                        AppointmentResponses.CancellationRequested => (ReplyKind.Cancel, "NO"),
                        _ => (ReplyKind.Other, "Running about 10 minutes late, sorry!"),
                    };
                    var receivedAt = sentAt.AddMinutes(7 + n % 50);
                    var reply = new ReplyEntity
                    {
                        PartitionKey = account.Id,
                        RowKey = ReplyEntity.RowKeyFor(receivedAt, $"demo-{n}"),
                        ClientId = client.Id,
                        ReminderId = texted.Id,
                        Kind = kind,
                        ReceivedAt = receivedAt,
                        Read = kind == ReplyKind.Confirm || daysAgo > 3,
                        Handled = true,
                    };
                    reply.Text = await cipher.EncryptAsync(account.Id, InboundSms.TextContext(reply.RowKey), text, cancellationToken);
                    await replies.AddEntityAsync(reply, cancellationToken);
                    await conversations.RecordReplyAsync(account.Id, reply, ConversationChannel.Sms, text, cancellationToken, arrivedAt: receivedAt);
                    if (reply.Read)
                    {
                        var seen = receivedAt.AddHours(1);
                        await conversationStore.UpdateThreadAsync(
                            account.Id,
                            client.Id,
                            create: false,
                            thread =>
                            {
                                (thread.ReadAt, thread.HandledAt) = (seen, seen);
                                return true;
                            },
                            cancellationToken
                        );
                    }
                    written = written with { Replies = written.Replies + 1 };
                }
            }
        }
        return written;
    }

    /// <summary>One rule's reminder as the sender left it: sent by the channel the client can be reached on, or skipped with why.</summary>
    private async Task<ReminderEntity> ReminderAsync(
        AccountEntity account,
        AppointmentEntity appointment,
        Client client,
        RuleResponse rule,
        int n,
        TemplateSettings settings,
        DateTime start,
        CancellationToken cancellationToken
    )
    {
        var due = appointment.StartUtc.AddMinutes(-rule.OffsetMinutes);
        var view = new ClientView(
            client.Id,
            client.Name,
            client.Mobile,
            client.Email,
            ClientStatus.Active,
            appointment.CreatedAt,
            appointment.CreatedAt,
            false
        );
        var (channel, to, problem) = ClientReach.For(view, rule.Channel);
        var reminder = new ReminderEntity
        {
            PartitionKey = ReminderKeys.Partition(account.Id, due),
            RowKey = ReminderEntity.IdFor(due, appointment.Id, rule.Id, appointment.StartUtc),
            AppointmentId = appointment.Id,
            AppointmentVersion = 1,
            RuleId = rule.Id,
            ClientId = client.Id,
            RuleChannel = rule.Channel,
            Channel = channel,
            DueAt = due,
            AppointmentStartUtc = appointment.StartUtc,
            Version = 1,
            QueuedVersion = 1,
            Status = to is null ? ReminderStatus.Skipped : ReminderStatus.Sent,
            Reason = problem,
        };
        if (to is null)
        {
            return reminder;
        }
        var values = new TemplateValues(
            client.Name,
            account.BusinessName,
            start,
            null,
            null,
            null,
            channel == ReminderChannel.Sms ? ReplyKeywords.Default.Hint : "",
            account.BusinessAddress,
            account.BusinessPhone
        );
        var (subject, body) =
            channel == ReminderChannel.Sms
                ? (null, TemplateRenderer.Render(DefaultTemplates.Sms, values, settings, html: false))
                : (
                    TemplateRenderer.Render(DefaultTemplates.EmailSubject, values, settings, html: false),
                    TemplateRenderer.Render(DefaultTemplates.EmailText, values, settings, html: false)
                );
        reminder.ClaimedAt = due;
        reminder.SentAt = due.AddSeconds(2);
        reminder.ProviderMessageId = Guid.NewGuid().ToString();
        reminder.Segments = channel == ReminderChannel.Sms ? SmsEncoding.Analyze(body).Segments : null;
        reminder.To = await cipher.EncryptAsync(account.Id, ReminderStore.Field(reminder, nameof(ReminderEntity.To)), to, cancellationToken);
        reminder.Subject = await cipher.EncryptAsync(account.Id, ReminderStore.Field(reminder, nameof(ReminderEntity.Subject)), subject, cancellationToken);
        reminder.Body = await cipher.EncryptAsync(account.Id, ReminderStore.Field(reminder, nameof(ReminderEntity.Body)), body, cancellationToken);
        // Now and then a text does not reach a switched-off or ported phone, as in any real list.
        reminder.DeliveryStatus = channel == ReminderChannel.Sms && n % 50 == 29 ? DeliveryStatus.Failed : DeliveryStatus.Delivered;
        reminder.DeliveryDetails = reminder.DeliveryStatus == DeliveryStatus.Failed ? "Unreachable" : null;
        reminder.DeliveredAt = reminder.SentAt.Value.AddSeconds(6);
        return reminder;
    }
}
