using ClientReminders.AzureClients.Storage;

namespace ClientReminders.Tests.AzureClients.Storage;

public sealed class StorageConnectionStringTests
{
    [Fact]
    public void DevelopmentStorageUsesTheEmulatorAccountAndDefaultPorts()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(StorageConnectionString.DevelopmentAccountKey, parsed.AccountKey);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
    }

    [Fact]
    public void AccountConnectionStringBuildsEndpointsFromTheSuffix()
    {
        var parsed = StorageConnectionString.Parse(
            "DefaultEndpointsProtocol=https;AccountName=reminders;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://reminders.table.core.chinacloudapi.cn"), parsed.TableEndpoint);
        Assert.Equal(new Uri("https://reminders.queue.core.chinacloudapi.cn"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("https://reminders.blob.core.chinacloudapi.cn"), parsed.BlobEndpoint);
    }

    [Fact]
    public void ExplicitEndpointsWinOverTheDefaults()
    {
        var parsed = StorageConnectionString.Parse(
            "AccountName=devstoreaccount1;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:5555/devstoreaccount1/;queueendpoint=http://127.0.0.1:6666/devstoreaccount1");

        Assert.Equal(new Uri("http://127.0.0.1:5555/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:6666/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("https://devstoreaccount1.blob.core.windows.net"), parsed.BlobEndpoint);
    }

    [Fact]
    public void ConnectionStringWithoutAnAccountKeyIsRejected()
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse("AccountName=reminders;EndpointSuffix=core.windows.net"));

        Assert.Contains("AccountKey", error.Message);
    }
}
