namespace ClientReminders.Tests.Communication;

/// <summary>The property paths of a JSON document (<c>smsRecipients[].to</c>), to compare bodies whose values were sanitized.</summary>
internal static class JsonShape
{
    public static SortedSet<string> Of(JsonElement element, params string[] except)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Collect(element, "", paths);
        paths.RemoveWhere(path => except.Any(excluded => path == excluded || path.StartsWith(excluded + ".") || path.StartsWith(excluded + "[]")));
        return paths;
    }

    private static void Collect(JsonElement element, string path, SortedSet<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    paths.Add(child);
                    Collect(property.Value, child, paths);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, path + "[]", paths);
                }

                break;
        }
    }
}
