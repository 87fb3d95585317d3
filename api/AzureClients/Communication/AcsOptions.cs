namespace ClientReminders.AzureClients.Communication;

/// <summary>Where and as whom reminders are sent through Azure Communication Services (<c>Acs:*</c>).</summary>
public sealed class AcsOptions
{
    /// <summary>"endpoint=…;accesskey=…". Leave empty to use <see cref="Endpoint"/> with the app's managed identity.</summary>
    public string? ConnectionString { get; set; }

    public Uri? Endpoint { get; set; }

    /// <summary>The ACS phone number (E.164) SMS reminders are sent from; required once ACS is configured.</summary>
    public string SmsFrom { get; set; } = "";

    /// <summary>The verified sender address of the ACS Email domain; required once ACS is configured.</summary>
    public string EmailFrom { get; set; } = "";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || Endpoint is not null;

    /// <summary>Why the app refuses to start when ACS is configured but a sender is missing, naming the setting to set.</summary>
    public static string MissingSender(string setting, string what) =>
        $"Azure Communication Services is configured (Acs:ConnectionString or Acs:Endpoint) but Acs:{setting} is not set: "
        + $"set it (app setting Acs__{setting}) to {what}.";
}
