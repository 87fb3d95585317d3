using System.Diagnostics.CodeAnalysis;
using Azure.Core;

namespace ClientReminders.AzureClients.Communication;

public sealed class CommunicationResponse : Azure.Response
{
    private readonly HttpResponseMessage message;

    private CommunicationResponse(HttpResponseMessage message, MemoryStream content)
    {
        this.message = message;
        ContentStream = content;
        ClientRequestId = Header("x-ms-client-request-id") ?? "";
    }

    public static async Task<CommunicationResponse> ReadAsync(HttpResponseMessage message, CancellationToken cancellationToken)
    {
        var content = new MemoryStream();
        await message.Content.CopyToAsync(content, cancellationToken);
        content.Position = 0;
        return new CommunicationResponse(message, content);
    }

    public override int Status => (int)message.StatusCode;

    public override string ReasonPhrase => message.ReasonPhrase ?? "";

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; }

    public string? Header(string name) => TryGetHeader(name, out var value) ? value : null;

    public override void Dispose()
    {
        message.Dispose();
        ContentStream?.Dispose();
    }

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = TryGetHeaderValues(name, out var values) ? string.Join(",", values) : null;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values) =>
        message.Headers.TryGetValues(name, out values) || message.Content.Headers.TryGetValues(name, out values);

    protected override bool ContainsHeader(string name) => TryGetHeaderValues(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() =>
        message.Headers.Concat(message.Content.Headers).Select(header => new HttpHeader(header.Key, string.Join(",", header.Value)));
}
