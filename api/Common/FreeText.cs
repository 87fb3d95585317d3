namespace ClientReminders.Common;

/// <summary>
/// What free text (names, titles, templates, messages) may hold: any script and emoji, normalised to Unicode NFC, but no
/// control characters (NUL, escape sequences; line breaks and tabs only where the field is several lines) and no
/// bidirectional embeddings, overrides or isolates, which make text read differently from how it is stored. The marks
/// right-to-left writing needs (U+200E, U+200F, U+061C) and the joiners emoji need stay.
/// </summary>
public static class FreeText
{
    public const string ControlProblem = "Remove the control or text-direction characters (they are invisible, and may have come with pasted text).";
    public const string LineProblem = "Write this on one line.";

    /// <summary>The text trimmed and in NFC; null stays null.</summary>
    public static string? Normalize(string? value) => value?.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>Why the text cannot be taken, or null when it can.</summary>
    public static string? Problem(string? text, bool multiline = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (!multiline && text.Any(c => c is '\r' or '\n'))
        {
            return LineProblem;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || IsRefused(c, multiline))
            {
                return ControlProblem;
            }
        }
        return null;
    }

    /// <summary>The text on one line, whatever it holds: for email subjects and headers built from stored values.</summary>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Text from elsewhere (a calendar's events) made safe rather than refused: one line, NFC, the refused characters dropped.</summary>
    public static string Clean(string text)
    {
        var line = OneLine(text.Normalize(NormalizationForm.FormC));
        var kept = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (char.IsHighSurrogate(c) && i + 1 < line.Length && char.IsLowSurrogate(line[i + 1]))
            {
                kept.Append(c).Append(line[++i]);
            }
            else if (!char.IsSurrogate(c) && !IsRefused(c, multiline: false))
            {
                kept.Append(c);
            }
        }
        return kept.ToString().Trim();
    }

    private static bool IsRefused(char c, bool multiline) =>
        (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')) || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
}
