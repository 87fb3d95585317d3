namespace ClientReminders.Accounts;

public sealed class AccountOptions
{
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
    public TimeSpan RememberMeLifetime { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan SignUpLinkLifetime { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan EmailChangeLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long closing an account may take to delete its data, as promised to owners.</summary>
    public TimeSpan ClosureDeletionWithin { get; set; } = TimeSpan.FromDays(7);
}

public sealed class TrialPlanOptions
{
    [Range(1, 365)]
    public int Days { get; set; } = 14;

    [Range(0, 100_000)]
    public int SmsAllowance { get; set; } = 50;

    [Range(0, 1_000_000)]
    public int EmailAllowance { get; set; } = 500;
}

public sealed class AuthRateLimitOptions
{
    [Range(1, 100_000)]
    public int PerIpPermits { get; set; } = 30;
    public TimeSpan PerIpWindow { get; set; } = TimeSpan.FromMinutes(10);

    [Range(1, 1000)]
    public int LoginPerAccountPermits { get; set; } = 10;
    public TimeSpan LoginPerAccountWindow { get; set; } = TimeSpan.FromMinutes(15);

    [Range(1, 1000)]
    public int ForgotPerAccountPermits { get; set; } = 3;
    public TimeSpan ForgotPerAccountWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sign-up confirmation emails to one address (the check-your-email page's "send again" included), whoever asks.</summary>
    [Range(1, 1000)]
    public int SignUpPerAddressPermits { get; set; } = 5;
    public TimeSpan SignUpPerAddressWindow { get; set; } = TimeSpan.FromHours(1);
}

public sealed class AppOptions
{
    /// <summary>Where owners reach the app; emailed links point here, and it is the one trusted Origin besides our own.</summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:7071");

    public string Link(string pathAndQuery) => new Uri(PublicBaseUrl, pathAndQuery).ToString();
}
