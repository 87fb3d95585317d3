using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;

namespace ClientReminders.Accounts;

public static class AccountsSetup
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration("Accounts").ValidateOnStart();
        services.AddOptions<TrialPlanOptions>().BindConfiguration("Plans:Trial").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuthRateLimitOptions>().BindConfiguration("RateLimits:Auth").ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AppOptions>().BindConfiguration("App").ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<KeyRing>();
        services.AddSingleton<TableClients>();
        services.AddSingleton<QueueClients>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AccountChanges>();
        services.AddSingleton<AccountActivity>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionMemo>();
        services.AddSingleton<AuthTokenStore>();
        services.AddSingleton<AccountRateLimits>();
        services.AddSingleton<CsrfProtection>();
        services.AddScoped<AccountService>();
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services
            .AddAuthentication(SessionAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthentication>(SessionAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AccountsApi.AuthRateLimit, context =>
            {
                var limits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthRateLimitOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    ForwardedClient.RateLimitKey(context.Connection.RemoteIpAddress),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = limits.PerIpPermits,
                        Window = limits.PerIpWindow,
                        QueueLimit = 0,
                    }
                );
            });
            limiter.AddPolicy(AccountsApi.WebhookRateLimit, context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    ForwardedClient.RateLimitKey(context.Connection.RemoteIpAddress),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        // Graph sends every tenant's notifications from a few addresses: the limit only stops a flood.
                        PermitLimit = 20_000,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }
                )
            );
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await rejected
                    .HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(
                        new ProblemDetailsContext
                        {
                            HttpContext = rejected.HttpContext,
                            ProblemDetails =
                            {
                                Status = 429,
                                Title = "Too many attempts.",
                                Detail = "Too many attempts. Please wait before trying again.",
                            },
                        }
                    );
            };
        });

        if (builder.Configuration.GetValue("Demo:Seed", false))
        {
            services.AddSingleton<DemoHistory>().AddHostedService<DemoAccountSeeder>();
        }
        return builder;
    }
}
