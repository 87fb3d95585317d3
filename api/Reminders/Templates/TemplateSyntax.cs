namespace ClientReminders.Reminders.Templates;

/// <summary>A mistake in a template, at a 1-based line and column.</summary>
public sealed record TemplateProblem(int Line, int Column, string Message);

/// <summary>Reads templates with <c>{Placeholder}</c> names and <c>{{</c> / <c>}}</c> for literal braces.</summary>
public static class TemplateSyntax
{
    public static readonly IReadOnlyList<string> Placeholders =
    [
        "ClientName",
        "ClientFirstName",
        "BusinessName",
        "BusinessAddress",
        "BusinessPhone",
        "Date",
        "Time",
        "DayOfWeek",
        "Title",
        "Location",
        "Description",
        "ConfirmHint",
        "AnswerLink",
    ];

    /// <summary>The template's mistakes; <paramref name="allowed"/> narrows the placeholders it may use (all by default).</summary>
    public static IReadOnlyList<TemplateProblem> Check(string template, IReadOnlyList<string>? allowed = null) => Parse(template, allowed).Problems;

    /// <summary>The names of the placeholders a template uses (mistakes aside).</summary>
    public static IEnumerable<string> PlaceholdersIn(string template) => Parse(template).Parts.OfType<Placeholder>().Select(p => p.Name);

    internal abstract record Part;

    internal sealed record Literal(string Text) : Part;

    internal sealed record Placeholder(string Name) : Part;

    internal sealed record Parsed(IReadOnlyList<Part> Parts, IReadOnlyList<TemplateProblem> Problems);

    // Mistakes are kept as literal text, so a template saved before a check still renders what its owner wrote.
    internal static Parsed Parse(string template, IReadOnlyList<string>? allowed = null)
    {
        allowed ??= Placeholders;
        ArgumentNullException.ThrowIfNull(template);
        var parts = new List<Part>();
        var problems = new List<TemplateProblem>();
        var text = new StringBuilder();
        var (i, line, column) = (0, 1, 1);

        void Flush()
        {
            if (text.Length > 0)
            {
                parts.Add(new Literal(text.ToString()));
                text.Clear();
            }
        }

        while (i < template.Length)
        {
            var c = template[i];
            var next = i + 1 < template.Length ? template[i + 1] : '\0';
            if (c is '{' or '}' && next == c)
            {
                text.Append(c);
                (i, column) = (i + 2, column + 2);
            }
            else if (c == '{')
            {
                var close = template.AsSpan(i + 1).IndexOfAny("{}\r\n");
                if (close >= 0 && template[i + 1 + close] == '}')
                {
                    var name = template.Substring(i + 1, close);
                    if (allowed.Contains(name))
                    {
                        Flush();
                        parts.Add(new Placeholder(name));
                    }
                    else
                    {
                        problems.Add(new TemplateProblem(line, column, Unknown(name, line, column, allowed)));
                        text.Append('{').Append(name).Append('}');
                    }
                    (i, column) = (i + close + 2, column + close + 2);
                }
                else
                {
                    problems.Add(new TemplateProblem(line, column, $"Unclosed {{ at line {line}, column {column}; write {{{{ for a literal brace."));
                    text.Append(c);
                    (i, column) = (i + 1, column + 1);
                }
            }
            else if (c == '}')
            {
                problems.Add(new TemplateProblem(line, column, $"Stray }} at line {line}, column {column}; write }}}} for a literal brace."));
                text.Append(c);
                (i, column) = (i + 1, column + 1);
            }
            else
            {
                text.Append(c);
                i++;
                if (c == '\n' || (c == '\r' && next != '\n'))
                {
                    (line, column) = (line + 1, 1);
                }
                else if (c != '\r')
                {
                    column++;
                }
            }
        }
        Flush();
        return new Parsed(parts, problems);
    }

    private static string Unknown(string name, int line, int column, IReadOnlyList<string> allowed)
    {
        if (name.Length == 0)
        {
            return $"Empty placeholder {{}} at line {line}, column {column}; write {{{{ and }}}} for literal braces.";
        }
        if (Placeholders.Contains(name))
        {
            return $"{{{name}}} at line {line}, column {column} cannot be used here; use {string.Join(", ", allowed.Select(a => $"{{{a}}}"))}.";
        }
        var message = $"Unknown placeholder {{{name}}} at line {line}, column {column}";
        return Closest(name, allowed) is { } known ? $"{message}; did you mean {{{known}}}?" : $"{message}.";
    }

    // A near miss differs in case, spacing or underscores, or by at most two typed characters.
    private static string? Closest(string name, IReadOnlyList<string> allowed)
    {
        var simple = Simplify(name);
        return allowed
            .Select(known => (known, distance: Simplify(known) == simple ? 0 : Distance(simple, Simplify(known))))
            .Where(candidate => candidate.distance <= Math.Min(2, simple.Length / 3))
            .OrderBy(candidate => candidate.distance)
            .Select(candidate => candidate.known)
            .FirstOrDefault();
    }

    private static string Simplify(string name) => string.Concat(name.Where(c => !char.IsWhiteSpace(c) && c is not '_' and not '-')).ToLowerInvariant();

    // Optimal string alignment distance: an insertion, deletion, substitution or swap of neighbours each count one.
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j], d[i, j - 1]) + 1, d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
