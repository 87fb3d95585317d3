using System.Diagnostics.CodeAnalysis;
using System.Text;
using Azure;
using Azure.Core;

namespace ClientReminders.AzureClients.Tables;

// One operation's response inside a batch response body.
internal sealed class TransactionPartResponse : Response
{
    private readonly Dictionary<string, string> headers;

    public TransactionPartResponse(int status, string partText)
    {
        Status = status;
        var separator = partText.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headerText = separator >= 0 ? partText[..separator] : partText;
        var lines = headerText.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        ReasonPhrase = lines.FirstOrDefault()?.Trim() ?? "";
        headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        Body = separator >= 0 ? partText[(separator + 4)..].Trim() : "";
        ContentStream = new MemoryStream(Encoding.UTF8.GetBytes(Body));
    }

    public string Body { get; }

    public override int Status { get; }

    public override string ReasonPhrase { get; }

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = "";

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = headers.TryGetValue(name, out var value) ? [value] : null;
        return values is not null;
    }

    protected override bool ContainsHeader(string name) => headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(pair => new HttpHeader(pair.Key, pair.Value));
}
