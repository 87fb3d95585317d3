using System.Net;
using System.Text.RegularExpressions;

namespace ClientReminders.Reminders.Templates;

/// <summary>How an account writes its reminder email: as text we lay out ("plain"), or as its own HTML ("html").</summary>
public static class EmailFormat
{
    public const string Plain = "plain";
    public const string Html = "html";

    public static bool IsValid(string? format) => format is Plain or Html;
}

/// <summary>What a plain-format email carries besides the owner's text: the business as Settings describe it, and an optional logo.</summary>
public sealed record EmailBranding(string BusinessName, string? Address, string? Phone, string? LogoUrl);

/// <summary>
/// A reminder email as its client receives it, from the template: the sender and the preview both come here, so the
/// preview shows exactly what goes out. A plain template's paragraphs are laid out in our own HTML, styled inline
/// (mail apps drop style sheets), with the business's name or logo at the top and its address and phone at the foot.
/// </summary>
public static partial class ReminderEmail
{
    public sealed record Composed(string Subject, string Text, string Html);

    public const string CalendarLinkLabel = "Add to my calendar";

    /// <param name="calendarLink">The appointment's "add to my calendar" file, shown under the message; none when null.</param>
    public static Composed Compose(
        TemplateResponse template,
        TemplateValues values,
        TemplateSettings settings,
        EmailBranding branding,
        string? calendarLink = null
    )
    {
        // A stored name from before line breaks were refused must not break the header either.
        var subject = FreeText.OneLine(TemplateRenderer.Render(template.Subject ?? "", values, settings, html: false));
        var text = TemplateRenderer.Render(template.Text ?? "", values, settings, html: false);
        if (template.Format != EmailFormat.Html)
        {
            return Plain(subject, text, branding, settings, calendarLink);
        }
        var html = TemplateRenderer.Render(template.Html ?? "", values, settings, html: true);
        var link = calendarLink is null
            ? ""
            : $"<p style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px\"><a href=\"{WebUtility.HtmlEncode(calendarLink)}\">{CalendarLinkLabel}</a></p>\n";
        return new Composed(subject, text.TrimEnd() + CalendarLine(calendarLink), InsertBeforeBodyEnd(html, link));
    }

    private static string CalendarLine(string? calendarLink) => calendarLink is null ? "" : $"\n\n{CalendarLinkLabel}: {calendarLink}";

    /// <summary>Text already filled in, laid out as a plain-format email: what direct messages send too.</summary>
    public static Composed Plain(string subject, string text, EmailBranding branding, TemplateSettings settings, string? calendarLink = null)
    {
        subject = FreeText.OneLine(subject);
        return new Composed(
            subject,
            PlainText(text.TrimEnd() + CalendarLine(calendarLink), branding),
            Layout(subject, text, branding, settings.Culture.TwoLetterISOLanguageName, calendarLink)
        );
    }

    /// <summary>Puts <paramref name="fragment"/> just before the closing body tag, or at the end when there is none.</summary>
    public static string InsertBeforeBodyEnd(string html, string fragment) =>
        html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase) is var end and >= 0 ? html.Insert(end, fragment) : html + fragment;

    private static IEnumerable<string> FooterLines(EmailBranding branding) =>
        new[] { branding.BusinessName, branding.Address, branding.Phone }.OfType<string>().Where(line => line.Trim().Length > 0);

    private static string PlainText(string text, EmailBranding branding) => $"{text.Trim()}\n\n--\n{string.Join('\n', FooterLines(branding))}\n";

    private static string Layout(string subject, string text, EmailBranding branding, string language, string? calendarLink)
    {
        static string Encode(string value) => WebUtility.HtmlEncode(value);
        var html = new StringBuilder();
        html.Append(
            $"""
            <!DOCTYPE html>
            <html lang="{Encode(language)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(subject)}</title>
            </head>
            <body style="margin:0;padding:0;background:#f4f5f7">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7">
            <tr><td align="center" style="padding:24px 12px">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;border:1px solid #e1e4e8">
            <tr><td style="padding:24px 28px 8px;font-family:Arial,Helvetica,sans-serif;font-size:20px;font-weight:bold;color:#1a1a1a">

            """
        );
        html.Append(
            branding.LogoUrl is { Length: > 0 } logo
                ? $"<img src=\"{Encode(logo)}\" alt=\"{Encode(branding.BusinessName)}\" style=\"max-width:200px;max-height:80px;border:0\">"
                : Encode(branding.BusinessName)
        );
        html.Append(
            "</td></tr>\n<tr><td style=\"padding:8px 28px 16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a\">\n"
        );
        foreach (var paragraph in Paragraphs(text))
        {
            html.Append($"<p style=\"margin:0 0 16px\">{string.Join("<br>\n", paragraph.Select(LinkedLine))}</p>\n");
        }
        if (calendarLink is not null)
        {
            html.Append(
                $"<p style=\"margin:8px 0 16px\"><a href=\"{Encode(calendarLink)}\" style=\"display:inline-block;padding:10px 18px;border-radius:6px;background:#1d4ed8;color:#ffffff;text-decoration:none;font-weight:bold\">{CalendarLinkLabel}</a></p>\n"
            );
        }
        html.Append(
            "</td></tr>\n<tr><td style=\"padding:16px 28px 24px;border-top:1px solid #e1e4e8;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#555555\">\n"
        );
        html.Append(
            string.Join(
                "<br>\n",
                FooterLines(branding)
                    .Select(line =>
                        line == branding.Phone ? $"<a href=\"tel:{Encode(TelNumber(line))}\" style=\"color:#555555\">{Encode(line)}</a>" : Encode(line)
                    )
            )
        );
        html.Append("\n</td></tr>\n</table>\n</td></tr>\n</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Blank lines part paragraphs; single line breaks stay line breaks within one.</summary>
    private static IEnumerable<string[]> Paragraphs(string text) =>
        text.ReplaceLineEndings("\n")
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(paragraph => paragraph.Split('\n', StringSplitOptions.TrimEntries))
            .Where(lines => lines.Any(line => line.Length > 0));

    /// <summary>A line of the message, encoded, with each web address in it (such as the answer link) made a link.</summary>
    private static string LinkedLine(string line)
    {
        var html = new StringBuilder();
        var at = 0;
        foreach (Match address in WebAddress().Matches(line))
        {
            html.Append(WebUtility.HtmlEncode(line[at..address.Index]));
            var url = WebUtility.HtmlEncode(address.Value);
            html.Append($"<a href=\"{url}\" style=\"color:#1d4ed8\">{url}</a>");
            at = address.Index + address.Length;
        }
        return html.Append(WebUtility.HtmlEncode(line[at..])).ToString();
    }

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)]")]
    private static partial Regex WebAddress();

    private static string TelNumber(string phone) => new(phone.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
}
