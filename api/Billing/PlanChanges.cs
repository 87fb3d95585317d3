namespace ClientReminders.Billing;

/// <param name="Plan">A plan code from the catalog.</param>
/// <param name="EndsAt">When the plan stops (a subscription's paid-up date, or the end of a new trial); null runs until changed. A trial without it gets the trial's length from now.</param>
public sealed record PlanChangeRequest(string? Plan, DateTimeOffset? EndsAt);

/// <summary>Moves an account to another plan, on the word of the operator (e.g. a payment provider's webhook relay).</summary>
public sealed class PlanChanges(AccountStore accounts, PlanCatalog catalog, PlanAllowances allowances, AuditLog audit, TimeProvider time)
{
    public async Task<PlanResponse?> ChangeAsync(string accountId, PlanChangeRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var plan = catalog.Find(request.Plan);
        if (plan is null)
        {
            errors.Add("plan", $"Use one of: {string.Join(", ", catalog.All.Select(p => p.Code))}.");
        }
        errors.ThrowIfAny();
        if (accountId.Length is 0 or > 64)
        {
            return null;
        }
        for (var attempt = 0; ; attempt++)
        {
            if (await accounts.GetAsync(accountId, cancellationToken) is not { Status: AccountStatus.Active } account)
            {
                return null;
            }
            account.PlanCode = plan!.Code;
            account.PlanEndsAt = request.EndsAt ?? (plan.TrialDays is { } days ? time.GetUtcNow().AddDays(days) : null);
            account.SmsAllowance = plan.SmsAllowance;
            account.EmailAllowance = plan.EmailAllowance;
            try
            {
                await accounts.UpdateAsync(account, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
                continue;
            }
            await audit.RecordAsync(account.Id, AuditEvent.PlanChanged, null, null, plan.Code, cancellationToken);
            return await allowances.StatusAsync(account, cancellationToken);
        }
    }
}
