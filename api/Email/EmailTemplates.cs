using System.Net;

namespace ClientReminders.Email;

/// <summary>
/// Every email the app sends, as plain text and HTML. Subjects never hold personal data (they are logged);
/// every value put into HTML is encoded.
/// </summary>
public static class EmailTemplates
{
    public const string Product = "Client Reminders";

    // The same subject for both, so a sign-up attempt reveals nothing about whether the address already has an account.
    private const string SignUpSubject = $"Your {Product} sign-up";

    public static EmailMessage SignUpConfirmation(string to, string ownerName, string link) =>
        Compose(
            to,
            SignUpSubject,
            ownerName,
            Paragraph($"Thanks for signing up for {Product}. Confirm your email address to finish setting up your account:"),
            Link(link, "Confirm my email address"),
            Paragraph("If you didn't sign up, ignore this email and no account will be created.")
        );

    public static EmailMessage AlreadyRegistered(string to, string signInLink, string resetLink) =>
        Compose(
            to,
            SignUpSubject,
            null,
            Paragraph($"Someone tried to sign up for {Product} with this email address, but it already has an account."),
            Paragraph("If it was you, sign in instead:"),
            Link(signInLink, "Sign in"),
            Paragraph("Forgotten your password? Choose a new one:"),
            Link(resetLink, "Reset my password"),
            Paragraph("If it wasn't you, ignore this email: your account has not changed.")
        );

    public static EmailMessage PasswordReset(string to, string ownerName, string link, TimeSpan validFor) =>
        Compose(
            to,
            $"Reset your {Product} password",
            ownerName,
            Paragraph("We received a request to reset your password. Choose a new one here:"),
            Link(link, "Choose a new password"),
            Paragraph($"This link works once and expires in {Duration(validFor)}."),
            Paragraph("If you didn't ask for this, ignore this email: your password has not changed.")
        );

    public static EmailMessage PasswordChanged(string to, string ownerName) =>
        Compose(
            to,
            $"Your {Product} password was changed",
            ownerName,
            Paragraph($"The password of your {Product} account was just changed."),
            Paragraph(
                "If you didn't do this, reset your password straight away with \"Forgot your password?\" on the sign-in page, and contact us through the support form."
            )
        );

    public static EmailMessage EmailChangeConfirmation(string to, string ownerName, string link) =>
        Compose(
            to,
            $"Confirm your new {Product} email address",
            ownerName,
            Paragraph($"Confirm that you want to use this address for your {Product} account:"),
            Link(link, "Confirm my new email address"),
            Paragraph("Until you confirm, your account keeps using your old address. If you didn't ask for this, ignore this email.")
        );

    public static EmailMessage EmailChangedNotice(string oldAddress, string ownerName, string newAddressMasked) =>
        Compose(
            oldAddress,
            $"Your {Product} email address was changed",
            ownerName,
            Paragraph(
                $"Your {Product} account now uses a new email address: {newAddressMasked}. This address will no longer receive emails about the account."
            ),
            Paragraph("If you didn't do this, contact us through the support form straight away.")
        );

    public static EmailMessage AccountClosed(string to, string ownerName, DateTimeOffset deletionDeadline) =>
        Compose(
            to,
            $"Your {Product} account is closed",
            ownerName,
            Paragraph("Your account is closed and no more reminders will be sent."),
            Paragraph(
                $"All your data, and your clients' data, will be deleted by {deletionDeadline.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}."
            ),
            Paragraph($"Thank you for using {Product}.")
        );

    public static EmailMessage SupportMessage(string supportAddress, string fromName, string fromEmail, string message) =>
        Compose(
            supportAddress,
            $"{Product} support request",
            null,
            Paragraph($"From: {fromName} <{fromEmail}>"),
            Paragraph("Reply to the address above, not to this email."),
            Quote(message)
        );

    /// <summary>One event in an alert email: what happened, and where to act on it.</summary>
    public sealed record AlertItem(string Text, string Link, string LinkLabel);

    /// <summary>The subject of an alert email about one event: never the client's name (subjects are logged).</summary>
    public static string AlertSubject(Alerts.AlertKind kind) =>
        kind switch
        {
            Alerts.AlertKind.Rearrange => "A client needs to rearrange an appointment",
            Alerts.AlertKind.Cancellation => "A client asked to cancel an appointment",
            Alerts.AlertKind.Confirmation => "A client confirmed an appointment",
            Alerts.AlertKind.Stop => "A client opted out of messages",
            _ => "A client sent you a message",
        };

