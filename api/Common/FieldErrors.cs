namespace ClientReminders.Common;

/// <summary>Collects every problem with a request's fields, so the owner sees them all at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    public string Text(string field, string? value, string label, int maxLength)
    {
        var trimmed = FreeText.Normalize(value) ?? "";
        if (trimmed.Length == 0)
        {
            Add(field, $"Enter your {label}.");
        }
        else if (trimmed.Length > maxLength)
        {
            Add(field, $"Use at most {maxLength} characters for your {label}.");
        }
        else if (FreeText.Problem(trimmed) is { } problem)
        {
            Add(field, problem);
        }
        return trimmed;
    }

    /// <summary>Free text that may be empty: trimmed, NFC, at most <paramref name="maxLength"/>, no control or direction-override characters.</summary>
    public string Free(string field, string? value, string label, int maxLength, bool multiline = false)
    {
        var text = FreeText.Normalize(value) ?? "";
        if (text.Length > maxLength)
        {
            Add(field, $"Use at most {maxLength} characters for the {label}.");
        }
        else if (FreeText.Problem(text, multiline) is { } problem)
        {
            Add(field, problem);
        }
        return text;
    }

    /// <summary>Optional text: null when blank, a problem when longer than <paramref name="maxLength"/> or spread over lines.</summary>
    public string? OptionalLine(string field, string? value, string label, int maxLength)
    {
        var trimmed = FreeText.Normalize(value) ?? "";
        if (trimmed.Length > maxLength)
        {
            Add(field, $"Use at most {maxLength} characters for your {label}.");
        }
        else if (trimmed.Any(c => c is '\r' or '\n'))
        {
            Add(field, $"Write your {label} on one line.");
        }
        else if (FreeText.Problem(trimmed) is { } problem)
        {
            Add(field, problem);
        }
        return trimmed.Length == 0 ? null : trimmed;
    }

    public string Email(string field, string? value)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            Add(field, "Enter an email address.");
        }
        else if (!EmailAddresses.IsValid(trimmed))
        {
            Add(field, "Enter an email address like name@example.com.");
        }
        return trimmed.ToLowerInvariant();
    }

    public string Country(string field, string? value)
    {
        var code = value?.Trim().ToUpperInvariant() ?? "";
        if (code.Length != 2 || !code.All(char.IsAsciiLetterUpper) || !IsRegion(code))
        {
            Add(field, "Choose your country.");
        }
        return code;
    }

    public string TimeZone(string field, string? value)
    {
        var id = value?.Trim() ?? "";
        if (id.Length == 0 || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
        {
            Add(field, "Choose a time zone such as Europe/London.");
        }
        return id;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }

    private static bool IsRegion(string code)
    {
        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
