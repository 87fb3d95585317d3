using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Billing;

/// <summary>The reminders app with an operator key configured.</summary>
public sealed class PlansApp : RemindersApp
{
    public const string OperatorKey = "operator-key-for-tests-0123456789abcdef";

    protected override Dictionary<string, string> Settings => new(base.Settings) { ["Operator:Key"] = OperatorKey };
}

public static class PlansKit
{
    public static async Task SetAllowancesAsync(this Owner owner, int? sms = null, int? email = null, DateTimeOffset? endsAt = null)
    {
        var account = await owner.AccountAsync();
        account.SmsAllowance = sms ?? account.SmsAllowance;
        account.EmailAllowance = email ?? account.EmailAllowance;
        account.PlanEndsAt = endsAt ?? account.PlanEndsAt;
        await owner.App.Services.GetRequiredService<AccountStore>().UpdateAsync(account, CancellationToken.None);
    }

    /// <summary>A reminder due now for a new appointment with the client, under the owner's one rule; sent at once.</summary>
    public static async Task<(ReminderEntity Reminder, SendRun Outcome)> SendOneAsync(this Owner owner, TimeProvider clock, string clientId)
    {
        var appointment = await owner.BookAsync(clientId, Booking.LocalIn(clock, TimeSpan.FromHours(2)));
        var reminder = Assert.Single(await owner.RemindersOfAsync(appointment.GetProperty("id").GetString()!));
        var outcome = await owner.RunAsync(owner.Message(reminder));
        return (await owner.ReminderAsync(reminder.Id), outcome);
    }

    public static IReadOnlyList<string> SubjectsTo(this Owner owner) => [.. Owners.EmailsTo(owner.App, owner.Email).Select(e => e.Message.Subject)];

    public static async Task<JsonElement> PlanAsync(this Owner owner)
    {
        using var response = await owner.Browser.GetAsync("/api/plan");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Owners.JsonAsync(response)).GetProperty("current");
    }
}
