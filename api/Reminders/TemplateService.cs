using ClientReminders.Accounts;
using Azure.Data.Tables;
using ClientReminders.Common;
using ClientReminders.Reminders.Templates;
using ClientReminders.Storage;
using Microsoft.Extensions.Options;

namespace ClientReminders.Reminders;

public sealed class ReminderOptions
{
    /// <summary>SMS templates whose preview needs more segments than this are refused at save time.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10)]
    public int MaxSmsSegments { get; set; } = 3;

    /// <summary>A claim younger than this belongs to an instance that may still be sending (<c>Reminders:ClaimLease</c>).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimLease { get; set; } = DefaultClaimLease;

    public static readonly TimeSpan DefaultClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>How long past its due time (or its claim's lease) a reminder still unsent counts as stuck and is queued again (<c>Reminders:StuckAfter</c>).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The planner timer looks for stuck reminders at most once in this long (<c>Reminders:SweepEvery</c>).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A reminder the sweep queued again counts as stuck again only this long after (<c>Reminders:ResweepAfter</c>): its message
    /// may be waiting behind a long backlog rather than lost, and each sweep would otherwise add another.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ResweepAfter { get; set; } = TimeSpan.FromHours(1);
}

public sealed record TemplateInput(string? Channel, string? Body, string? Subject, string? Text, string? Html);

public sealed record TemplateResponse(string Channel, string? Body, string? Subject, string? Text, string? Html);

public sealed record SmsCount(string Encoding, int Characters, int Units, int Segments, int MaxSegments);

public sealed record PreviewProblem(string Field, int Line, int Column, string Message);

public sealed record PreviewResponse(string Channel, string? Subject, string Text, string? Html, SmsCount? Sms, IReadOnlyList<PreviewProblem> Problems);

/// <summary>What reminders may include, and the words clients reply with (null on input: unchanged).</summary>
public sealed record ReminderSettings(bool IncludeTitle, bool IncludeLocation, bool IncludeDescription, IReadOnlyList<string>? ConfirmKeywords = null, IReadOnlyList<string>? CancelKeywords = null)
{
    public ReplyKeywords Keywords => new(ConfirmKeywords ?? ReplyKeywords.Default.Confirm, CancelKeywords ?? ReplyKeywords.Default.Cancel);
}

/// <summary>The account's SMS and email templates (defaults until saved) and what reminders may include.</summary>
public sealed class TemplateService(Tables tables, AccountChanges changes, TimeProvider time, IOptions<ReminderOptions> options)
{
    private const string SettingsRow = "settings";

    /// <summary>Both templates and the settings in one read of the account's partition (what is not saved is the default).</summary>
    public async Task<(TemplateResponse Sms, TemplateResponse Email, ReminderSettings Settings)> AllAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"), cancellationToken: cancellationToken))
        {
            rows[row.RowKey] = row;
        }
        return (Sms(rows.GetValueOrDefault(ReminderChannel.Sms)), Email(rows.GetValueOrDefault(ReminderChannel.Email)), Settings(rows.GetValueOrDefault(SettingsRow)));
    }

    private static TemplateResponse Sms(TableEntity? saved) =>
        new(ReminderChannel.Sms, saved is null ? DefaultTemplates.Sms : saved.GetString("Body"), null, null, null);

    private static TemplateResponse Email(TableEntity? saved) => saved is null
        ? new TemplateResponse(ReminderChannel.Email, null, DefaultTemplates.EmailSubject, DefaultTemplates.EmailText, DefaultTemplates.EmailHtml)
        : new TemplateResponse(ReminderChannel.Email, null, saved.GetString("Subject"), saved.GetString("Text"), saved.GetString("Html"));

    private static ReminderSettings Settings(TableEntity? saved) => saved is null
        ? new ReminderSettings(false, false, false, ReplyKeywords.Default.Confirm, ReplyKeywords.Default.Cancel)
        : new ReminderSettings(
            saved.GetBoolean("IncludeTitle") ?? false, saved.GetBoolean("IncludeLocation") ?? false, saved.GetBoolean("IncludeDescription") ?? false,
            Words(saved.GetString("ConfirmKeywords")) ?? ReplyKeywords.Default.Confirm, Words(saved.GetString("CancelKeywords")) ?? ReplyKeywords.Default.Cancel);

    private static IReadOnlyList<string>? Words(string? stored) => stored is { Length: > 0 } ? stored.Split(',') : null;

    public static TemplateSettings SettingsFor(AccountEntity account, ReminderSettings settings) =>
        new(AccountCulture.For(account.Country), settings.IncludeTitle, settings.IncludeLocation, settings.IncludeDescription);

