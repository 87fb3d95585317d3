namespace ClientReminders.Reminders.Notices;

/// <summary>The words of one kind of change notice: its text message, and its email's subject and text (laid out by us).</summary>
public sealed record NoticeTemplate(string Sms, string Subject, string Text);

/// <summary>Whether clients are told of changes (on by default), and what they are told when an appointment moves or is cancelled.</summary>
public sealed record NoticeSettings(bool Enabled, NoticeTemplate Moved, NoticeTemplate Cancelled)
{
    public NoticeTemplate For(NoticeKind kind) => kind == NoticeKind.Moved ? Moved : Cancelled;
}

public sealed record NoticeTemplateInput(string? Sms, string? Subject, string? Text);

public sealed record NoticeSettingsInput(bool? Enabled, NoticeTemplateInput? Moved, NoticeTemplateInput? Cancelled);

/// <summary>What a change notice says happened.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeKind>))]
public enum NoticeKind
{
    [JsonStringEnumMemberName("moved")]
    Moved,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}

/// <summary>The notices an account starts with; like reminders, they carry the one-tap answer link.</summary>
public static class DefaultNotices
{
    public static readonly NoticeTemplate Moved = new(
        "Hi {ClientFirstName}, your appointment with {BusinessName} has moved to {DayOfWeek} {Date} at {Time}. Answer here: {AnswerLink}",
        "Your appointment with {BusinessName} has moved",
        """
        Hi {ClientFirstName},

        Your appointment with {BusinessName} has moved to {DayOfWeek} {Date} at {Time}.

        Confirm, cancel or tell us you need to rearrange: {AnswerLink}

        """
    );

    public static readonly NoticeTemplate Cancelled = new(
        "Hi {ClientFirstName}, your appointment with {BusinessName} on {DayOfWeek} {Date} at {Time} has been cancelled.",
        "Your appointment with {BusinessName} has been cancelled",
        """
        Hi {ClientFirstName},

        Your appointment with {BusinessName} on {DayOfWeek} {Date} at {Time} has been cancelled.

        Get in touch if you would like to book another time.

        """
    );
}

/// <summary>An account's change-notice settings and templates, one row beside its reminder templates.</summary>
public sealed class NoticeTemplates(TableClients tables, AccountChanges changes, IOptions<ReminderOptions> options, AnswerLinks answerLinks, TimeProvider time)
{
    public const string Row = "notices";

    public async Task<NoticeSettings> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        var saved = await table.GetEntityIfExistsAsync<TableEntity>(accountId, Row, cancellationToken: cancellationToken);
        return Read(saved.HasValue ? saved.Value : null);
    }

    /// <summary>Saves what is given; left out, a part keeps what it was. Every template is checked as reminder templates are.</summary>
    public async Task<NoticeSettings> SaveAsync(AccountEntity account, NoticeSettingsInput input, CancellationToken cancellationToken)
    {
        var before = await GetAsync(account.Id, cancellationToken);
        var errors = new FieldErrors();
        var settings = new NoticeSettings(
            input.Enabled ?? before.Enabled,
            Checked(errors, "moved", input.Moved, before.Moved, account),
            Checked(errors, "cancelled", input.Cancelled, before.Cancelled, account)
        );
        errors.ThrowIfAny();
        var table = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(account.Id, Row)
            {
                ["Enabled"] = settings.Enabled,
                ["MovedSms"] = settings.Moved.Sms,
                ["MovedSubject"] = settings.Moved.Subject,
                ["MovedText"] = settings.Moved.Text,
                ["CancelledSms"] = settings.Cancelled.Sms,
                ["CancelledSubject"] = settings.Cancelled.Subject,
                ["CancelledText"] = settings.Cancelled.Text,
            },
            TableUpdateMode.Replace,
            cancellationToken
        );
        changes.Changed(account.Id);
        return settings;
    }

    private NoticeTemplate Checked(FieldErrors errors, string kind, NoticeTemplateInput? input, NoticeTemplate before, AccountEntity account)
    {
        var template = new NoticeTemplate(input?.Sms ?? before.Sms, input?.Subject ?? before.Subject, input?.Text ?? before.Text);
        foreach (var (field, text) in new[] { ("sms", template.Sms), ("subject", template.Subject), ("text", template.Text) })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                errors.Add($"{kind}.{field}", "Write something here: a notice cannot be empty.");
            }
            else if (text.Length > 5_000)
            {
                errors.Add($"{kind}.{field}", "Use at most 5,000 characters.");
            }
            else if (FreeText.Problem(text, multiline: field == "text") is { } unsafeText)
            {
                errors.Add($"{kind}.{field}", unsafeText);
            }
            else if (TemplateSyntax.Check(text) is [var problem, ..])
            {
                errors.Add($"{kind}.{field}", $"Line {problem.Line}, column {problem.Column}: {problem.Message}");
            }
        }
        if (!string.IsNullOrWhiteSpace(template.Sms) && SegmentsOf(template.Sms, account) is var segments && segments > options.Value.MaxSmsSegments)
        {
            errors.Add(
                $"{kind}.sms",
                $"With a typical appointment this message needs {segments} SMS segments; the limit is {options.Value.MaxSmsSegments}. Shorten it."
            );
        }
        return template;
    }

    private int SegmentsOf(string sms, AccountEntity account)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        var sample = SampleValues.For(account, time.GetUtcNow(), zone) with { AnswerLink = answerLinks.Sample };
        var settings = new TemplateSettings(AccountCulture.For(account.Country), true, true, false);
        return SmsEncoding.Analyze(TemplateRenderer.Render(sms, sample, settings, html: false).Trim()).Segments;
    }

    /// <summary>The settings a saved row holds, or the defaults (on, with the default notices) when there is none.</summary>
    public static NoticeSettings Read(TableEntity? row) =>
        row is null
            ? new NoticeSettings(true, DefaultNotices.Moved, DefaultNotices.Cancelled)
            : new(
                row.GetBoolean("Enabled") ?? true,
                new NoticeTemplate(
                    row.GetString("MovedSms") ?? DefaultNotices.Moved.Sms,
                    row.GetString("MovedSubject") ?? DefaultNotices.Moved.Subject,
                    row.GetString("MovedText") ?? DefaultNotices.Moved.Text
                ),
                new NoticeTemplate(
                    row.GetString("CancelledSms") ?? DefaultNotices.Cancelled.Sms,
                    row.GetString("CancelledSubject") ?? DefaultNotices.Cancelled.Subject,
                    row.GetString("CancelledText") ?? DefaultNotices.Cancelled.Text
                )
            );
}
