namespace ClientReminders.Tests.Communication;

public sealed class CommunicationConnectionStringTests
{
    [Fact]
    public void EndpointAndAccessKeyAreReadWhateverTheCaseOfTheirNames()
    {
        var connection = CommunicationConnectionString.Parse("Endpoint=https://reminders.communication.azure.com/;AccessKey=Kg==");

        Assert.Equal(new Uri("https://reminders.communication.azure.com/"), connection.Endpoint);
        Assert.Equal("Kg==", connection.AccessKey);
    }

    [Theory]
    [InlineData("endpoint=https://reminders.communication.azure.com/")]
    [InlineData("accesskey=Kg==")]
    [InlineData("endpoint=reminders;accesskey=Kg==")]
    [InlineData("endpoint=https://reminders.communication.azure.com/;accesskey=not base64!")]
    public void AConnectionStringWithoutAUsableEndpointOrKeyIsRejected(string connectionString) =>
        Assert.Throws<FormatException>(() => CommunicationConnectionString.Parse(connectionString));
}
