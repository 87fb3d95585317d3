using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;

namespace ClientReminders.Tests.Calendars.Ics;

/// <summary>A plain-http feed server on 127.0.0.1, as calendar hosts answer: ETag and Last-Modified, 304s, redirects, slow and huge bodies.</summary>
public sealed class FakeFeedServer : IAsyncDisposable
{
    public const string ETag = "\"feed-v1\"";
    public static readonly DateTimeOffset LastModified = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public const int HugeBytes = 50 * 1024 * 1024;

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, LiveFeed> live = new(StringComparer.Ordinal);
    private long hugeBytesWritten;

    /// <summary>What /live/{path} answers: the text (with an ETag made from it unless <paramref name="Validators"/> is false), or a redirect.</summary>
    private sealed record LiveFeed(string? Text, bool Validators, string? RedirectTo);

    private FakeFeedServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int Port => BaseAddress.Port;

    public ConcurrentQueue<(string Path, string? IfNoneMatch, string? IfModifiedSince)> Requests { get; } = new();

    /// <summary>How much of the huge body the server managed to hand to the connection before the client went away.</summary>
    public long HugeBytesWritten => Interlocked.Read(ref hugeBytesWritten);

    public TaskCompletionSource HugeBodyEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeFeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeFeedServer(app);
        server.Map(app);
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    /// <summary>Serves <paramref name="text"/> at /live/<paramref name="path"/> (any query) until published again; with an ETag of its contents unless told not to.</summary>
    public string Publish(string path, string text, bool validators = true)
    {
        live[path] = new LiveFeed(text, validators, null);
        return Url("/live/" + path);
    }

    /// <summary>Makes /live/<paramref name="path"/> redirect to another of this server's routes, such as /huge or /page.</summary>
    public void Redirect(string path, string to) => live[path] = new LiveFeed(null, false, to);

    /// <summary>Makes /live/<paramref name="path"/> answer 404, as a deleted or reset feed does.</summary>
    public void Unpublish(string path) => live.TryRemove(path, out _);

    /// <summary>Requests for /live/<paramref name="path"/>, with the status answered.</summary>
    public IReadOnlyList<(string? IfNoneMatch, int Status)> LiveRequests(string path) =>
        [.. liveRequests.Where(r => r.Path == path).Select(r => (r.IfNoneMatch, r.Status))];

    private readonly ConcurrentQueue<(string Path, string? IfNoneMatch, int Status)> liveRequests = new();

    private void Map(WebApplication web)
    {
        web.Use(
            async (context, next) =>
            {
                Requests.Enqueue(
                    (
                        context.Request.Path + context.Request.QueryString,
                        context.Request.Headers.IfNoneMatch.FirstOrDefault(),
                        context.Request.Headers.IfModifiedSince.FirstOrDefault()
                    )
                );
                await next();
            }
        );
        web.MapGet("/feeds/{name}", (string name, HttpContext context) =>
        {
            if (context.Request.Headers.IfNoneMatch == ETag)
            {
                return Results.StatusCode(304);
            }
            context.Response.Headers.ETag = ETag;
            context.Response.Headers.LastModified = LastModified.ToString("R");
            return Results.Text(IcsFeeds.Text(name), "text/calendar; charset=utf-8");
        });
        web.MapGet("/by-date/{name}", (string name, HttpContext context) =>
        {
            if (DateTimeOffset.TryParse(context.Request.Headers.IfModifiedSince, out var since) && since >= LastModified)
            {
                return Results.StatusCode(304);
            }
            context.Response.Headers.LastModified = LastModified.ToString("R");
            return Results.Text(IcsFeeds.Text(name), "text/calendar");
        });
        web.MapGet("/live/{**path}", (string path, HttpContext context) =>
        {
            var ifNoneMatch = context.Request.Headers.IfNoneMatch.FirstOrDefault();
            IResult Answer(int status, IResult result)
            {
                liveRequests.Enqueue((path, ifNoneMatch, status));
                return result;
            }
            if (!live.TryGetValue(path, out var feed))
            {
                return Answer(404, Results.NotFound());
            }
            if (feed.RedirectTo is { } to)
            {
                return Answer(302, Results.Redirect(to));
            }
            if (feed.Validators)
            {
                var etag = $"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(feed.Text!)))[..16]}\"";
                if (ifNoneMatch == etag)
                {
                    return Answer(304, Results.StatusCode(304));
                }
                context.Response.Headers.ETag = etag;
            }
            return Answer(200, Results.Text(feed.Text, "text/calendar; charset=utf-8"));
        });
        web.MapGet("/redirect", (string to) => Results.Redirect(to.Replace("{port}", Port.ToString())));
        web.MapGet("/chain/{hops:int}", (int hops) =>
            hops == 0 ? Results.Redirect("/feeds/google.ics") : Results.Redirect($"/chain/{hops - 1}", permanent: hops % 2 == 0)
        );
        web.MapGet("/slow", async (CancellationToken ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return Results.Text(IcsFeeds.Text("google.ics"), "text/calendar");
        });
        web.MapGet("/huge", (HttpContext context, bool? declared, int pauseAfterMb) => WriteHugeAsync(context, declared == true, pauseAfterMb));
        web.MapGet("/page", () => Results.Content("<!doctype html><html><body>Sign in</body></html>", "text/html"));
        web.MapGet("/gone", () => Results.StatusCode(410));
    }

    /// <summary>
    /// Sends <see cref="HugeBytes"/>, but stops after <paramref name="pauseAfterMb"/> MB until the client hangs up: a client that
    /// buffered the whole body before checking its size would wait for the rest and time out instead of refusing.
    /// </summary>
    private async Task WriteHugeAsync(HttpContext context, bool declareLength, int pauseAfterMb)
    {
        context.Response.ContentType = "text/calendar";
        if (declareLength)
        {
            context.Response.ContentLength = HugeBytes;
        }
        var chunk = new byte[64 * 1024];
        "BEGIN:VCALENDAR\r\nX-FILLER:"u8.CopyTo(chunk);
        chunk.AsSpan(26).Fill((byte)'x');
        try
        {
            for (var sent = 0; sent < HugeBytes; sent += chunk.Length)
            {
                if (sent >= pauseAfterMb * 1024 * 1024)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                Interlocked.Add(ref hugeBytesWritten, chunk.Length);
                chunk.AsSpan(0, 26).Fill((byte)'x');
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            // The client hung up, as it should past the cap.
        }
        finally
        {
            HugeBodyEnded.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
