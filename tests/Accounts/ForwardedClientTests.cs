namespace ClientReminders.Tests.Accounts;

/// <summary>
/// Behind the Functions host every request arrives from loopback; the visitor is the rightmost public address in
/// X-Forwarded-For, and what a client wrote into that header itself is never believed.
/// </summary>
public class ForwardedClientTests
{
    private static IPAddress? ClientOf(string peer, params string[] forwardedFor) => ForwardedClient.ClientOf(IPAddress.Parse(peer), forwardedFor);

    [Theory]
    // App Service's front end appends the client, with its port.
    [InlineData("127.0.0.1", "203.0.113.7:51234", "203.0.113.7")]
    // Through Static Web Apps: the visitor, then an internal hop of Azure's.
    [InlineData("127.0.0.1", "203.0.113.7:51234, [fd00::d63d:e0b8:bc35:12be]:64909", "203.0.113.7")]
    // A client's own header comes first; the front end's entry, on the right, wins.
    [InlineData("127.0.0.1", "198.51.100.9, 203.0.113.7:51234", "203.0.113.7")]
    [InlineData("::1", "[2001:db8::5]:443", "2001:db8::5")]
    [InlineData("::ffff:127.0.0.1", "2001:db8::5", "2001:db8::5")]
    // Nothing readable, or only internal hops: the peer stands.
    [InlineData("127.0.0.1", "", "127.0.0.1")]
    [InlineData("127.0.0.1", "not-an-address", "127.0.0.1")]
    [InlineData("10.0.0.4", "192.168.1.20", "10.0.0.4")]
    // Unreadable to the right of a public address: nothing further left is trusted.
    [InlineData("127.0.0.1", "203.0.113.7, garbage", "127.0.0.1")]
    public void TheVisitorIsTheRightmostPublicHopBehindOurOwnProxies(string peer, string header, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), ClientOf(peer, header));
    }

    [Fact]
    public void AHeaderFromAPublicPeerIsIgnored()
    {
        Assert.Equal(IPAddress.Parse("203.0.113.50"), ClientOf("203.0.113.50", "198.51.100.9"));
    }

    [Fact]
    public void IPv6VisitorsShareALimitPerSlash64()
    {
        Assert.Equal(
            ForwardedClient.RateLimitKey(IPAddress.Parse("2001:db8:1:2:aaaa::1")),
            ForwardedClient.RateLimitKey(IPAddress.Parse("2001:db8:1:2:bbbb::9"))
        );
        Assert.NotEqual(ForwardedClient.RateLimitKey(IPAddress.Parse("203.0.113.7")), ForwardedClient.RateLimitKey(IPAddress.Parse("203.0.113.8")));
    }

    [Fact]
    public async Task EachForwardedVisitorHasTheirOwnSignInLimitAndAForgedHeaderCountsForTheRealOne()
    {
        await using var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["RateLimits:Auth:PerIpPermits"] = "3" });
        using var browser = new TestBrowser(app);
        async Task<HttpStatusCode> SignInFromAsync(string forwardedFor)
        {
            using var response = await browser.PostJsonAsync(
                "/api/auth/login",
                new { email = Owners.NewEmail(), password = Owners.Password },
                null,
                (ForwardedClient.Header, forwardedFor)
            );
            return response.StatusCode;
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync("203.0.113.7:50000"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFromAsync("203.0.113.7:50001"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFromAsync("198.51.100.9, 203.0.113.7:50002"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync("198.51.100.9:40000"));
    }

    [Fact]
    public async Task TheLoopbackOnlyDevToolsRefuseAForwardedVisitor()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);

        using var local = await browser.GetAsync("/api/dev/emails");
        using var forwarded = await browser.GetAsync("/api/dev/emails", (ForwardedClient.Header, "203.0.113.7:50000"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (local.StatusCode, forwarded.StatusCode));
    }

    [Fact]
    public async Task SignUpEmailsToOneAddressAreLimitedWhoeverAsks()
    {
        await using var app = await Owners.StartAppAsync(new Dictionary<string, string> { ["RateLimits:Auth:SignUpPerAddressPermits"] = "2" });
        using var browser = new TestBrowser(app);
        var email = Owners.NewEmail();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var accepted = await browser.PostJsonAsync("/api/auth/signup", Owners.SignUpForm(email, Owners.Password));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using var third = await browser.PostJsonAsync("/api/auth/signup", Owners.SignUpForm(email, Owners.Password));
        using var other = await browser.PostJsonAsync("/api/auth/signup", Owners.SignUpForm(Owners.NewEmail(), Owners.Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        Assert.Equal(2, Owners.EmailsTo(app, email).Count);
    }
}
