using System.Net;
using ClientReminders.Reminders.Templates;

namespace ClientReminders.Messaging;

/// <summary>How a direct message's text is checked and filled: only the client's and the business's names, no appointment.</summary>
public static class DirectMessageText
{
    public static readonly IReadOnlyList<string> Placeholders = ["ClientName", "ClientFirstName", "BusinessName"];

    public static IReadOnlyList<TemplateProblem> Check(string text) => TemplateSyntax.Check(text, Placeholders);

    public static string Render(string text, string clientName, string businessName, TemplateSettings settings) =>
        TemplateRenderer.Render(text, new TemplateValues(clientName, businessName, default, null, null, null, ""), settings, html: false).Trim();

    /// <summary>The email's HTML part: the text encoded, its line breaks kept.</summary>
    public static string Html(string subject, string text) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(subject)}</title>
        </head>
        <body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">
        <p>{WebUtility.HtmlEncode(text).ReplaceLineEndings("<br>\n")}</p>
        </body>
        </html>

        """;
}
