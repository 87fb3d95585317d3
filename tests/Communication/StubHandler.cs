namespace ClientReminders.Tests.Communication;

internal sealed class StubHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] replies) : HttpMessageHandler
{
    private int calls;

    public int Calls => calls;

    public static Func<HttpRequestMessage, HttpResponseMessage> Reply(int status, params (string Name, string Value)[] headers) =>
        _ =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent([]) };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref calls) - 1;
        return Task.FromResult(replies[Math.Min(call, replies.Length - 1)](request));
    }
}
