namespace ClientReminders.Tests.Audit;

public class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0")]
    [InlineData("10.1.2.3", "10.1.2.0")]
    [InlineData("255.255.255.255", "255.255.255.0")]
    [InlineData("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::")]
    [InlineData("2001:db8:abcd:12::1", "2001:db8:abcd::")]
    [InlineData("fe80::1%3", "fe80::")]
    [InlineData("::1", "::")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0")]
    public void AddressesKeepOnlyTheirNetwork(string address, string expected)
    {
        Assert.Equal(expected, ClientAddress.Truncate(IPAddress.Parse(address)));
    }

    [Fact]
    public void NoAddressStaysNone()
    {
        Assert.Null(ClientAddress.Truncate((IPAddress?)null));
        Assert.Null(ClientAddress.Truncate((string?)null));
    }

    [Fact]
    public void TextThatIsNotAnAddressBecomesNone()
    {
        Assert.Null(ClientAddress.Truncate("203.0.113.77, 10.0.0.1"));
    }
}
