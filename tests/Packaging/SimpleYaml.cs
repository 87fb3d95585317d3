namespace ClientReminders.Tests.Packaging;

/// <summary>
/// Enough YAML for azure.yaml (no YAML parser is referenced here): nested maps of scalars, by indentation, read into
/// dotted keys such as <c>services.api.host</c>. Anything else (lists, flow style, multi-line scalars) is refused.
/// </summary>
public static class SimpleYaml
{
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = new List<(int Indent, string Key)>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd();
            if (line.TrimStart().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            var indent = line.Length - line.TrimStart().Length;
            var content = line.TrimStart();
            var colon = content.IndexOf(':', StringComparison.Ordinal);
            if (content.StartsWith('-') || colon <= 0 || content.Contains('\t', StringComparison.Ordinal))
            {
                throw new FormatException($"azure.yaml line {lineNumber}: only 'key: value' maps are expected here: {content}");
            }
            path.RemoveAll(p => p.Indent >= indent);
            var key = content[..colon].Trim();
            var value = content[(colon + 1)..].Trim();
            var comment = value.IndexOf(" #", StringComparison.Ordinal);
            value = (comment >= 0 ? value[..comment] : value).Trim().Trim('"', '\'');
            var dotted = string.Join('.', path.Select(p => p.Key).Append(key));
            if (value.Length == 0)
            {
                path.Add((indent, key));
            }
            else if (!result.TryAdd(dotted, value))
            {
                throw new FormatException($"azure.yaml line {lineNumber}: '{dotted}' appears twice.");
            }
        }
        return result;
    }
}
