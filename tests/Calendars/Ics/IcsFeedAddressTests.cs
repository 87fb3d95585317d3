namespace ClientReminders.Tests.Calendars.Ics;

public class IcsFeedAddressTests
{
    [Fact]
    public void AMaskedAddressShowsOnlySchemeAndHost()
    {
        Assert.Equal(
            "https://calendar.google.com/…",
            IcsFeedAddress.Mask("https://calendar.google.com/calendar/ical/owner%40example.com/private-0123456789abcdef/basic.ics")
        );
    }

    [Fact]
    public void AMaskedAddressDropsCredentialsAndPort()
    {
        Assert.Equal("https://example.com/…", IcsFeedAddress.Mask("https://user:password@example.com:8443/cal.ics"));
    }

    [Fact]
    public void SomethingThatIsNotAnAddressIsMaskedEntirely()
    {
        Assert.Equal("(not a web address)", IcsFeedAddress.Mask("private-0123456789abcdef"));
    }

    [Fact]
    public void AWebcalAddressIsFetchedOverHttps()
    {
        Assert.Equal(
            new Uri("https://p01-caldav.icloud.com/published/2/MTIzNDU2Nzg5"),
            IcsFeedAddress.Normalize("webcal://p01-caldav.icloud.com/published/2/MTIzNDU2Nzg5")
        );
    }

    [Theory]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.10")]
    [InlineData("224.0.0.251")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:192.168.1.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("2002:c0a8:101::1")]
    // IPv4-translated (SIIT, ::ffff:0:0:0/96): loopback and the cloud metadata address.
    [InlineData("::ffff:0:7f00:1")]
    [InlineData("::ffff:0:a9fe:a9fe")]
    [InlineData("::a9fe:a9fe")]
    [InlineData("64:ff9b:1::a9fe:a9fe")]
    [InlineData("100::1")]
    [InlineData("100:0:0:1::1")]
    [InlineData("2001::1")]
    [InlineData("2001:2::1")]
    [InlineData("2001:20::1")]
    [InlineData("2001:db8::1")]
    [InlineData("3fff::1")]
    [InlineData("5f00::1")]
    [InlineData("fec0::1")]
    [InlineData("4000::1")]
    public void PrivateLoopbackLinkLocalAndMulticastAddressesAreNotPublic(string address)
    {
        Assert.False(PublicAddresses.IsPublic(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("142.250.180.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("11.0.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("2a00:1450:4009:81f::200e")]
    public void OrdinaryInternetAddressesArePublic(string address)
    {
        Assert.True(PublicAddresses.IsPublic(IPAddress.Parse(address)));
    }
}
