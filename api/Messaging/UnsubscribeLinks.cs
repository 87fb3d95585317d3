using System.Net;

namespace ClientReminders.Messaging;

/// <summary>Adds the unsubscribe footer and the one-click headers (RFC 8058) to an email for one client.</summary>
public sealed class UnsubscribeLinks(UnsubscribeTokens tokens, IOptions<AppOptions> app)
{
    public const string FooterLabel = "Unsubscribe from these emails:";

    /// <summary>The confirmation page in the web app, for people: short, as it is printed at the foot of every email.</summary>
    public string PageLink(string accountId, string clientId) => app.Value.Link("/u/" + tokens.Create(accountId, clientId));

    /// <summary>The one-click target, for mail clients.</summary>
    public string OneClickLink(string accountId, string clientId) => app.Value.Link("/api/unsubscribe?token=" + tokens.Create(accountId, clientId));

    public OutgoingMessage AddTo(OutgoingMessage email, string clientId)
    {
        var page = PageLink(email.AccountId, clientId);
        var footer =
            $"<p style=\"margin:0;padding:0 12px 24px;text-align:center;font-family:Arial,Helvetica,sans-serif;font-size:13px;color:#555\">{FooterLabel} <a href=\"{WebUtility.HtmlEncode(page)}\" style=\"color:#555\">{WebUtility.HtmlEncode(page)}</a></p>\n";
        var html = email.Html is { } body ? ReminderEmail.InsertBeforeBodyEnd(body, footer) : null;
        return email with
        {
            Text = $"{email.Text.TrimEnd()}\n\n{FooterLabel} {page}\n",
            Html = html,
            Headers = new Dictionary<string, string>(email.Headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase)
            {
                ["List-Unsubscribe"] = $"<{OneClickLink(email.AccountId, clientId)}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
    }
}
