using System.Net;
using System.Text.RegularExpressions;

namespace ClientReminders.Reminders.Templates;

/// <summary>What a reminder's placeholders are filled with; <paramref name="LocalStart"/> is the appointment's local start.</summary>
public sealed record TemplateValues(
    string ClientName,
    string BusinessName,
    DateTime LocalStart,
    string? Title,
    string? Location,
    string? Description,
    string ConfirmHint,
    string? BusinessAddress = null,
    string? BusinessPhone = null,
    string? AnswerLink = null
);

/// <summary>How an account's reminders are written: the culture for dates and times, and which appointment details they may show.</summary>
public sealed record TemplateSettings(CultureInfo Culture, bool IncludeTitle, bool IncludeLocation, bool IncludeDescription);

/// <summary>Fills a template's placeholders; a placeholder with nothing to show leaves no double space behind.</summary>
public static partial class TemplateRenderer
{
    public static string Render(string template, TemplateValues values, TemplateSettings settings, bool html)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(settings);
        var output = new StringBuilder();
        var dropped = false;
        foreach (var part in TemplateSyntax.Parse(template).Parts)
        {
            if (part is TemplateSyntax.Literal { Text: var text })
            {
                output.Append(dropped ? Collapse(output, text) : text);
                dropped = false;
            }
            else if (part is TemplateSyntax.Placeholder { Name: var name })
            {
                var value = Value(name, values, settings);
                if (value.Length == 0)
                {
                    dropped = true;
                }
                else
                {
                    output.Append(html ? Encode(value) : value);
                    dropped = false;
                }
            }
        }
        if (dropped)
        {
            TrimEndSpaces(output);
        }
        return output.ToString();
    }

    private static string Value(string name, TemplateValues values, TemplateSettings settings)
    {
        var format = settings.Culture.DateTimeFormat;
        var value = name switch
        {
            "ClientName" => values.ClientName,
            "ClientFirstName" => values
                .ClientName.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(),
            "BusinessName" => values.BusinessName,
            "BusinessAddress" => values.BusinessAddress,
            "BusinessPhone" => values.BusinessPhone,
            "Date" => Plain(values.LocalStart.ToString(WithoutWeekday(format.LongDatePattern), settings.Culture)),
            "Time" => Plain(values.LocalStart.ToString(format.ShortTimePattern, settings.Culture)),
            "DayOfWeek" => format.GetDayName(values.LocalStart.DayOfWeek),
            "Title" => settings.IncludeTitle ? values.Title : null,
            "Location" => settings.IncludeLocation ? values.Location : null,
            "Description" => settings.IncludeDescription ? values.Description : null,
            "ConfirmHint" => values.ConfirmHint,
            "AnswerLink" => values.AnswerLink,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a known placeholder."),
        };
        return value?.Trim() ?? "";
    }

    // The long date minus its weekday ("dddd, d MMMM yyyy" → "d MMMM yyyy"), kept whole when the weekday sits in the middle.
    private static string WithoutWeekday(string pattern) =>
        Weekday().Replace(pattern, "") is { Length: > 0 } stripped && !stripped.Contains("dddd") ? stripped : pattern;

    [GeneratedRegex(@"^dddd[,\s]*|[,\s]*dddd$")]
    private static partial Regex Weekday();

    // ICU puts narrow no-break spaces in times ("2:30 PM"); plain spaces keep an SMS in GSM-7.
    private static string Plain(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');

    private static string Encode(string value) => WebUtility.HtmlEncode(value).ReplaceLineEndings("<br>");

    private static string Collapse(StringBuilder output, string text)
    {
        var before = output.Length == 0 ? '\n' : output[^1];
        if (text[0] == ' ' && before is ' ' or '\n')
        {
            return text[1..];
        }
        if (text[0] is '\r' or '\n')
        {
            TrimEndSpaces(output);
        }
        return text;
    }

    private static void TrimEndSpaces(StringBuilder output)
    {
        while (output.Length > 0 && output[^1] == ' ')
        {
            output.Length--;
        }
    }
}
