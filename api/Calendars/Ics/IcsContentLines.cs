namespace ClientReminders.Calendars.Ics;

internal readonly record struct IcsParameter(string Name, string Value);

/// <summary>One unfolded content line: NAME;PARAM=value:VALUE, with the line number where it starts.</summary>
internal sealed class IcsContentLine(string name, IcsParameter[] parameters, string value, int lineNumber)
{
    public string Name { get; } = name;

    public IcsParameter[] Parameters { get; } = parameters;

    /// <summary>The raw value, still escaped for TEXT.</summary>
    public string Value { get; } = value;

    public int LineNumber { get; } = lineNumber;

    public string? Parameter(string name)
    {
        foreach (var parameter in Parameters)
        {
            if (parameter.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return parameter.Value;
            }
        }
        return null;
    }

    /// <summary>Splits a content line; null when it has no name or no colon (a malformed line).</summary>
    public static IcsContentLine? TryParse(string line, int lineNumber)
    {
        var i = 0;
        while (i < line.Length && line[i] != ';' && line[i] != ':')
        {
            i++;
        }
        if (i == 0 || i == line.Length)
        {
            return null;
        }
        var name = line[..i].Trim().ToUpperInvariant();
        var parameters = Array.Empty<IcsParameter>();
        List<IcsParameter>? parsed = null;
        while (i < line.Length && line[i] == ';')
        {
            var nameStart = ++i;
            while (i < line.Length && line[i] != '=' && line[i] != ';' && line[i] != ':')
            {
                i++;
            }
            if (i == line.Length)
            {
                return null;
            }
            var parameterName = line[nameStart..i].Trim();
            if (line[i] != '=')
            {
                (parsed ??= []).Add(new IcsParameter(parameterName, ""));
                continue;
            }
            i++;
            var value = new StringBuilder();
            while (i < line.Length && line[i] != ';' && line[i] != ':')
            {
                if (line[i] == '"')
                {
                    var close = line.IndexOf('"', i + 1);
                    if (close < 0)
                    {
                        return null;
                    }
                    value.Append(line, i + 1, close - i - 1);
                    i = close + 1;
                }
                else
                {
                    value.Append(line[i++]);
                }
            }
            if (i == line.Length)
            {
                return null;
            }
            (parsed ??= []).Add(new IcsParameter(parameterName, value.ToString()));
        }
        if (parsed is not null)
        {
            parameters = [.. parsed];
        }
        return new IcsContentLine(name, parameters, line[(i + 1)..], lineNumber);
    }
}

/// <summary>Reads logical lines: CRLF, LF or CR line ends, and a line starting with a space or tab continues the previous one.</summary>
internal sealed class IcsLineReader(TextReader reader)
{
    private string? pending;
    private int pendingNumber;
    private int physicalLines;

    /// <summary>The number of physical lines read so far (the last line of the file once <see cref="ReadLine"/> returned null).</summary>
    public int PhysicalLines => physicalLines;

    public string? ReadLine(out int lineNumber)
    {
        if (pending is null)
        {
            pending = reader.ReadLine();
            pendingNumber = ++physicalLines;
            if (pending is null)
            {
                physicalLines--;
                lineNumber = physicalLines;
                return null;
            }
        }
        var first = pending;
        lineNumber = pendingNumber;
        StringBuilder? folded = null;
        while (true)
        {
            var next = reader.ReadLine();
            if (next is null)
            {
                pending = null;
                break;
            }
            physicalLines++;
            if (next.Length > 0 && (next[0] == ' ' || next[0] == '\t'))
            {
                (folded ??= new StringBuilder(first)).Append(next, 1, next.Length - 1);
                continue;
            }
            pending = next;
            pendingNumber = physicalLines;
            break;
        }
        return folded?.ToString() ?? first;
    }
}

internal static class IcsText
{
    /// <summary>TEXT unescaping: \n and \N are new lines, \, \; \\ the character itself.</summary>
    public static string Unescape(string value)
    {
        var backslash = value.IndexOf('\\');
        if (backslash < 0)
        {
            return value;
        }
        var text = new StringBuilder(value.Length);
        text.Append(value, 0, backslash);
        for (var i = backslash; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length)
            {
                var escaped = value[++i];
                text.Append(escaped is 'n' or 'N' ? '\n' : escaped);
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }

    /// <summary>The address of a mailto: calendar user, or null for other URIs.</summary>
    public static string? MailtoAddress(string value)
    {
        var trimmed = value.AsSpan().Trim();
        if (!trimmed.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var address = trimmed[7..].Trim().ToString();
        return address.Contains('@') ? Uri.UnescapeDataString(address) : null;
    }
}