    public async Task<TemplateResponse?> GetAsync(string accountId, string channel, CancellationToken cancellationToken)
    {
        if (channel is not (ReminderChannel.Sms or ReminderChannel.Email))
        {
            return null;
        }
        var table = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        var saved = await table.GetEntityIfExistsAsync<TableEntity>(accountId, channel, cancellationToken: cancellationToken);
        return channel == ReminderChannel.Sms ? Sms(saved.HasValue ? saved.Value : null) : Email(saved.HasValue ? saved.Value : null);
    }

    public async Task<TemplateResponse?> SaveAsync(AccountEntity account, string channel, TemplateInput input, CancellationToken cancellationToken)
    {
        if (channel is not (ReminderChannel.Sms or ReminderChannel.Email))
        {
            return null;
        }
        var preview = await PreviewAsync(account, input with { Channel = channel }, cancellationToken);
        var errors = new FieldErrors();
        foreach (var problem in preview.Problems)
        {
            errors.Add(problem.Field, problem.Message);
        }
        if (preview.Sms is { } sms && sms.Segments > sms.MaxSegments)
        {
            errors.Add("body", $"With a typical appointment this message needs {sms.Segments} SMS segments; the limit is {sms.MaxSegments}. Shorten it.");
        }
        RequireText(errors, channel == ReminderChannel.Sms ? [("body", input.Body)] : [("subject", input.Subject), ("text", input.Text), ("html", input.Html)]);
        errors.ThrowIfAny();
        var row = new TableEntity(account.Id, channel) { ["UpdatedAt"] = time.GetUtcNow() };
        if (channel == ReminderChannel.Sms)
        {
            row["Body"] = input.Body!;
        }
        else
        {
            (row["Subject"], row["Text"], row["Html"]) = (input.Subject!, input.Text!, input.Html!);
        }
        var table = await tables.GetAsync(StorageTables.MessageTemplates, cancellationToken);
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        changes.Changed(account.Id);
        return await GetAsync(account.Id, channel, cancellationToken);
    }

    /// <summary>Renders the template with a sample appointment, and says what is wrong with it, if anything.</summary>
    public async Task<PreviewResponse> PreviewAsync(AccountEntity account, TemplateInput input, CancellationToken cancellationToken)
    {
        var channel = input.Channel is ReminderChannel.Email ? ReminderChannel.Email : ReminderChannel.Sms;
        var saved = await GetSettingsAsync(account.Id, cancellationToken);
        var settings = SettingsFor(account, saved);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        // Replies are read only by text, so only an SMS carries the hint.
        var sample = SampleValues.For(account.BusinessName, time.GetUtcNow(), zone) with { ConfirmHint = channel == ReminderChannel.Sms ? saved.Keywords.Hint : "" };
        var fields = channel == ReminderChannel.Sms
            ? new[] { ("body", input.Body ?? "") }
            : [("subject", input.Subject ?? ""), ("text", input.Text ?? ""), ("html", input.Html ?? "")];
        var problems = fields.SelectMany(f => TemplateSyntax.Check(f.Item2).Select(p => new PreviewProblem(f.Item1, p.Line, p.Column, p.Message))).ToList();
        if (problems.Count > 0)
        {
            return new PreviewResponse(channel, null, "", null, null, problems);
        }
        if (channel == ReminderChannel.Sms)
        {
            var text = TemplateRenderer.Render(input.Body ?? "", sample, settings, html: false);
            var info = SmsEncoding.Analyze(text);
            return new PreviewResponse(channel, null, text, null, new SmsCount(info.Encoding, info.Characters, info.Units, info.Segments, options.Value.MaxSmsSegments), problems);
        }
        return new PreviewResponse(
            channel,
            TemplateRenderer.Render(input.Subject ?? "", sample, settings, html: false),
            TemplateRenderer.Render(input.Text ?? "", sample, settings, html: false),
            TemplateRenderer.Render(input.Html ?? "", sample, settings, html: true),
            null,
            problems);
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
        await table.UpsertEntityAsync(new TableEntity(accountId, SettingsRow)
        {
            ["IncludeTitle"] = settings.IncludeTitle,
            ["IncludeLocation"] = settings.IncludeLocation,
            ["IncludeDescription"] = settings.IncludeDescription,
            ["ConfirmKeywords"] = string.Join(',', keywords.Confirm),
            ["CancelKeywords"] = string.Join(',', keywords.Cancel),
        }, TableUpdateMode.Replace, cancellationToken);
        changes.Changed(accountId);
        return settings;
    }

    public async Task<TemplateSettings> SettingsForAsync(AccountEntity account, CancellationToken cancellationToken)
    {
        return SettingsFor(account, await GetSettingsAsync(account.Id, cancellationToken));
    }

    private static void RequireText(FieldErrors errors, (string Field, string? Value)[] fields)
    {
        foreach (var (field, value) in fields.Where(f => string.IsNullOrWhiteSpace(f.Value)))
        {
            errors.Add(field, "This part of the template cannot be empty.");
        }
    }
}
