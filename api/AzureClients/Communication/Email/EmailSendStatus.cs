namespace ClientReminders.AzureClients.Communication.Email;

/// <summary>An extensible enum, as in the SDK: unknown statuses from the service are kept, not rejected.</summary>
public readonly struct EmailSendStatus(string value) : IEquatable<EmailSendStatus>
{
    private readonly string value = value ?? throw new ArgumentNullException(nameof(value));

    public static EmailSendStatus NotStarted { get; } = new("NotStarted");

    public static EmailSendStatus Running { get; } = new("Running");

    public static EmailSendStatus Succeeded { get; } = new("Succeeded");

    public static EmailSendStatus Failed { get; } = new("Failed");

    public static EmailSendStatus Canceled { get; } = new("Canceled");

    public static bool operator ==(EmailSendStatus left, EmailSendStatus right) => left.Equals(right);

    public static bool operator !=(EmailSendStatus left, EmailSendStatus right) => !left.Equals(right);

    public static implicit operator EmailSendStatus(string value) => new(value);

    public bool Equals(EmailSendStatus other) => string.Equals(value, other.value, StringComparison.InvariantCultureIgnoreCase);

    public override bool Equals(object? obj) => obj is EmailSendStatus other && Equals(other);

    public override int GetHashCode() => value is null ? 0 : StringComparer.InvariantCultureIgnoreCase.GetHashCode(value);

    public override string ToString() => value ?? "";
}
