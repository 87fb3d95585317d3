namespace ClientReminders.Billing;

public sealed class OperatorOptions
{
    /// <summary>The shared secret an operator (or the payment provider's webhook relay) sends in <see cref="OperatorKey.Header"/>; unset turns the operator endpoints off.</summary>
    public string? Key { get; set; }
}

/// <summary>Checks the operator credential: a configured key, compared in constant time. Sessions and cookies play no part.</summary>
public sealed class OperatorKey(Microsoft.Extensions.Options.IOptions<OperatorOptions> options)
{
    public const string Header = "X-Operator-Key";

    /// <summary>Shorter keys are refused at start, so a guessable one can never be configured.</summary>
    public const int MinLength = 32;

    public bool IsConfigured => options.Value.Key is { Length: > 0 };

    public bool Accepts(string? presented)
    {
        if (options.Value.Key is not { Length: > 0 } key || presented is null)
        {
            return false;
        }
        // Hashing first makes the comparison constant-time whatever the lengths.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key)), SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }
}
