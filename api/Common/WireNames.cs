using System.Collections.Frozen;
using System.Reflection;

namespace ClientReminders.Common;

/// <summary>
/// The one spelling of each member of a status or channel enum, in JSON and in storage alike: its
/// <see cref="JsonStringEnumMemberNameAttribute"/>. Rows keep the lowercase words they always had; code holds types.
/// </summary>
public static class WireNames
{
    public static string Name<T>(this T value)
        where T : struct, Enum => Names<T>.ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    public static bool TryParse<T>(string? name, out T value)
        where T : struct, Enum => Names<T>.ByName.TryGetValue(name ?? "", out value);

    /// <summary>The member a stored word names; a word no member has is a corrupt row, not a default.</summary>
    public static T Parse<T>(string name)
        where T : struct, Enum => TryParse<T>(name, out var value) ? value : throw new FormatException($"'{name}' is not a {typeof(T).Name}.");

    public static T? ParseOrNull<T>(string? name)
        where T : struct, Enum => name is null ? null : Parse<T>(name);

    public static IEnumerable<string> All<T>()
        where T : struct, Enum => Names<T>.ByValue.Values;

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(
                field => (T)field.GetValue(null)!,
                field =>
                    field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                    ?? throw new InvalidOperationException($"{typeof(T).Name}.{field.Name} has no JsonStringEnumMemberName.")
            );

        public static readonly FrozenDictionary<string, T> ByName = ByValue.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }
}
