namespace ClientReminders.Messaging;

/// <summary>How a direct message's text is checked and filled: only the client's and the business's names, no appointment.</summary>
public static class DirectMessageText
{
    public static readonly IReadOnlyList<string> Placeholders = ["ClientName", "ClientFirstName", "BusinessName"];

    public static IReadOnlyList<TemplateProblem> Check(string text) => TemplateSyntax.Check(text, Placeholders);

    public static string Render(string text, string clientName, string businessName, TemplateSettings settings) =>
        TemplateRenderer.Render(text, new TemplateValues(clientName, businessName, default, null, null, null, ""), settings, html: false).Trim();
}
