using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Communication;

/// <summary>
/// An ACS endpoint on a loopback port: checks HMAC signatures (or a bearer token) as the service does, records every
/// request, and answers from a FIFO script of responses, recorded sessions and faults. Unscripted requests get 501.
/// </summary>
public sealed partial class FakeAcsServer : IAsyncDisposable
{
    public const string DefaultAccessKey = "ZmFrZS1hY3MtYWNjZXNzLWtleS1mb3ItdGVzdHMtb25seSE=";

    private readonly Lock gate = new();
    private readonly Queue<ScriptedResponse> script = new();
    private readonly List<ReceivedRequest> received = [];
    private WebApplication app = null!;

    private FakeAcsServer(string accessKey) => AccessKey = accessKey;

    public string AccessKey { get; }

    public Uri Endpoint { get; private set; } = null!;

    public string ConnectionString => $"endpoint={Endpoint};accesskey={AccessKey}";

    /// <summary>The bearer token the server accepts; null accepts none.</summary>
    public string? AcceptedBearerToken { get; set; }

    /// <summary>Answers authenticated requests the script has no response for, for tests that play the service rather than a session.</summary>
    public Func<ReceivedRequest, ScriptedResponse>? Responder { get; set; }

    public IReadOnlyList<ReceivedRequest> Received
    {
        get
        {
            lock (gate)
            {
                return [.. received];
            }
        }
    }

    public int PendingResponses
    {
        get
        {
            lock (gate)
            {
                return script.Count;
            }
        }
    }

    public static async Task<FakeAcsServer> StartAsync(string accessKey = DefaultAccessKey)
    {
        var server = new FakeAcsServer(accessKey);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        server.app = builder.Build();
        server.app.Run(server.HandleAsync);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public void Enqueue(params ScriptedResponse[] responses)
    {
        lock (gate)
        {
            foreach (var response in responses)
            {
                script.Enqueue(response);
            }
        }
    }

    /// <summary>Queues every recorded response of the session, in order, with the recorded host rewritten to this server.</summary>
    public RecordedSession EnqueueRecording(string name)
    {
        var session = RecordedSession.Load(name);
        Enqueue([.. session.Entries.Select(Replay)]);
        return session;
    }

    public ScriptedResponse Replay(RecordedEntry entry)
    {
        var recordedOrigin = entry.RequestUri.GetLeftPart(UriPartial.Authority);
        var origin = Endpoint.GetLeftPart(UriPartial.Authority);
        string Rewrite(string text) => text.Replace(recordedOrigin, origin, StringComparison.OrdinalIgnoreCase);
        var headers = entry
            .ResponseHeaders.Where(header => header.Key.ToLowerInvariant() is not ("content-length" or "transfer-encoding" or "date"))
            .ToDictionary(header => header.Key, header => Rewrite(header.Value), StringComparer.OrdinalIgnoreCase);
        return new ScriptedResponse(entry.StatusCode, Rewrite(entry.ResponseText), headers);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var headers = request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var rejection = Authenticate(request.Method, rawTarget, headers, body);
        var receivedRequest = new ReceivedRequest(
            request.Method,
            request.Path.Value ?? "",
            rawTarget,
            request.Query.ToDictionary(parameter => parameter.Key, parameter => parameter.Value.ToString()),
            headers,
            Encoding.UTF8.GetString(body),
            rejection
        );
        lock (gate)
        {
            received.Add(receivedRequest);
        }

        if (rejection is not null)
        {
            await WriteAsync(
                context,
                ScriptedResponse.Json(401, $$$"""{"error":{"code":"Denied","message":"Denied by the resource provider. {{{rejection}}}"}}""")
            );
            return;
        }

        ScriptedResponse? next;
        lock (gate)
        {
            script.TryDequeue(out next);
        }

        next ??= Responder?.Invoke(receivedRequest);

        switch (next)
        {
            case null:
                await WriteAsync(
                    context,
                    ScriptedResponse.Json(
                        501,
                        $$$"""{"error":{"code":"NotScripted","message":"No scripted response for {{{request.Method}}} {{{rawTarget}}}."}}"""
                    )
                );
                break;
            case { Fault: ScriptedFault.DropConnection }:
                context.Abort();
                break;
            case { Fault: ScriptedFault.Stall }:
                try
                {
                    await Task.Delay(next.StallFor, context.RequestAborted);
                    await WriteAsync(context, next);
                }
                catch (OperationCanceledException) { }

                break;
            default:
                await WriteAsync(context, next);
                break;
        }
    }

    private string? Authenticate(string method, string rawTarget, Dictionary<string, string> headers, byte[] body)
    {
        var authorization = headers.GetValueOrDefault("Authorization") ?? "";
        if (authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return AcceptedBearerToken is { } token && authorization == $"Bearer {token}" ? null : "The bearer token is not accepted.";
        }

        if (HmacAuthorization().Match(authorization) is not { Success: true } match)
        {
            return "The Authorization header is missing or not HMAC-SHA256.";
        }

        if (match.Groups["headers"].Value != "x-ms-date;host;x-ms-content-sha256")
        {
            return "SignedHeaders must be x-ms-date;host;x-ms-content-sha256.";
        }

        if (headers.GetValueOrDefault("x-ms-date") is not { Length: > 0 } date)
        {
            return "x-ms-date is missing.";
        }

        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        if (headers.GetValueOrDefault("x-ms-content-sha256") != contentHash)
        {
            return "x-ms-content-sha256 does not match the body.";
        }

        var stringToSign = $"{method}\n{rawTarget}\n{date};{headers.GetValueOrDefault("Host")};{contentHash}";
        var expected = HMACSHA256.HashData(Convert.FromBase64String(AccessKey), Encoding.UTF8.GetBytes(stringToSign));
        var actual = new byte[expected.Length];
        return
            Convert.TryFromBase64String(match.Groups["signature"].Value, actual, out var length)
            && length == expected.Length
            && CryptographicOperations.FixedTimeEquals(expected, actual)
            ? null
            : "The signature does not match.";
    }

    private static async Task WriteAsync(HttpContext context, ScriptedResponse response)
    {
        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.ContentType = value;
            }
            else
            {
                context.Response.Headers[name] = value;
            }
        }

        if (response.Body.Length > 0)
        {
            context.Response.ContentType ??= "application/json; charset=utf-8";
            await context.Response.WriteAsync(response.Body);
        }
    }

    [GeneratedRegex("^HMAC-SHA256 SignedHeaders=(?<headers>[^&]+)&Signature=(?<signature>.+)$")]
    private static partial Regex HmacAuthorization();
}
