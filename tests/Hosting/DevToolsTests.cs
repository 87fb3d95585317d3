namespace ClientReminders.Tests.Hosting;

public class DevToolsTests
{
    private static async Task<object?> AskFromAsync(IPAddress? address)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = address;
        return await DevToolsApi.LoopbackOnlyAsync(new DefaultEndpointFilterInvocationContext(http), _ => ValueTask.FromResult<object?>("answered"));
    }

    [Fact]
    public async Task TheDevToolsAnswerOnlyThisMachine()
    {
        Assert.Equal("answered", await AskFromAsync(IPAddress.Loopback));
        Assert.Equal("answered", await AskFromAsync(IPAddress.IPv6Loopback));
        Assert.IsType<NotFound>(await AskFromAsync(IPAddress.Parse("203.0.113.5")));
        Assert.IsType<NotFound>(await AskFromAsync(null));
    }
}
