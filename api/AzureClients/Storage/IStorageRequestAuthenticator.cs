namespace ClientReminders.AzureClients.Storage;

public interface IStorageRequestAuthenticator
{
    ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}
