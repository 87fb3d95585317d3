using Azure.Core;
using Azure.Identity;

namespace ClientReminders.AzureClients.Storage;

/// <summary>
/// An identity-based storage connection, read from the settings the Functions host documents for one
/// (<c>AzureWebJobsStorage__accountName</c> or <c>__tableServiceUri</c> and <c>__queueServiceUri</c>, optional
/// <c>__credential=managedidentity</c> and <c>__clientId</c> for a user-assigned identity), so the host and the handler
/// reach the account the same way.
/// </summary>
public sealed record StorageIdentityConnection(Uri TableServiceUri, Uri QueueServiceUri, TokenCredential Credential)
{
    public const string ManagedIdentityCredentialName = "managedidentity";

    /// <summary>Null when the section names no account or service URI; a clear error when it names too little.</summary>
    public static StorageIdentityConnection? FromSection(IConfigurationSection section)
    {
        var accountName = section["accountName"] is { Length: > 0 } name ? name : null;
        var tableUri = ServiceUri(section, "tableServiceUri");
        var queueUri = ServiceUri(section, "queueServiceUri");
        if (accountName is null && tableUri is null && queueUri is null)
        {
            return null;
        }

        Uri Derived(string service, string setting) =>
            accountName is not null
                ? new Uri($"https://{accountName}.{service}.core.windows.net")
                : throw new InvalidOperationException(
                    $"'{section.Path}__{setting}' is not set, and there is no '{section.Path}__accountName' to derive it from."
                );

        return new(tableUri ?? Derived("table", "tableServiceUri"), queueUri ?? Derived("queue", "queueServiceUri"), CredentialFrom(section));
    }

    private static Uri? ServiceUri(IConfigurationSection section, string key) =>
        section[key] switch
        {
            null or "" => null,
            var text when Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" => uri,
            _ => throw new InvalidOperationException(
                $"'{section.Path}__{key}' must be an absolute https URL such as https://myaccount.{key[..5]}.core.windows.net."
            ),
        };

    private static TokenCredential CredentialFrom(IConfigurationSection section)
    {
        var clientId = section["clientId"] is { Length: > 0 } id ? id : null;
        return section["credential"] switch
        {
            null or "" => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId }),
            var name when name.Equals(ManagedIdentityCredentialName, StringComparison.OrdinalIgnoreCase) => new ManagedIdentityCredential(
                clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId)
            ),
            var other => throw new InvalidOperationException(
                $"'{section.Path}__credential' is '{other}'; the only supported value is '{ManagedIdentityCredentialName}' (or leave it unset)."
            ),
        };
    }
}
