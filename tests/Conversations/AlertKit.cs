namespace ClientReminders.Tests.Conversations;

public static class AlertKit
{
    /// <summary>Runs the SendOwnerAlerts function for the account, as its queue message would.</summary>
    public static Task<string> SendWaitingAsync(TestApp app, string accountId) =>
        app.Services.GetRequiredService<OwnerAlerts>().RunAsync(accountId, CancellationToken.None);

    /// <summary>The alert emails the owner got (not the sign-up and account emails), oldest first.</summary>
    public static IReadOnlyList<OutboxEntry> EmailsTo(TestApp app, string address) =>
        [.. Owners.EmailsTo(app, address).Where(e => e.Message.Text.Contains("You get these emails at most", StringComparison.Ordinal))];
}
