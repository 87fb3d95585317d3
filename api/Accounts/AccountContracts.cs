namespace ClientReminders.Accounts;

public sealed record SignUpRequest(string? BusinessName, string? OwnerName, string? Email, string? Password, string? Country, string? TimeZone);

public sealed record LoginRequest(string? Email, string? Password, bool RememberMe);

public sealed record EmailRequest(string? Email);

public sealed record TokenRequest(string? Token);

public sealed record ResetRequest(string? Token, string? Password);

/// <remarks>A null <paramref name="BusinessAddress"/> or <paramref name="BusinessPhone"/> leaves it as it is; an empty one clears it.</remarks>
public sealed record ProfileRequest(
    string? BusinessName,
    string? OwnerName,
    string? Country,
    string? TimeZone,
    string? BusinessAddress = null,
    string? BusinessPhone = null
);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

public sealed record EmailChangeRequest(string? NewEmail, string? Password);

public sealed record PasswordRequest(string? Password);

public sealed record MessageResponse(string Message);

public sealed record CsrfTokenResponse(string Token);

/// <summary>The account's plan and this calendar month's usage (SMS in segments); Ended means nothing is being sent.</summary>
public sealed record PlanResponse(
    string Code,
    string Name,
    string PriceShown,
    bool IsTrial,
    DateTimeOffset? EndsAt,
    bool Ended,
    int SmsAllowance,
    int SmsUsed,
    int EmailAllowance,
    int EmailUsed
);

public sealed record MeResponse(
    string Id,
    string BusinessName,
    string OwnerName,
    string Email,
    string Country,
    string TimeZone,
    DateTimeOffset CreatedAt,
    string? PendingEmail,
    PlanResponse Plan,
    string? BusinessAddress = null,
    string? BusinessPhone = null
)
{
    /// <summary>Without <paramref name="plan"/>, the plan as the account row alone tells it (no usage).</summary>
    public static MeResponse From(AccountEntity account, PlanResponse? plan = null) =>
        new(
            account.Id,
            account.BusinessName,
            account.OwnerName,
            account.Email,
            account.Country,
            account.TimeZone,
            account.CreatedAt,
            account.PendingEmail,
            plan
                ?? new PlanResponse(
                    account.PlanCode,
                    account.PlanCode == Plans.Trial ? "Free trial" : account.PlanCode,
                    "",
                    account.PlanCode == Plans.Trial,
                    account.PlanEndsAt,
                    false,
                    account.SmsAllowance,
                    0,
                    account.EmailAllowance ?? 0,
                    0
                ),
            account.BusinessAddress,
            account.BusinessPhone
        );
}

public static class Plans
{
    public const string Trial = "trial";
}

/// <summary>Who is asking, as far as the audit log may record it: a truncated IP and the user agent.</summary>
public sealed record RequestInfo(string? Ip, string? UserAgent);
