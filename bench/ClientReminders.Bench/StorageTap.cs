using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ClientReminders.Bench;

/// <summary>
/// Watches every HTTP request the process sends to Azurite (through HttpClient's diagnostic events) and counts it by
/// storage operation, so the benchmark can say where the transactions go; StorageMetrics stays the headline count.
/// </summary>
public sealed partial class StorageTap : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly int _tablePort;
    private readonly int _queuePort;
    private readonly ConcurrentDictionary<string, long> _byOperation = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _subscriptions = [];
    private long _sendQueueDeletes;
    private long _sendQueueSends;

    public StorageTap(Uri tableEndpoint, Uri queueEndpoint)
    {
        _tablePort = tableEndpoint.Port;
        _queuePort = queueEndpoint.Port;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public long SendQueueDeletes => Interlocked.Read(ref _sendQueueDeletes);

    public long SendQueueSends => Interlocked.Read(ref _sendQueueSends);

    /// <summary>Counts by operation, and by operation and status for answers that were not a success (those keys hold an arrow).</summary>
    public Dictionary<string, long> Snapshot() => new(_byOperation, StringComparer.Ordinal);

    public static Dictionary<string, long> Delta(Dictionary<string, long> after, Dictionary<string, long> before) =>
        after
            .Select(e => (e.Key, Count: e.Value - before.GetValueOrDefault(e.Key)))
            .Where(e => e.Count > 0)
            .OrderByDescending(e => e.Count)
            .ToDictionary(e => e.Key, e => e.Count, StringComparer.Ordinal);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "HttpHandlerDiagnosticListener")
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != "System.Net.Http.HttpRequestOut.Stop" || value.Value is null)
        {
            return;
        }
        var payload = value.Value.GetType();
        if (payload.GetProperty("Request")?.GetValue(value.Value) is not HttpRequestMessage { RequestUri: { } uri } request)
        {
            return;
        }
        var response = payload.GetProperty("Response")?.GetValue(value.Value) as HttpResponseMessage;
        if (uri.Port != _tablePort && uri.Port != _queuePort)
        {
            return;
        }
        var operation = uri.Port == _tablePort ? TableOperation(request.Method, uri) : QueueOperation(request.Method, uri);
        _byOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (response is not { IsSuccessStatusCode: true })
        {
            var outcome = response is null ? "no answer" : $"{(int)response.StatusCode}";
            _byOperation.AddOrUpdate($"{operation} → {outcome}", 1, (_, n) => n + 1);
        }
        if (uri.Port == _queuePort && uri.AbsolutePath.Contains("/send-reminders/messages", StringComparison.Ordinal))
        {
            // A 404 also means the message is gone: a retried delete whose first attempt got through.
            if (request.Method == HttpMethod.Delete && response is { IsSuccessStatusCode: true } or { StatusCode: System.Net.HttpStatusCode.NotFound })
            {
                Interlocked.Increment(ref _sendQueueDeletes);
            }
            else if (request.Method == HttpMethod.Post)
            {
                Interlocked.Increment(ref _sendQueueSends);
            }
        }
    }

    private static string TableOperation(HttpMethod method, Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        if (path.EndsWith("/$batch", StringComparison.Ordinal))
        {
            return "table batch";
        }
        var match = TablePath().Match(path);
        if (!match.Success)
        {
            return $"table {method.Method} {path}";
        }
        var table = match.Groups["table"].Value;
        var keyed = match.Groups["keys"].Value.Contains("RowKey", StringComparison.Ordinal);
        var verb = method.Method switch
        {
            "GET" when keyed => "point read",
            "GET" => "query",
            "POST" when table == "Tables" => "create table",
            "POST" => "insert",
            "PUT" => "update/upsert",
            "MERGE" or "PATCH" => "merge",
            "DELETE" => "delete",
            _ => method.Method,
        };
        return $"{table}: {verb}";
    }

    private static string QueueOperation(HttpMethod method, Uri uri)
    {
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        var queue = segments.Length > 1 ? segments[1] : "(service)";
        var verb = (method.Method, segments.Length) switch
        {
            ("GET", 3) => "receive",
            ("POST", 3) => "send",
            ("DELETE", 4) => "delete message",
            ("PUT", 4) => "update message",
            ("PUT", 2) => "create queue",
            var (m, _) => m,
        };
        return $"queue {queue}: {verb}";
    }

    [GeneratedRegex(@"^/[^/]+/(?<table>[A-Za-z0-9]+)(?<keys>\(.*\))?$")]
    private static partial Regex TablePath();

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
