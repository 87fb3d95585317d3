namespace ClientReminders.Accounts;

/// <summary>
/// A counter per account, bumped when this instance sees the owner change something (any signed-in request that is not a
/// read) or a client answer: what the owner's screens load is shared only between requests that saw the same count, so
/// a screen asked for after a change never gets a load that began before it.
/// </summary>
public sealed class AccountActivity
{
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

    public long Of(string accountId) => _versions.GetValueOrDefault(accountId);

    public void Changed(string accountId) => _versions.AddOrUpdate(accountId, 1, (_, version) => version + 1);
}

public static class AccountActivityTracking
{
    /// <summary>After every signed-in request that may change something (anything but GET, HEAD and OPTIONS), whatever its answer.</summary>
    public static WebApplication UseAccountActivity(this WebApplication app)
    {
        var activity = app.Services.GetRequiredService<AccountActivity>();
        app.Use(
            async (context, next) =>
            {
                try
                {
                    await next(context);
                }
                finally
                {
                    if (
                        !(
                            HttpMethods.IsGet(context.Request.Method)
                            || HttpMethods.IsHead(context.Request.Method)
                            || HttpMethods.IsOptions(context.Request.Method)
                        ) && context.Items[typeof(AccountEntity)] is AccountEntity account
                    )
                    {
                        activity.Changed(account.Id);
                    }
                }
            }
        );
        return app;
    }
}
