using System.Net;

namespace ClientReminders.Email;

public static class DevOutboxApi
{
    /// <summary>The emails the app sent its owners (sign-up and reset links), for trying them without a mail server: Development only, loopback only.</summary>
    public static void MapDevOutbox(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }
        app.MapGet("/api/dev/emails", (HttpContext context, DevOutbox outbox) =>
            context.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                ? Results.Ok(outbox.Messages.Select(m => new { m.Message.To, m.Message.Subject, m.Message.Text, m.Message.Html, m.SentAt }))
                : Results.NotFound());
    }
}
