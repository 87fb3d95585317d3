namespace ClientReminders.Billing;

/// <summary>What an account's plan allows against what it has used this month, and the emails that tell the owner about it.</summary>
public sealed class PlanAllowances(PlanCatalog catalog, MessageUsage usage, PlanNotices notices, IOptions<AppOptions> app, TimeProvider time)
{
    /// <summary>The share of an allowance at which the owner is warned.</summary>
    public const double WarnAt = 0.8;

    public const string PlanPath = "/settings#plan";

    public bool HasEnded(AccountEntity account) => account.PlanEndsAt is { } ends && ends <= time.GetUtcNow();

    public async Task<PlanResponse> StatusAsync(AccountEntity account, CancellationToken cancellationToken) =>
        Status(account, await usage.ThisMonthAsync(account.Id, cancellationToken));

    public PlanResponse Status(AccountEntity account, MonthUsage used)
    {
        var plan = catalog.Of(account);
        return new PlanResponse(
            plan.Code,
            plan.Name,
            plan.PriceShown,
            plan.IsTrial,
            account.PlanEndsAt,
            HasEnded(account),
            plan.SmsAllowance,
            used.SmsSegments,
            plan.EmailAllowance,
            used.Emails
        );
    }

    public static bool IsNearly(int used, int allowance) => allowance > 0 && used >= allowance * WarnAt;

    /// <summary>After a send: warns the owner once a month when a channel reaches <see cref="WarnAt"/> of its allowance.</summary>
    public async Task AfterSendAsync(AccountEntity account, ReminderChannel channel, MonthUsage used, CancellationToken cancellationToken)
    {
        var plan = catalog.Of(account);
        var (what, count, allowance, consequence) =
            channel == ReminderChannel.Sms
                ? (
                    "text messages",
                    used.SmsSegments,
                    plan.SmsAllowance,
                    "text reminders go by email to clients who have an email address, and the rest are skipped until next month."
                )
                : ("emails", used.Emails, plan.EmailAllowance, "email reminders are skipped until next month.");
        if (IsNearly(count, allowance) && count < allowance)
        {
            await notices.SendOnceAsync(
                account,
                PlanNotices.MonthKey(time.GetUtcNow(), $"{channel}-80"),
                EmailTemplates.AllowanceNearlyUsed(account.Email, account.OwnerName, what, count, allowance, consequence, app.Value.Link(PlanPath)),
                cancellationToken
            );
        }
    }

    /// <summary>Tells the owner once a month that a channel's allowance is used up.</summary>
    public Task UsedUpAsync(AccountEntity account, ReminderChannel channel, CancellationToken cancellationToken)
    {
        var (what, consequence) =
            channel == ReminderChannel.Sms
                ? (
                    "text messages",
                    "Until next month, text reminders go by email to clients who have an email address; reminders for clients without one are skipped."
                )
                : ("emails", "Until next month, email reminders are skipped.");
        return notices.SendOnceAsync(
            account,
            PlanNotices.MonthKey(time.GetUtcNow(), $"{channel}-100"),
            EmailTemplates.AllowanceUsedUp(account.Email, account.OwnerName, what, consequence + " A bigger plan raises the limit.", app.Value.Link(PlanPath)),
            cancellationToken
        );
    }

    /// <summary>Tells the owner once per plan period that their plan (or trial) has ended and nothing is being sent.</summary>
    public Task EndedAsync(AccountEntity account, CancellationToken cancellationToken) =>
        notices.SendOnceAsync(
            account,
            $"ended-{account.PlanEndsAt?.UtcDateTime:yyyyMMddHHmm}",
            EmailTemplates.PlanEnded(account.Email, account.OwnerName, catalog.Of(account).IsTrial, app.Value.Link(PlanPath)),
            cancellationToken
        );

    public string EndedReason(AccountEntity account) =>
        catalog.Of(account).IsTrial
            ? "Your free trial has ended, so reminders are paused until you choose a plan."
            : "Your plan has ended, so reminders are paused until it is renewed.";
}
