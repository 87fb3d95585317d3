namespace ClientReminders.Dashboard;

/// <summary>
/// "Send me a test": the account's own SMS or email template, filled with the sample values of the template preview, sent to the
/// owner through the same provider seam as reminders. It passes the same plan and allowance checks and is written to the send
/// ledger (a reminder row of kind <see cref="ReminderKind.Test"/>), so it counts against the month's allowance like any other message.
/// </summary>
public sealed class TestMessages(
    TableClients tables,
    ReminderStore store,
    TemplateService templates,
    IMessageSender sender,
    MessageUsage usage,
    PlanAllowances plans,
    FieldCipher cipher,
    MobileNumbers mobiles,
    TimeProvider time
)
{
    public async Task<TestMessageResponse> SendAsync(AccountEntity account, TestMessageRequest request, CancellationToken cancellationToken)
    {
        var channel =
            WireNames.TryParse<ReminderChannel>(request.Channel, out var asked) && asked is ReminderChannel.Sms or ReminderChannel.Email
                ? asked
                : throw ValidationFailedException.For("channel", "Choose sms or email.");
        var to = account.Email;
        if (channel == ReminderChannel.Sms)
        {
            var number = mobiles.Normalize(request.Mobile, account.Country);
            to = number.E164 ?? throw ValidationFailedException.For("mobile", number.Error ?? MobileNumbers.EmptyError);
        }
        if (plans.HasEnded(account))
        {
            throw ValidationFailedException.For("channel", plans.EndedReason(account));
        }
        var plan = plans.Status(account, await usage.RecentThisMonthAsync(account.Id, cancellationToken));
        if (channel == ReminderChannel.Sms ? plan.SmsUsed >= plan.SmsAllowance : plan.EmailUsed >= plan.EmailAllowance)
        {
            throw ValidationFailedException.For(
                "channel",
                channel == ReminderChannel.Sms
                    ? "This month's SMS allowance is used up, so no test text can be sent."
                    : "This month's email allowance is used up, so no test email can be sent."
            );
        }

        var (sms, email, _, _) = await templates.AllAsync(account.Id, cancellationToken);
        var preview = await templates.PreviewAsync(
            account,
            new TemplateInput(channel.Name(), sms.Body, email.Subject, email.Text, email.Html),
            cancellationToken
        );
        var now = time.GetUtcNow();
        var id = $"{ReminderKeys.Day(now)}-{ReminderKind.Test.Name()}-{Guid.NewGuid():N}";
        var outcome = await sender.SendAsync(
            new OutgoingMessage(
                account.Id,
                id,
                id,
                now,
                channel,
                to,
                preview.Subject is { } subject ? "[Test] " + subject : null,
                preview.Text.Trim(),
                preview.Html
            ),
            cancellationToken
        );
        if (outcome is Refused refused)
        {
            throw ValidationFailedException.For(channel == ReminderChannel.Sms ? "mobile" : "channel", refused.Reason);
        }
        var delivered = (Delivered)outcome;
        var row = new ReminderEntity
        {
            PartitionKey = ReminderKeys.Partition(account.Id, now),
            RowKey = id,
            Kind = ReminderKind.Test,
            RuleChannel = channel,
            Channel = channel,
            DueAt = now,
            Status = ReminderStatus.Sent,
            SentAt = time.GetUtcNow(),
            ProviderMessageId = delivered.ProviderMessageId,
            Segments = delivered.Segments,
        };
        row.To = await cipher.EncryptAsync(account.Id, ReminderStore.Field(row, nameof(ReminderEntity.To)), to, cancellationToken);
        row.Subject = await cipher.EncryptAsync(account.Id, ReminderStore.Field(row, nameof(ReminderEntity.Subject)), preview.Subject, cancellationToken);
        row.Body = await cipher.EncryptAsync(account.Id, ReminderStore.Field(row, nameof(ReminderEntity.Body)), preview.Text, cancellationToken);
        await store.SaveAsync(row, cancellationToken);
        usage.Sent(account.Id, channel, delivered.Segments ?? 1);
        await (await tables.GetAsync(StorageTables.AccountNotices, cancellationToken)).UpsertEntityAsync(
            new AccountNoticeEntity
            {
                PartitionKey = account.Id,
                RowKey = DashboardService.TestSentNotice,
                SentAt = now,
            },
            TableUpdateMode.Replace,
            cancellationToken
        );
        await plans.AfterSendAsync(account, channel, await usage.RecentThisMonthAsync(account.Id, cancellationToken), cancellationToken);

        var shown = channel == ReminderChannel.Sms ? "…" + to[^Math.Min(4, to.Length)..] : EmailTemplates.MaskAddress(to);
        return new TestMessageResponse(
            channel,
            shown,
            channel == ReminderChannel.Sms
                ? $"A test text is on its way to the number ending {to[^Math.Min(4, to.Length)..]}."
                : $"A test email is on its way to {shown}."
        );
    }
}