    /// <summary>What came in from clients since the last alert email, each with a link to act on it.</summary>
    public static EmailMessage OwnerAlerts(
        string to,
        string ownerName,
        string subject,
        IReadOnlyList<AlertItem> items,
        int notListed,
        string interval,
        string settingsLink
    ) =>
        Compose(
            to,
            subject,
            ownerName,
            [
                .. items.SelectMany(item => new Block[] { Paragraph(item.Text), Link(item.Link, item.LinkLabel) }),
                .. notListed > 0 ? new Block[] { Paragraph($"And {Plural(notListed, "more update")}: see Conversations in the app.") } : [],
                Paragraph($"You get these emails at most {interval}. Choose which events email you in Settings."),
                Link(settingsLink, "Alert settings"),
            ]
        );

    public static EmailMessage CalendarNeedsReconnecting(string to, string ownerName, string mailbox, string link) =>
        Compose(
            to,
            "Reconnect your Outlook calendar",
            ownerName,
            Paragraph($"Microsoft no longer lets {Product} read the calendars of {mailbox}, so reminders stop following them."),
            Paragraph("Reminders already planned stay as they are. Reconnect to carry on:"),
            Link(link, "Reconnect my calendar")
        );

    public static EmailMessage AllowanceNearlyUsed(string to, string ownerName, string what, int used, int allowance, string consequence, string link) =>
        Compose(
            to,
            $"You have used most of this month's {what}",
            ownerName,
            Paragraph($"Your account has sent {used} of the {allowance} {what} your plan includes this month."),
            Paragraph($"When they are used up, {consequence} A bigger plan raises the limit."),
            Link(link, "See your plan and usage")
        );

    public static EmailMessage AllowanceUsedUp(string to, string ownerName, string what, string consequence, string link) =>
        Compose(
            to,
            $"This month's {what} are used up",
            ownerName,
            Paragraph($"Your account has used all the {what} your plan includes this month."),
            Paragraph(consequence),
            Link(link, "See your plan and usage")
        );

    public static EmailMessage PlanEnded(string to, string ownerName, bool trial, string link) =>
        Compose(
            to,
            trial ? "Your free trial has ended" : $"Your {Product} plan has ended",
            ownerName,
            Paragraph(
                trial
                    ? "Your free trial has ended, so reminders are no longer being sent. Your clients, appointments and settings are kept."
                    : "Your plan has ended, so reminders are no longer being sent. Your clients, appointments and settings are kept."
            ),
            Paragraph("Choose a plan to start sending again:"),
            Link(link, "Choose a plan")
        );

    /// <summary>An address shown without revealing it in full: <c>jane.doe@example.com</c> becomes <c>j***@example.com</c>.</summary>
    public static string MaskAddress(string address) => address.LastIndexOf('@') is > 0 and var at ? address[..1] + "***" + address[at..] : "***";

    private abstract record Block;

    private sealed record ParagraphBlock(string Text) : Block;

    private sealed record LinkBlock(string Url, string Label) : Block;

    private sealed record QuoteBlock(string Text) : Block;

    private static ParagraphBlock Paragraph(string text) => new(text);

    private static QuoteBlock Quote(string text) => new(text);

    private static LinkBlock Link(string url, string label) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? new LinkBlock(url, label)
            : throw new ArgumentException("Links in emails must be absolute http(s) URLs.", nameof(url));

    private static EmailMessage Compose(string to, string subject, string? ownerName, params Block[] blocks)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(to);
        var greeting = string.IsNullOrWhiteSpace(ownerName) ? "Hello," : $"Hello {ownerName},";
        var text = new StringBuilder().Append(greeting).Append("\n\n");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject))
            .Append("</title></head>")
            .Append("<body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a\">")
            .Append("<p>")
            .Append(Encode(greeting))
            .Append("</p>");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    text.Append(p.Text).Append("\n\n");
                    html.Append("<p>").Append(Encode(p.Text)).Append("</p>");
                    break;
                case LinkBlock l:
                    text.Append(l.Url).Append("\n\n");
                    html.Append("<p><a href=\"")
                        .Append(Encode(l.Url))
                        .Append("\">")
                        .Append(Encode(l.Label))
                        .Append("</a></p>")
                        .Append("<p style=\"font-size:small\">Or paste this address into your browser: ")
                        .Append(Encode(l.Url))
                        .Append("</p>");
                    break;
                case QuoteBlock q:
                    text.Append(q.Text).Append("\n\n");
                    html.Append("<blockquote style=\"white-space:pre-wrap\">").Append(Encode(q.Text)).Append("</blockquote>");
                    break;
            }
        }
        text.Append("— ").Append(Product).Append('\n');
        html.Append("<p>— ").Append(Product).Append("</p></body></html>");
        return new EmailMessage(to, subject, text.ToString(), html.ToString());
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Duration(TimeSpan span) =>
        span switch
        {
            { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => Plural((int)span.TotalDays, "day"),
            { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => Plural((int)span.TotalHours, "hour"),
            _ => Plural((int)Math.Ceiling(span.TotalMinutes), "minute"),
        };

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit}" : $"{count} {unit}s";
}
