namespace ClientReminders.Accounts;

public sealed record SignedIn(AccountEntity Account, NewSession Session);

/// <summary>What an emailed link led to: done, or why not, in words for the owner.</summary>
public sealed record LinkOutcome(bool Succeeded, string Message);

public sealed class AccountService(
    AccountStore accounts,
    SessionStore sessions,
    AuthTokenStore links,
    PasswordHasher hasher,
    PasswordPolicy passwordPolicy,
    AccountRateLimits rateLimits,
    AuditLog audit,
    IEmailSender email,
    DataKeyStore dataKeys,
    IEnumerable<IAccountClosing> closing,
    TimeProvider time,
    IOptions<AccountOptions> options,
    IOptions<TrialPlanOptions> trial,
    IOptions<AppOptions> app
)
{
    public const string SignUpAnswer = "Check your inbox: we have sent you a link to confirm your email address and finish signing up.";
    public const string ForgotAnswer = "If an account uses that address, we have emailed it a link to choose a new password. The link works for one hour.";
    private const string ExpiredLink = "This link has expired or has already been used.";

    public async Task SignUpAsync(SignUpRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var businessName = errors.Text("businessName", request.BusinessName, "business name", 100);
        var ownerName = errors.Text("ownerName", request.OwnerName, "name", 100);
        var address = errors.Email("email", request.Email);
        var country = errors.Country("country", request.Country);
        var timeZone = errors.TimeZone("timeZone", request.TimeZone);
        CheckPassword(errors, "password", request.Password, address, businessName);
        errors.ThrowIfAny();
        // One inbox cannot be flooded: limited per address, registered or not, so the limit tells nothing either.
        rateLimits.AcquireSignUp(accounts.EmailIndex(address));

        // Hash either way, so an existing address answers in the same time as a new one.
        var passwordHash = hasher.Hash(request.Password!);
        if (await accounts.FindByEmailAsync(address, cancellationToken) is { } existing)
        {
            await email.SendAsync(
                EmailTemplates.AlreadyRegistered(existing.Email, app.Value.Link("/login"), app.Value.Link("/forgot-password")),
                cancellationToken
            );
            return;
        }
        var token = await links.IssueAsync(
            new AuthTokenEntity
            {
                Kind = AuthTokenKind.SignUp,
                Email = address,
                BusinessName = businessName,
                OwnerName = ownerName,
                Country = country,
                TimeZone = timeZone,
                PasswordHash = passwordHash,
            },
            options.Value.SignUpLinkLifetime,
            cancellationToken
        );
        await email.SendAsync(EmailTemplates.SignUpConfirmation(address, ownerName, app.Value.Link($"/confirm?token={token}")), cancellationToken);
    }

    /// <summary>Creates the account from a sign-up link and signs its owner in: opening the emailed link proves the address.</summary>
    public async Task<(LinkOutcome Outcome, NewSession? Session)> ConfirmSignUpAsync(string? token, RequestInfo from, CancellationToken cancellationToken)
    {
        if (await links.ConsumeAsync(token, AuthTokenKind.SignUp, cancellationToken) is not { } pending)
        {
            return (new LinkOutcome(false, ExpiredLink + " Sign up again, or sign in if you already confirmed your address."), null);
        }
        var now = time.GetUtcNow();
        var account = new AccountEntity
        {
            PartitionKey = Guid.NewGuid().ToString("N"),
            BusinessName = pending.BusinessName!,
            OwnerName = pending.OwnerName!,
            Email = pending.Email!,
            Country = pending.Country!,
            TimeZone = pending.TimeZone!,
            PasswordHash = pending.PasswordHash!,
            CreatedAt = now,
            PlanCode = Plans.Trial,
            PlanEndsAt = now.AddDays(trial.Value.Days),
            SmsAllowance = trial.Value.SmsAllowance,
            EmailAllowance = trial.Value.EmailAllowance,
        };
        try
        {
            await accounts.CreateAsync(account, cancellationToken);
        }
        catch (EmailTakenException)
        {
            return (new LinkOutcome(false, "An account with this email address already exists. Sign in instead."), null);
        }
        await audit.RecordAsync(account.Id, AuditEvent.SignUp, from.Ip, from.UserAgent, cancellationToken: cancellationToken);
        var session = await sessions.CreateAsync(account, rememberMe: false, cancellationToken);
        return (new LinkOutcome(true, "Your email address is confirmed, your free trial has started and you are signed in."), session);
    }

    public async Task<SignedIn?> SignInAsync(LoginRequest request, RequestInfo from, CancellationToken cancellationToken)
    {
        var address = request.Email?.Trim() ?? "";
        var password = request.Password ?? "";
        rateLimits.AcquireLogin(accounts.EmailIndex(address));
        if (address.Length is 0 or > 254 || password.Length is 0 or > 1024 || await accounts.FindByEmailAsync(address, cancellationToken) is not { } account)
        {
            hasher.VerifyAgainstDummy(password);
            return null;
        }
        var verification = hasher.Verify(password, account.PasswordHash);
        if (verification == PasswordVerification.Failed)
        {
            await audit.RecordAsync(account.Id, AuditEvent.SignInFailed, from.Ip, from.UserAgent, cancellationToken: cancellationToken);
            return null;
        }
        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            await UpgradeHashAsync(account, password, cancellationToken);
        }
        var session = await sessions.CreateAsync(account, request.RememberMe, cancellationToken);
        await audit.RecordAsync(account.Id, AuditEvent.SignInSucceeded, from.Ip, from.UserAgent, request.RememberMe ? "remember me" : null, cancellationToken);
        return new SignedIn(account, session);
    }

    public async Task SignOutAsync(string accountId, string sessionHash, RequestInfo from, CancellationToken cancellationToken)
    {
        await sessions.DeleteAsync(sessionHash, cancellationToken);
        await audit.RecordAsync(accountId, AuditEvent.SignOut, from.Ip, from.UserAgent, cancellationToken: cancellationToken);
    }

    public async Task ForgotPasswordAsync(string? address, RequestInfo from, CancellationToken cancellationToken)
    {
        var trimmed = address?.Trim() ?? "";
        rateLimits.AcquireForgot(accounts.EmailIndex(trimmed));
        if (trimmed.Length is 0 or > 254 || await accounts.FindByEmailAsync(trimmed, cancellationToken) is not { } account)
        {
            return;
        }
        var validFor = options.Value.PasswordResetLinkLifetime;
        var token = await links.IssueAsync(new AuthTokenEntity { Kind = AuthTokenKind.PasswordReset, AccountId = account.Id }, validFor, cancellationToken);
        await email.SendAsync(
            EmailTemplates.PasswordReset(account.Email, account.OwnerName, app.Value.Link($"/reset-password?token={token}"), validFor),
            cancellationToken
        );
        await audit.RecordAsync(account.Id, AuditEvent.PasswordResetRequested, from.Ip, from.UserAgent, cancellationToken: cancellationToken);
    }

    public async Task<LinkOutcome> ResetPasswordAsync(ResetRequest request, RequestInfo from, CancellationToken cancellationToken)
    {
        if (
            await links.PeekAsync(request.Token, AuthTokenKind.PasswordReset, cancellationToken) is not { } pending
            || await accounts.GetAsync(pending.AccountId!, cancellationToken) is not { Status: AccountStatus.Active } account
        )
        {
            return new LinkOutcome(false, ExpiredLink + " Ask for a new one from the sign-in page.");
        }
        var errors = new FieldErrors();
        CheckPassword(errors, "password", request.Password, account.Email, account.BusinessName);
        errors.ThrowIfAny();
        if (await links.ConsumeAsync(request.Token, AuthTokenKind.PasswordReset, cancellationToken) is null)
        {
            return new LinkOutcome(false, ExpiredLink + " Ask for a new one from the sign-in page.");
        }
        account.PasswordHash = hasher.Hash(request.Password!);
        account.SessionEpoch++;
        await accounts.UpdateAsync(account, cancellationToken);
        await RevokeCredentialLinksAsync(account.Id, cancellationToken);
        await audit.RecordAsync(account.Id, AuditEvent.PasswordReset, from.Ip, from.UserAgent, cancellationToken: cancellationToken);
        await email.SendAsync(EmailTemplates.PasswordChanged(account.Email, account.OwnerName), cancellationToken);
        return new LinkOutcome(true, "Your password has been changed and every other session signed out. Sign in with your new password.");
    }

    public Task<AccountEntity?> GetAsync(string accountId, CancellationToken cancellationToken) => accounts.GetAsync(accountId, cancellationToken);

    public const int MaxAddressLength = 200;
    public const int MaxPhoneLength = 30;

    public async Task<AccountEntity> UpdateProfileAsync(string accountId, ProfileRequest request, RequestInfo from, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var businessName = errors.Text("businessName", request.BusinessName, "business name", 100);
        var ownerName = errors.Text("ownerName", request.OwnerName, "name", 100);
        var country = errors.Country("country", request.Country);
        var timeZone = errors.TimeZone("timeZone", request.TimeZone);
        var address = errors.OptionalLine("businessAddress", request.BusinessAddress, "business address", MaxAddressLength);
        var phone = errors.OptionalLine("businessPhone", request.BusinessPhone, "business phone number", MaxPhoneLength);
        if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-' or '.'))
        {
            errors.Add("businessPhone", "Use only digits, spaces and + ( ) - . in the phone number.");
        }
        errors.ThrowIfAny();
        var account = await RequireAsync(accountId, cancellationToken);
        (account.BusinessName, account.OwnerName, account.Country, account.TimeZone) = (businessName, ownerName, country, timeZone);
        if (request.BusinessAddress is not null)
        {
            account.BusinessAddress = address;
        }
        if (request.BusinessPhone is not null)
        {
            account.BusinessPhone = phone;
        }
        await accounts.UpdateAsync(account, cancellationToken);
        await audit.RecordAsync(accountId, AuditEvent.ProfileUpdated, from.Ip, from.UserAgent, cancellationToken: cancellationToken);
        return account;
    }

    /// <summary>Signs out every other session; this browser gets a fresh session.</summary>
    public async Task<NewSession> ChangePasswordAsync(
        string accountId,
        string sessionHash,
        PasswordChangeRequest request,
        RequestInfo from,
        CancellationToken cancellationToken
    )
    {
        var account = await RequireAsync(accountId, cancellationToken);
        rateLimits.AcquireLogin(accounts.EmailIndex(account.Email));
        var errors = new FieldErrors();
        if (hasher.Verify(request.CurrentPassword ?? "", account.PasswordHash) == PasswordVerification.Failed)
        {
            errors.Add("currentPassword", "Your current password is not right.");
        }
        CheckPassword(errors, "newPassword", request.NewPassword, account.Email, account.BusinessName);
        errors.ThrowIfAny();
        account.PasswordHash = hasher.Hash(request.NewPassword!);
        account.SessionEpoch++;
        await accounts.UpdateAsync(account, cancellationToken);
        await RevokeCredentialLinksAsync(account.Id, cancellationToken);
        await sessions.DeleteAsync(sessionHash, cancellationToken);
        var session = await sessions.CreateAsync(account, rememberMe: false, cancellationToken);
        await audit.RecordAsync(accountId, AuditEvent.PasswordChanged, from.Ip, from.UserAgent, cancellationToken: cancellationToken);
        await email.SendAsync(EmailTemplates.PasswordChanged(account.Email, account.OwnerName), cancellationToken);
        return session;
    }

    public async Task RequestEmailChangeAsync(string accountId, EmailChangeRequest request, RequestInfo from, CancellationToken cancellationToken)
    {
        var account = await RequireAsync(accountId, cancellationToken);
        rateLimits.AcquireLogin(accounts.EmailIndex(account.Email));
        var errors = new FieldErrors();
        var newEmail = errors.Email("newEmail", request.NewEmail);
        if (newEmail == account.Email)
        {
            errors.Add("newEmail", "This is already your email address.");
        }
        if (hasher.Verify(request.Password ?? "", account.PasswordHash) == PasswordVerification.Failed)
        {
            errors.Add("password", "Your password is not right.");
        }
        errors.ThrowIfAny();
        var token = await links.IssueAsync(
            new AuthTokenEntity
            {
                Kind = AuthTokenKind.EmailChange,
                AccountId = accountId,
                Email = newEmail,
            },
            options.Value.EmailChangeLinkLifetime,
            cancellationToken
        );
        account.PendingEmail = newEmail;
        await accounts.UpdateAsync(account, cancellationToken);
        await email.SendAsync(
            EmailTemplates.EmailChangeConfirmation(newEmail, account.OwnerName, app.Value.Link($"/confirm-email?token={token}")),
            cancellationToken
        );
        await audit.RecordAsync(
            accountId,
            AuditEvent.EmailChangeRequested,
            from.Ip,
            from.UserAgent,
            $"new address at {newEmail[(newEmail.IndexOf('@', StringComparison.Ordinal) + 1)..]}",
            cancellationToken
        );
    }

    public async Task<LinkOutcome> ConfirmEmailChangeAsync(string? token, RequestInfo from, CancellationToken cancellationToken)
    {
        if (
            await links.ConsumeAsync(token, AuthTokenKind.EmailChange, cancellationToken) is not { } pending
            || await accounts.GetAsync(pending.AccountId!, cancellationToken) is not { Status: AccountStatus.Active } account
        )
        {
            return new LinkOutcome(false, ExpiredLink + " Ask for the change again from your settings.");
        }
        var oldEmail = account.Email;
        try
        {
            await accounts.ChangeEmailAsync(account, pending.Email!, cancellationToken);
        }
        catch (EmailTakenException)
        {
            // Nothing is pending any more: the settings page must not go on showing an address that will never be confirmed.
            account.PendingEmail = null;
            await accounts.TryUpdateAsync(account, cancellationToken);
            return new LinkOutcome(false, "Another account already uses this email address, so it cannot be moved to yours.");
        }
        await RevokeCredentialLinksAsync(account.Id, cancellationToken);
        await audit.RecordAsync(account.Id, AuditEvent.EmailChanged, from.Ip, from.UserAgent, cancellationToken: cancellationToken);
        await email.SendAsync(EmailTemplates.EmailChangedNotice(oldEmail, account.OwnerName, Mask(account.Email)), cancellationToken);
        return new LinkOutcome(true, "Your email address has been changed. Use it the next time you sign in.");
    }

    /// <summary>Stops everything at once; the retention purge deletes the account's data within days.</summary>
    public async Task CloseAsync(string accountId, string? password, RequestInfo from, CancellationToken cancellationToken)
    {
        var account = await RequireAsync(accountId, cancellationToken);
        rateLimits.AcquireLogin(accounts.EmailIndex(account.Email));
        if (hasher.Verify(password ?? "", account.PasswordHash) == PasswordVerification.Failed)
        {
            throw ValidationFailedException.For("password", "Your password is not right.");
        }
        var now = time.GetUtcNow();
        account.Status = AccountStatus.Closed;
        account.ClosedAt = now;
        account.PendingEmail = null;
        account.SessionEpoch++;
        await accounts.UpdateAsync(account, cancellationToken);
        await RevokeCredentialLinksAsync(account.Id, cancellationToken);
        // While the account's keys can still read what the features need to stop (e.g. the calendar tokens that delete Graph subscriptions).
        foreach (var feature in closing)
        {
            await feature.ClosingAsync(account, cancellationToken);
        }
        dataKeys.Forget(account.Id);
        await accounts.ReleaseEmailAsync(account.Email, cancellationToken);
        await audit.RecordAsync(accountId, AuditEvent.AccountClosed, from.Ip, from.UserAgent, cancellationToken: cancellationToken);
        await email.SendAsync(EmailTemplates.AccountClosed(account.Email, account.OwnerName, now + options.Value.ClosureDeletionWithin), cancellationToken);
    }

    public Task<IReadOnlyList<AuditEntry>> ActivityAsync(string accountId, CancellationToken cancellationToken) =>
        audit.ListAsync(accountId, cancellationToken: cancellationToken);

    /// <summary>After any credential change, no link emailed before it (password reset, email change) works any more.</summary>
    private async Task RevokeCredentialLinksAsync(string accountId, CancellationToken cancellationToken)
    {
        await links.RevokeAllAsync(accountId, AuthTokenKind.PasswordReset, cancellationToken);
        await links.RevokeAllAsync(accountId, AuthTokenKind.EmailChange, cancellationToken);
    }

    private async Task<AccountEntity> RequireAsync(string accountId, CancellationToken cancellationToken) =>
        await accounts.GetAsync(accountId, cancellationToken) is { Status: AccountStatus.Active } account
            ? account
            : throw new InvalidOperationException("The signed-in account no longer exists.");

    private void CheckPassword(FieldErrors errors, string field, string? password, string? emailAddress, string? businessName)
    {
        var localPart = emailAddress?.Split('@')[0];
        if (passwordPolicy.Check(password ?? "", localPart, businessName) is { } reason)
        {
            errors.Add(field, reason);
        }
    }

    private async Task UpgradeHashAsync(AccountEntity account, string password, CancellationToken cancellationToken)
    {
        account.PasswordHash = hasher.Hash(password);
        // Changed meanwhile: the next sign-in upgrades it.
        await accounts.TryUpdateAsync(account, cancellationToken);
    }

    private static string Mask(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at <= 1 ? "***" + address[Math.Max(at, 0)..] : address[0] + new string('*', at - 1) + address[at..];
    }
}

/// <summary>A feature with something outside our storage to stop when an account closes (storage itself goes with the retention purge).</summary>
public interface IAccountClosing
{
    /// <summary>Best effort: a failure is logged by the feature and never stops the closure.</summary>
    Task ClosingAsync(AccountEntity account, CancellationToken cancellationToken);
}
