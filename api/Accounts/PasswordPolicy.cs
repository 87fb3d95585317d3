namespace ClientReminders.Accounts;

/// <summary>Length limits, a list of common passwords and the owner's own words; deliberately no composition rules (NIST SP 800-63B).</summary>
public sealed class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;
    private const int MinimumPersonalWordLength = 4;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>Why <paramref name="password"/> is refused, in words for the owner, or null when it is acceptable.</summary>
    public string? Check(string password, params string?[] personalWords)
    {
        // Counted in code points, so that an accented letter or an emoji is one character, not two UTF-16 units.
        var length = password?.EnumerateRunes().Count() ?? 0;
        if (password is null || length < MinimumLength)
        {
            return $"Use at least {MinimumLength} characters.";
        }
        if (length > MaximumLength)
        {
            return $"Use at most {MaximumLength} characters.";
        }
        if (Common.Value.Contains(password.Trim()))
        {
            return "This password is too common. Choose something less predictable.";
        }
        var squashed = Squash(password);
        foreach (var word in personalWords)
        {
            // "Acme Plumbing" also catches "acmeplumbing2024" and "jane.doe" catches "Jane-Doe-secret".
            if (
                word is not null
                && Squash(word) is { Length: >= MinimumPersonalWordLength } personal
                && squashed.Contains(personal, StringComparison.OrdinalIgnoreCase)
            )
            {
                return "Don't use your email address or business name in your password.";
            }
        }
        return null;
    }

    private static string Squash(string text) => string.Concat(text.Where(char.IsLetterOrDigit));

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("ClientReminders.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } entry)
            {
                passwords.Add(entry);
            }
        }
        return passwords;
    }
}
