namespace ClientReminders.Reminders;

/// <param name="Format">For email: "plain" (text we lay out, with the business's details) or "html" (the owner's own); plain when absent.</param>
/// <param name="LogoUrl">For a plain email: an https image shown at the top instead of the business name.</param>
public sealed record TemplateInput(string? Channel, string? Body, string? Subject, string? Text, string? Html, string? Format = null, string? LogoUrl = null);

public sealed record TemplateResponse(
    ReminderChannel Channel,
    string? Body,
    string? Subject,
    string? Text,
    string? Html,
    string? Format = null,
    string? LogoUrl = null
);

public sealed record SmsCount(string Encoding, int Characters, int Units, int Segments, int MaxSegments);

public sealed record PreviewProblem(string Field, int Line, int Column, string Message);

/// <param name="Warnings">What will read oddly though it is no mistake: a placeholder that is always blank with the account's choices.</param>
public sealed record PreviewResponse(
    ReminderChannel Channel,
    string? Subject,
    string Text,
    string? Html,
    SmsCount? Sms,
    IReadOnlyList<PreviewProblem> Problems,
    IReadOnlyList<string>? Warnings = null
);

/// <summary>What reminders may include, and the words clients reply with (null on input: unchanged).</summary>
public sealed record ReminderSettings(
    bool IncludeTitle,
    bool IncludeLocation,
    bool IncludeDescription,
    IReadOnlyList<string>? ConfirmKeywords = null,
    IReadOnlyList<string>? CancelKeywords = null
)
{
    public ReplyKeywords Keywords => new(ConfirmKeywords ?? ReplyKeywords.Default.Confirm, CancelKeywords ?? ReplyKeywords.Default.Cancel);
}

