namespace ClientReminders.Accounts;

public enum PasswordVerification
{
    Failed,
    Succeeded,
    SucceededRehashNeeded,
}

public sealed class PasswordHashingOptions
{
    public const string Section = "Security:Passwords";

    /// <summary>PBKDF2-HMAC-SHA256 iterations for new hashes: OWASP's 2023 recommendation is 600,000.</summary>
    public int Iterations { get; set; } = 600_000;
}

/// <summary>PBKDF2-HMAC-SHA256 password hashes stored as <c>$pbkdf2-sha256$v=1$i=600000$&lt;salt&gt;$&lt;key&gt;</c> (standard base64).</summary>
public sealed class PasswordHasher(IOptions<PasswordHashingOptions> options)
{
    public const int SaltSize = 16;
    public const int KeySize = 32;
    private const string Algorithm = "pbkdf2-sha256";
    private const int Version = 1;
    private const int MaxIterations = 10_000_000;

    private readonly int iterations = options.Value.Iterations;
    private readonly Lazy<string> dummy = new(() =>
        Format(options.Value.Iterations, RandomNumberGenerator.GetBytes(SaltSize), RandomNumberGenerator.GetBytes(KeySize))
    );

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        return Format(iterations, salt, Derive(password, salt, iterations, KeySize));
    }

    public PasswordVerification Verify(string password, string stored)
    {
        if (password is null || Parse(stored) is not { } hash)
        {
            return PasswordVerification.Failed;
        }
        var actual = Derive(password, hash.Salt, hash.Iterations, hash.Key.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, hash.Key))
        {
            return PasswordVerification.Failed;
        }
        var current = hash.Version == Version && hash.Iterations == iterations && hash.Salt.Length == SaltSize && hash.Key.Length == KeySize;
        return current ? PasswordVerification.Succeeded : PasswordVerification.SucceededRehashNeeded;
    }

    /// <summary>Costs what a real <see cref="Verify"/> costs and always fails, so an unknown email cannot be told apart by timing.</summary>
    public PasswordVerification VerifyAgainstDummy(string password)
    {
        Verify(password ?? "", DummyHash);
        return PasswordVerification.Failed;
    }

    internal string DummyHash => dummy.Value;

    internal sealed record ParsedHash(int Version, int Iterations, byte[] Salt, byte[] Key);

    internal static ParsedHash? Parse(string? stored)
    {
        // "$pbkdf2-sha256$v=1$i=600000$salt$key" splits into ["", algorithm, version, iterations, salt, key].
        if (stored is null || stored.Length > 512 || stored.Split('$') is not ["", Algorithm, var v, var i, var salt, var key])
        {
            return null;
        }
        if (
            !TryReadNumber(v, "v=", out var version)
            || version != Version
            || !TryReadNumber(i, "i=", out var count)
            || count is < 1 or > MaxIterations
            || !TryBase64(salt, out var saltBytes)
            || saltBytes.Length < 8
            || !TryBase64(key, out var keyBytes)
            || keyBytes.Length < 16
        )
        {
            return null;
        }
        return new ParsedHash(version, count, saltBytes, keyBytes);
    }

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);

    private static string Format(int iterations, byte[] salt, byte[] key) =>
        string.Create(CultureInfo.InvariantCulture, $"${Algorithm}$v={Version}$i={iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}");

    private static bool TryReadNumber(string part, string prefix, out int value)
    {
        value = 0;
        return part.StartsWith(prefix, StringComparison.Ordinal)
            && part.Length > prefix.Length
            && part[prefix.Length..].All(char.IsAsciiDigit)
            && int.TryParse(part.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length is 0 or > 128)
        {
            return false;
        }
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }
        bytes = buffer[..written];
        return true;
    }
}
