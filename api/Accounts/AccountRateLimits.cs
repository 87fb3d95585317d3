using System.Threading.RateLimiting;

namespace ClientReminders.Accounts;

/// <summary>
/// Per-account limits on sign-in and password-reset attempts, keyed by the email's blind index so unknown
/// addresses are limited exactly like known ones. Per-IP limits are the endpoints' rate-limiting policy.
/// </summary>
public sealed class AccountRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string> _login;
    private readonly PartitionedRateLimiter<string> _forgot;
    private readonly PartitionedRateLimiter<string> _signUp;

    public AccountRateLimits(IOptions<AuthRateLimitOptions> options)
    {
        var limits = options.Value;
        _login = FixedWindow(limits.LoginPerAccountPermits, limits.LoginPerAccountWindow);
        _forgot = FixedWindow(limits.ForgotPerAccountPermits, limits.ForgotPerAccountWindow);
        _signUp = FixedWindow(limits.SignUpPerAddressPermits, limits.SignUpPerAddressWindow);
    }

    public void AcquireLogin(string accountKey) => Acquire(_login, accountKey);

    public void AcquireForgot(string accountKey) => Acquire(_forgot, accountKey);

    public void AcquireSignUp(string addressKey) => Acquire(_signUp, addressKey);

    public void Dispose()
    {
        _login.Dispose();
        _forgot.Dispose();
        _signUp.Dispose();
    }

    private static void Acquire(PartitionedRateLimiter<string> limiter, string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            throw new TooManyAttemptsException(lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1));
        }
    }

    private static PartitionedRateLimiter<string> FixedWindow(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
            }));
}