/// <summary>The account's SMS and email templates (defaults until saved) and what reminders may include.</summary>
public sealed class TemplateService(
    TableClients tables,
    AccountChanges changes,
    UnsubscribeLinks unsubscribe,
    AnswerLinks answerLinks,
    IOptions<AppOptions> app,
    TimeProvider time,
    IOptions<ReminderOptions> options
)
{
    private const string SettingsRow = "settings";

    /// <summary>Both templates and the settings in one read of the account's partition (what is not saved is the default).</summary>
    /// <summary>Both templates, the settings and the change notices in one read of the account's partition (what is not saved is the default).</summary>
    public async Task<(TemplateResponse Sms, TemplateResponse Email, ReminderSettings Settings, NoticeSettings Notices)> AllAsync(
        string accountId,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        var rows = (await table.ListPartitionAsync<TableEntity>(accountId, cancellationToken)).ToDictionary(row => row.RowKey, StringComparer.Ordinal);
        return (
            Sms(rows.GetValueOrDefault(ReminderChannel.Sms.Name())),
            Email(rows.GetValueOrDefault(ReminderChannel.Email.Name())),
            Settings(rows.GetValueOrDefault(SettingsRow)),
            NoticeTemplates.Read(rows.GetValueOrDefault(NoticeTemplates.Row))
        );
    }

    private static TemplateResponse Sms(TableEntity? saved) =>
        new(ReminderChannel.Sms, saved is null ? DefaultTemplates.Sms : saved.GetString("Body"), null, null, null);

    // A template saved before plain emails existed was the owner's own HTML; the default HTML stays on hand for the advanced format.
    private static TemplateResponse Email(TableEntity? saved) =>
        saved is null
            ? new TemplateResponse(
                ReminderChannel.Email,
                null,
                DefaultTemplates.EmailSubject,
                DefaultTemplates.EmailText,
                DefaultTemplates.EmailHtml,
                EmailFormat.Plain
            )
            : new TemplateResponse(
                ReminderChannel.Email,
                null,
                saved.GetString("Subject"),
                saved.GetString("Text"),
                saved.GetString("Html") ?? DefaultTemplates.EmailHtml,
                saved.GetString("Format") ?? EmailFormat.Html,
                saved.GetString("LogoUrl")
            );

    public const int MaxLogoUrlLength = 500;

    private static string? LogoUrl(FieldErrors errors, string? value)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return null;
        }
        if (
            trimmed.Length > MaxLogoUrlLength
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttps
            || uri.UserInfo.Length > 0
        )
        {
            errors.Add("logoUrl", $"Use the https:// address of an image, at most {MaxLogoUrlLength} characters.");
        }
        return trimmed;
    }

    private static ReminderSettings Settings(TableEntity? saved) =>
        saved is null
            ? new ReminderSettings(false, false, false, ReplyKeywords.Default.Confirm, ReplyKeywords.Default.Cancel)
            : new ReminderSettings(
                saved.GetBoolean("IncludeTitle") ?? false,
                saved.GetBoolean("IncludeLocation") ?? false,
                saved.GetBoolean("IncludeDescription") ?? false,
                Words(saved.GetString("ConfirmKeywords")) ?? ReplyKeywords.Default.Confirm,
                Words(saved.GetString("CancelKeywords")) ?? ReplyKeywords.Default.Cancel
            );

    private static IReadOnlyList<string>? Words(string? stored) => stored is { Length: > 0 } ? stored.Split(',') : null;

    public static TemplateSettings SettingsFor(AccountEntity account, ReminderSettings settings) =>
        new(AccountCulture.For(account.Country), settings.IncludeTitle, settings.IncludeLocation, settings.IncludeDescription);

    /// <summary>The channel a template route names: sms or email, each with its own template; anything else has none.</summary>
    public static ReminderChannel? TemplateChannel(string name) =>
        WireNames.TryParse<ReminderChannel>(name, out var channel) && channel is ReminderChannel.Sms or ReminderChannel.Email ? channel : null;

    public async Task<TemplateResponse> GetAsync(string accountId, ReminderChannel channel, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        var saved = await table.GetEntityIfExistsAsync<TableEntity>(accountId, channel.Name(), cancellationToken: cancellationToken);
        return channel == ReminderChannel.Sms ? Sms(saved.HasValue ? saved.Value : null) : Email(saved.HasValue ? saved.Value : null);
    }

    public async Task<TemplateResponse> SaveAsync(AccountEntity account, ReminderChannel channel, TemplateInput input, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        var stored = await table.GetEntityIfExistsAsync<TableEntity>(account.Id, channel.Name(), cancellationToken: cancellationToken);
        var before = stored.HasValue ? stored.Value : null;
        // Left out (an older page, say), the format and the owner's own HTML stay as they were.
        var format = input.Format ?? (before is null ? EmailFormat.Plain : before.GetString("Format") ?? EmailFormat.Html);
        input = input with { Channel = channel.Name(), Format = format, Html = input.Html is { Length: > 0 } ? input.Html : before?.GetString("Html") };
        var preview = await PreviewAsync(account, input, cancellationToken);
        var errors = new FieldErrors();
        foreach (var problem in preview.Problems)
        {
            errors.Add(problem.Field, problem.Message);
        }
        if (preview.Sms is { } sms && sms.Segments > sms.MaxSegments)
        {
            errors.Add("body", $"With a typical appointment this message needs {sms.Segments} SMS segments; the limit is {sms.MaxSegments}. Shorten it.");
        }
        if (channel == ReminderChannel.Email && !EmailFormat.IsValid(format))
        {
            errors.Add("format", "Choose plain or html.");
        }
        // A logo's problem, if it has one, came with the preview's.
        var logo = LogoUrl(new FieldErrors(), input.LogoUrl);
        RequireText(
            errors,
            channel == ReminderChannel.Sms ? [("body", input.Body)]
                : format == EmailFormat.Html ? [("subject", input.Subject), ("text", input.Text), ("html", input.Html)]
                : [("subject", input.Subject), ("text", input.Text)]
        );
        errors.ThrowIfAny();
        var row = new TableEntity(account.Id, channel.Name()) { ["UpdatedAt"] = time.GetUtcNow() };
        if (channel == ReminderChannel.Sms)
        {
            row["Body"] = input.Body!;
        }
        else
        {
            (row["Subject"], row["Text"], row["Format"]) = (input.Subject!, input.Text!, format);
            // A plain email keeps the HTML it had, so switching back to the owner's own HTML loses nothing.
            if (input.Html is { Length: > 0 } html)
            {
                row["Html"] = html;
            }
            if (logo is not null)
            {
                row["LogoUrl"] = logo;
            }
        }
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        changes.Changed(account.Id);
        return await GetAsync(account.Id, channel, cancellationToken);
    }

    /// <summary>Renders the template with a sample appointment, and says what is wrong with it, if anything.</summary>
    public async Task<PreviewResponse> PreviewAsync(AccountEntity account, TemplateInput input, CancellationToken cancellationToken)
    {
        var channel = TemplateChannel(input.Channel ?? "") ?? ReminderChannel.Sms;
        var saved = await GetSettingsAsync(account.Id, cancellationToken);
        var settings = SettingsFor(account, saved);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        // Replies are read only by text, so only an SMS carries the hint.
        var sample = SampleValues.For(account, time.GetUtcNow(), zone) with
        {
            ConfirmHint = channel == ReminderChannel.Sms ? saved.Keywords.Hint : "",
            AnswerLink = answerLinks.Sample,
        };
        var format = input.Format is EmailFormat.Html ? EmailFormat.Html : EmailFormat.Plain;
        var fields =
            channel == ReminderChannel.Sms ? new[] { ("body", input.Body ?? "") }
            : format == EmailFormat.Html ? [("subject", input.Subject ?? ""), ("text", input.Text ?? ""), ("html", input.Html ?? "")]
            : [("subject", input.Subject ?? ""), ("text", input.Text ?? "")];
        var problems = fields.SelectMany(f => TemplateSyntax.Check(f.Item2).Select(p => new PreviewProblem(f.Item1, p.Line, p.Column, p.Message))).ToList();
        var logoErrors = new FieldErrors();
        var logo = channel == ReminderChannel.Email ? LogoUrl(logoErrors, input.LogoUrl) : null;
        if (logoErrors.Any)
        {
            problems.Add(new PreviewProblem("logoUrl", 1, 1, $"Use the https:// address of an image, at most {MaxLogoUrlLength} characters."));
        }
        if (problems.Count > 0)
        {
            return new PreviewResponse(channel, null, "", null, null, problems);
        }
        var warnings = BlankWarnings(fields.Select(f => f.Item2), saved, account);
        if (channel == ReminderChannel.Sms)
        {
            var text = TemplateRenderer.Render(input.Body ?? "", sample, settings, html: false);
            var info = SmsEncoding.Analyze(text);
            return new PreviewResponse(
                channel,
                null,
                text,
                null,
                new SmsCount(info.Encoding, info.Characters, info.Units, info.Segments, options.Value.MaxSmsSegments),
                problems,
                warnings
            );
        }
        var template = new TemplateResponse(channel, null, input.Subject, input.Text, input.Html, format, logo);
        // The calendar link names no real appointment: opened from the preview it says the appointment is not available.
        var email = ReminderEmail.Compose(template, sample, settings, BrandingOf(account, logo), app.Value.Link($"{CalendarFiles.Path}/sample"));
        // With the unsubscribe footer every reminder email gets, for a client who does not exist.
        var sent = unsubscribe.AddTo(
            new OutgoingMessage(account.Id, "preview", "preview", time.GetUtcNow(), channel, "alex@example.com", email.Subject, email.Text, email.Html),
            SampleClientId
        );
        return new PreviewResponse(channel, sent.Subject, sent.Text, sent.Html, null, problems, warnings);
    }

    private const string SampleClientId = "00000000000000000000000000000000";

    public static EmailBranding BrandingOf(AccountEntity account, string? logoUrl) =>
        new(account.BusinessName, account.BusinessAddress, account.BusinessPhone, logoUrl);

    /// <summary>The placeholders these templates use that will always be blank with the account's privacy choices and details.</summary>
    private static List<string> BlankWarnings(IEnumerable<string> templates, ReminderSettings settings, AccountEntity account)
    {
        var used = templates.SelectMany(TemplateSyntax.PlaceholdersIn).ToHashSet(StringComparer.Ordinal);
        var warnings = new List<string>();
        void Warn(string name, bool blank, string why)
        {
            if (blank && used.Contains(name))
            {
                warnings.Add($"{{{name}}} will be blank: {why}");
            }
        }
        Warn("Title", !settings.IncludeTitle, "your reminders leave out appointment titles (see “What reminders may include” on this page).");
        Warn("Location", !settings.IncludeLocation, "your reminders leave out locations (see “What reminders may include” on this page).");
        Warn("Description", !settings.IncludeDescription, "your reminders leave out descriptions (see “What reminders may include” on this page).");
        Warn("BusinessAddress", account.BusinessAddress is null, "add your business address in Settings.");
        Warn("BusinessPhone", account.BusinessPhone is null, "add your business phone number in Settings.");
        return warnings;
    }

    public async Task<ReminderSettings> GetSettingsAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        var saved = await table.GetEntityIfExistsAsync<TableEntity>(accountId, SettingsRow, cancellationToken: cancellationToken);
        return Settings(saved.HasValue ? saved.Value : null);
    }

    public async Task<ReminderSettings> SaveSettingsAsync(string accountId, ReminderSettings input, CancellationToken cancellationToken)
    {
        var keywords = ReplyKeywords.Validate(input.ConfirmKeywords, input.CancelKeywords, (await GetSettingsAsync(accountId, cancellationToken)).Keywords);
        var settings = input with { ConfirmKeywords = keywords.Confirm, CancelKeywords = keywords.Cancel };
        var table = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(accountId, SettingsRow)
            {
                ["IncludeTitle"] = settings.IncludeTitle,
                ["IncludeLocation"] = settings.IncludeLocation,
                ["IncludeDescription"] = settings.IncludeDescription,
                ["ConfirmKeywords"] = string.Join(',', keywords.Confirm),
                ["CancelKeywords"] = string.Join(',', keywords.Cancel),
            },
            TableUpdateMode.Replace,
            cancellationToken
        );
        changes.Changed(accountId);
        return settings;
    }

    public async Task<TemplateSettings> SettingsForAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        return SettingsFor(account, await GetSettingsAsync(account.Id, cancellationToken));
    }

    private static void RequireText(FieldErrors errors, (string Field, string? Value)[] fields)
    {
        foreach (var (field, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(field, "This part of the template cannot be empty.");
            }
            else if (FreeText.Problem(value, multiline: field != "subject") is { } problem)
            {
                errors.Add(field, problem);
            }
        }
    }
}
