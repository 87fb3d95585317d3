using System.Net.Mail;

namespace ClientReminders.Common;

public static class EmailAddresses
{
    public const int MaxLength = 254;

    /// <summary>A bare address with a dotted domain: MailAddress alone would also take "Jane &lt;jane@example.com&gt;".</summary>
    public static bool IsValid(string address) =>
        address.Length <= MaxLength
        && MailAddress.TryCreate(address, out var parsed)
        && parsed.Address == address
        && string.IsNullOrEmpty(parsed.DisplayName)
        && parsed.Host.Contains('.', StringComparison.Ordinal);
}
