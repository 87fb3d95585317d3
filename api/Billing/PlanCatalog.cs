namespace ClientReminders.Billing;

/// <summary>One plan an owner can be on: what it allows each calendar month and the price the app shows for it.</summary>
/// <param name="TrialDays">How long the plan lasts from sign-up; null for plans that run until changed.</param>
public sealed record PlanDefinition(string Code, string Name, int SmsAllowance, int EmailAllowance, string PriceShown, int? TrialDays = null)
{
    public bool IsTrial => TrialDays is not null;
}

/// <summary>
/// The plans on offer, kept in code rather than a table: they change with pricing decisions that ship as a release, the
/// payment provider refers to them by code, and there is no screen to edit them. The trial's length and SMS allowance
/// come from settings (Plans:Trial), so an installation can tune its trial without a release.
/// </summary>
public sealed class PlanCatalog(IOptions<TrialPlanOptions> trial)
{
    public const string TrialCode = Plans.Trial;
    public const string Starter = "starter";
    public const string Standard = "standard";
    public const string Pro = "pro";

    public PlanDefinition Trial => new(TrialCode, "Free trial", trial.Value.SmsAllowance, trial.Value.EmailAllowance, "Free", trial.Value.Days);

    public IReadOnlyList<PlanDefinition> All =>
        [
            Trial,
            new(Starter, "Starter", 200, 1_000, "£12 a month"),
            new(Standard, "Standard", 600, 5_000, "£29 a month"),
            new(Pro, "Pro", 2_000, 20_000, "£79 a month"),
        ];

    public PlanDefinition? Find(string? code) => All.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.Ordinal));

    /// <summary>The plan an account is on; an unknown code (a plan since retired) keeps the account's own allowances.</summary>
    public PlanDefinition Of(AccountEntity account) =>
        Find(account.PlanCode) is { } plan
            ? plan with
            {
                SmsAllowance = account.SmsAllowance,
                EmailAllowance = account.EmailAllowance ?? plan.EmailAllowance,
            }
            : new PlanDefinition(account.PlanCode, account.PlanCode, account.SmsAllowance, account.EmailAllowance ?? 0, "");
}
