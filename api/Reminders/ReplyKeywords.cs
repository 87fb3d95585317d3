namespace ClientReminders.Reminders;

/// <summary>
/// The words a client texts back to confirm or to ask to cancel, per account, and the hint that tells clients which
/// to use ({ConfirmHint}). Compared without case or spaces, so "cancel appt" and "CANCELAPPT" are the same word.
/// </summary>
public sealed record ReplyKeywords(IReadOnlyList<string> Confirm, IReadOnlyList<string> Cancel)
{
    public static readonly ReplyKeywords Default = new(["YES", "Y", "C", "CONFIRM"], ["NO", "N", "CANCEL APPT"]);

    /// <summary>Words that always mean STOP, START or HELP: an account cannot give them another meaning.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(
        ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "START", "UNSTOP", "HELP"],
        StringComparer.Ordinal
    );

    public const int MaxWords = 6;
    public const int MaxLength = 20;

    /// <summary>The hint an SMS reminder carries, naming the first word of each list.</summary>
    public string Hint => $"Reply {Confirm[0]} to confirm or {Cancel[0]} to cancel.";

    public static string Normalize(string? text) => new string((text ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();

    public bool Confirms(string normalized) => Confirm.Any(word => Normalize(word) == normalized);

    public bool Cancels(string normalized) => Cancel.Any(word => Normalize(word) == normalized);

    /// <summary>Each list cleaned (trimmed, upper case, single spaces), or field errors saying what is wrong.</summary>
    public static ReplyKeywords Validate(IReadOnlyList<string?>? confirm, IReadOnlyList<string?>? cancel, ReplyKeywords current)
    {
        var errors = new FieldErrors();
        var confirmWords = confirm is null ? current.Confirm : Clean(errors, "confirmKeywords", confirm, "confirm");
        var cancelWords = cancel is null ? current.Cancel : Clean(errors, "cancelKeywords", cancel, "ask to cancel");
        var shared = confirmWords.Select(Normalize).Intersect(cancelWords.Select(Normalize)).FirstOrDefault();
        if (shared is not null)
        {
            errors.Add("cancelKeywords", $"\"{shared}\" cannot both confirm and cancel.");
        }
        errors.ThrowIfAny();
        return new ReplyKeywords(confirmWords, cancelWords);
    }

    private static List<string> Clean(FieldErrors errors, string field, IReadOnlyList<string?> words, string purpose)
    {
        var cleaned = words
            .Select(w => string.Join(' ', (w ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant())
            .Where(w => w.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (cleaned.Count == 0)
        {
            errors.Add(field, $"Give at least one word clients can reply to {purpose}.");
        }
        else if (cleaned.Count > MaxWords)
        {
            errors.Add(field, $"Use at most {MaxWords} words.");
        }
        else if (cleaned.FirstOrDefault(w => w.Length > MaxLength) is { } tooLong)
        {
            errors.Add(field, $"\"{tooLong[..MaxLength]}…\" is too long: use at most {MaxLength} characters.");
        }
        else if (cleaned.FirstOrDefault(w => !w.All(c => char.IsLetterOrDigit(c) || c == ' ')) is { } odd)
        {
            errors.Add(field, $"\"{odd}\" has characters other than letters, digits and spaces.");
        }
        else if (cleaned.FirstOrDefault(w => Reserved.Contains(Normalize(w))) is { } reserved)
        {
            errors.Add(
                field,
                $"\"{reserved}\" always means {(Normalize(reserved) is "START" or "UNSTOP" ? "START" : Normalize(reserved) == "HELP" ? "HELP" : "STOP")}, so it cannot {purpose}."
            );
        }
        return cleaned;
    }
}
