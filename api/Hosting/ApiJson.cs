using System.Text.Json.Serialization;

namespace ClientReminders.Hosting;

/// <summary>
/// The API's request and response bodies, with JSON metadata generated at compile time: building it by reflection for
/// every endpoint's body type before the first request was most of a cold start. The names and shapes are those of the
/// reflection-based serializer (the app's web options still decide them); a type missing here still works by reflection.
/// </summary>
[JsonSerializable(typeof(Health.HealthReport))]
[JsonSerializable(typeof(Accounts.ActivityResponse))]
[JsonSerializable(typeof(Accounts.CsrfTokenResponse))]
[JsonSerializable(typeof(Accounts.EmailChangeRequest))]
[JsonSerializable(typeof(Accounts.EmailRequest))]
[JsonSerializable(typeof(Accounts.LoginRequest))]
[JsonSerializable(typeof(Accounts.MeResponse))]
[JsonSerializable(typeof(Accounts.MessageResponse))]
[JsonSerializable(typeof(Accounts.PasswordChangeRequest))]
[JsonSerializable(typeof(Accounts.PasswordRequest))]
[JsonSerializable(typeof(Accounts.PlanResponse))]
[JsonSerializable(typeof(Accounts.ProfileRequest))]
[JsonSerializable(typeof(Accounts.ResetRequest))]
[JsonSerializable(typeof(Accounts.SignUpRequest))]
[JsonSerializable(typeof(Accounts.TokenRequest))]
[JsonSerializable(typeof(Appointments.AppointmentInput))]
[JsonSerializable(typeof(Appointments.AppointmentList))]
[JsonSerializable(typeof(Appointments.AppointmentResponse))]
[JsonSerializable(typeof(Billing.PlanChangeRequest))]
[JsonSerializable(typeof(Billing.PlanOverview))]
[JsonSerializable(typeof(Calendars.AvailableCalendars))]
[JsonSerializable(typeof(Calendars.CalendarChoices))]
[JsonSerializable(typeof(Calendars.CalendarsOverview))]
[JsonSerializable(typeof(Calendars.ConnectStarted))]
[JsonSerializable(typeof(Calendars.ConnectionResponse))]
[JsonSerializable(typeof(Calendars.ConnectionSettings))]
[JsonSerializable(typeof(Calendars.DisconnectInput))]
[JsonSerializable(typeof(Calendars.DisconnectResult))]
[JsonSerializable(typeof(Calendars.Ics.IcsFeedChange))]
[JsonSerializable(typeof(Calendars.Ics.IcsFeedInput))]
[JsonSerializable(typeof(Calendars.Ics.IcsFeedList))]
[JsonSerializable(typeof(Calendars.Ics.IcsFeedRemoval))]
[JsonSerializable(typeof(Calendars.Ics.IcsFeedResponse))]
[JsonSerializable(typeof(Calendars.ReviewAnswer))]
[JsonSerializable(typeof(Calendars.ReviewList))]
[JsonSerializable(typeof(Calendars.ReviewOutcome))]
[JsonSerializable(typeof(Calendars.SyncResult))]
[JsonSerializable(typeof(Clients.ClientInput))]
[JsonSerializable(typeof(Clients.ClientPage))]
[JsonSerializable(typeof(Clients.ClientResponse))]
[JsonSerializable(typeof(Clients.Import.ImportPreview))]
[JsonSerializable(typeof(Clients.Import.ImportProgress))]
[JsonSerializable(typeof(Clients.Import.ImportStarted))]
[JsonSerializable(typeof(Dashboard.DashboardResponse))]
[JsonSerializable(typeof(Dashboard.TestMessageRequest))]
[JsonSerializable(typeof(Dashboard.TestMessageResponse))]
[JsonSerializable(typeof(Messaging.DirectMessageInput))]
[JsonSerializable(typeof(Messaging.DirectMessagePreview))]
[JsonSerializable(typeof(Messaging.DirectMessageQueued))]
[JsonSerializable(typeof(Messaging.HistoryDays))]
[JsonSerializable(typeof(Messaging.HistoryItems))]
[JsonSerializable(typeof(Messaging.ReplyList))]
[JsonSerializable(typeof(Messaging.UnsubscribeAnswer))]
[JsonSerializable(typeof(Messaging.UnsubscribePage))]
[JsonSerializable(typeof(Privacy.DataSummaryResponse))]
[JsonSerializable(typeof(Reminders.PreviewResponse))]
[JsonSerializable(typeof(Reminders.ReminderItems))]
[JsonSerializable(typeof(Reminders.ReminderResponse))]
[JsonSerializable(typeof(Reminders.ReminderSettings))]
[JsonSerializable(typeof(Reminders.RuleInput))]
[JsonSerializable(typeof(Reminders.RuleList))]
[JsonSerializable(typeof(Reminders.RuleResponse))]
[JsonSerializable(typeof(Reminders.TemplateInput))]
[JsonSerializable(typeof(Reminders.TemplateResponse))]
[JsonSerializable(typeof(Support.SupportAnswer))]
[JsonSerializable(typeof(Support.SupportRequest))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

public static class ApiJsonSetup
{
    public static IServiceCollection AddSourceGeneratedJson(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
}
