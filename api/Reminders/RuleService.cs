namespace ClientReminders.Reminders;

public sealed record RuleInput(string? Channel, int? OffsetMinutes, string? WindowStart, string? WindowEnd, string? Keyword);

public sealed record RuleResponse(string Id, ReminderChannel Channel, int OffsetMinutes, string? WindowStart, string? WindowEnd, string? Keyword)
{
    public static RuleResponse From(ReminderRuleEntity rule) => new(rule.Id, rule.Channel, rule.OffsetMinutes, rule.WindowStart, rule.WindowEnd, rule.Keyword);
}

public sealed record RuleList(IReadOnlyList<RuleResponse> Items);

/// <summary>An account's reminder rules; every change re-plans the account's upcoming appointments.</summary>
public sealed class RuleService(TableClients tables, ReminderStore store, ReminderPlanner planner, TimeProvider time)
{
    public const int MaxRules = 10;
    public const int MaxOffsetDays = 30;

    private static readonly int MaxOffsetMinutes = (int)TimeSpan.FromDays(MaxOffsetDays).TotalMinutes;

    public async Task<RuleList> ListAsync(string accountId, CancellationToken cancellationToken) =>
        new((await store.RulesAsync(accountId, cancellationToken)).OrderByDescending(r => r.OffsetMinutes).Select(RuleResponse.From).ToList());

    public async Task<RuleResponse> CreateAsync(AccountEntity account, RuleInput input, CancellationToken cancellationToken)
    {
        if ((await store.RulesAsync(account.Id, cancellationToken)).Count >= MaxRules)
        {
            throw ValidationFailedException.For("channel", $"An account can have at most {MaxRules} reminder rules.");
        }
        var rule = new ReminderRuleEntity
        {
            PartitionKey = account.Id,
            RowKey = Ids.New(),
            CreatedAt = time.GetUtcNow(),
        };
        Apply(rule, input);
        var table = await tables.GetAsync(StorageTables.ReminderRules, cancellationToken);
        await table.AddEntityAsync(rule, cancellationToken);
        await planner.ReplanAccountAsync(account, cancellationToken);
        return RuleResponse.From(rule);
    }

    public async Task<RuleResponse?> UpdateAsync(AccountEntity account, string id, RuleInput input, CancellationToken cancellationToken)
    {
        if (await FindAsync(account.Id, id, cancellationToken) is not { } rule)
        {
            return null;
        }
        Apply(rule, input);
        var table = await tables.GetAsync(StorageTables.ReminderRules, cancellationToken);
        await table.UpdateEntityAsync(rule, rule.ETag, TableUpdateMode.Replace, cancellationToken);
        await planner.ReplanAccountAsync(account, cancellationToken);
        return RuleResponse.From(rule);
    }

    public async Task<bool> DeleteAsync(AccountEntity account, string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(account.Id, id, cancellationToken) is null)
        {
            return false;
        }
        var table = await tables.GetAsync(StorageTables.ReminderRules, cancellationToken);
        await table.DeleteEntityAsync(account.Id, id, cancellationToken: cancellationToken);
        await planner.ReplanAccountAsync(account, cancellationToken);
        return true;
    }

    private async Task<ReminderRuleEntity?> FindAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var table = await tables.GetAsync(StorageTables.ReminderRules, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<ReminderRuleEntity>(accountId, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private static void Apply(ReminderRuleEntity rule, RuleInput input)
    {
        var errors = new FieldErrors();
        if (!WireNames.TryParse<ReminderChannel>(input.Channel, out var channel))
        {
            errors.Add("channel", "Choose SMS, email, or SMS with email when there is no mobile.");
        }
        if (input.OffsetMinutes is not { } offset || offset < 0 || offset > MaxOffsetMinutes)
        {
            errors.Add("offsetMinutes", "Choose how long before the appointment, from 0 minutes to 30 days.");
        }
        var start = Time(errors, "windowStart", input.WindowStart);
        var end = Time(errors, "windowEnd", input.WindowEnd);
        if (start is null != end is null)
        {
            errors.Add(start is null ? "windowStart" : "windowEnd", "Set both ends of the sending window, or neither.");
        }
        else if (start is { } s && end is { } e && e <= s)
        {
            errors.Add("windowEnd", "The sending window must end after it starts.");
        }
        var keyword = FreeText.Normalize(input.Keyword);
        if (keyword is { Length: > 100 })
        {
            errors.Add("keyword", "Use at most 100 characters for the keyword.");
        }
        else if (FreeText.Problem(keyword) is { } unsafeText)
        {
            errors.Add("keyword", unsafeText);
        }
        errors.ThrowIfAny();
        rule.Channel = channel;
        rule.OffsetMinutes = input.OffsetMinutes!.Value;
        rule.WindowStart = start?.ToString("HH:mm", CultureInfo.InvariantCulture);
        rule.WindowEnd = end?.ToString("HH:mm", CultureInfo.InvariantCulture);
        rule.Keyword = string.IsNullOrEmpty(keyword) ? null : keyword;
    }

    private static TimeOnly? Time(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }
        errors.Add(field, "Enter a time like 08:00.");
        return null;
    }
}
