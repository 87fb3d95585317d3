using System.Net;

namespace ClientReminders.Hosting;

/// <summary>
/// The tools for trying the app without a mail server or Azure Communication Services, in one place: mapped in
/// Development only, answered only from this machine (loopback), and the SMS ones only while reminders go to the local outbox.
/// </summary>
public static class DevToolsApi
{
    public static RouteGroupBuilder MapDevTools(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        if (!app.Environment.IsDevelopment())
        {
            return api;
        }
        var dev = api.MapGroup("/dev").AddEndpointFilter(LoopbackOnlyAsync);

        // The emails the app sent its owners (sign-up and reset links).
        dev.MapGet("/emails", (DevOutbox outbox) => Results.Ok(
                outbox.Messages.Select(m => new
                {
                    m.Message.To,
                    m.Message.Subject,
                    m.Message.Text,
                    m.Message.Html,
                    m.SentAt,
                })
            ));

        if (app.Services.GetService<LocalReminderOutbox>() is null)
        {
            return api;
        }
        // The reminders and messages the signed-in account "sent" to the local outbox.
        dev.MapGet("/outbox", (HttpContext context, LocalReminderOutbox outbox) => Results.Ok(outbox.For(context.SignedInAccount().Id)))
            .RequireAuthorization();
        // No SMS can arrive without ACS, so an owner can play one of their clients instead.
        dev.MapPost("/inbound-sms", DevInboundSmsEndpoint.HandleAsync).RequireAuthorization();
        return api;
    }

    internal static async ValueTask<object?> LoopbackOnlyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip) ? await next(context) : Results.NotFound();
}
