namespace ClientReminders.AzureClients.Communication.Email;

public class EmailAddress(string address, string? displayName = null)
{
    public string Address { get; } =
        string.IsNullOrWhiteSpace(address) ? throw new ArgumentException("An email address is required.", nameof(address)) : address;

    public string? DisplayName { get; } = displayName;
}
