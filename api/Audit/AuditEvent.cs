namespace ClientReminders.Audit;

/// <summary>What happened to an account; stored by these names, so never rename one.</summary>
public static class AuditEvent
{
    public const string SignUp = nameof(SignUp);
    public const string SignInSucceeded = nameof(SignInSucceeded);
    public const string SignInFailed = nameof(SignInFailed);
    public const string SignOut = nameof(SignOut);
    public const string PasswordChanged = nameof(PasswordChanged);
    public const string PasswordResetRequested = nameof(PasswordResetRequested);
    public const string PasswordReset = nameof(PasswordReset);
    public const string EmailChangeRequested = nameof(EmailChangeRequested);
    public const string EmailChanged = nameof(EmailChanged);
    public const string ProfileUpdated = nameof(ProfileUpdated);
    public const string DataExported = nameof(DataExported);
    public const string DataDeleted = nameof(DataDeleted);
    public const string AccountClosed = nameof(AccountClosed);
    public const string SessionRevoked = nameof(SessionRevoked);
    public const string PlanChanged = nameof(PlanChanged);

    /// <summary>A calendar change notification came without its subscription's secret, and was ignored.</summary>
    public const string CalendarNotificationRefused = nameof(CalendarNotificationRefused);

    public static IReadOnlyList<string> All { get; } =
    [
        SignUp,
        SignInSucceeded,
        SignInFailed,
        SignOut,
        PasswordChanged,
        PasswordResetRequested,
        PasswordReset,
        EmailChangeRequested,
        EmailChanged,
        ProfileUpdated,
        DataExported,
        DataDeleted,
        AccountClosed,
        SessionRevoked,
        PlanChanged,
        CalendarNotificationRefused,
    ];
}
