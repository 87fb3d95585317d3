using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace ClientReminders.Calendars.Ics;

/// <summary>What the last successful fetch answered, sent back as If-None-Match and If-Modified-Since.</summary>
public sealed record IcsFeedValidators(string? ETag, DateTimeOffset? LastModified);

/// <summary>The feed's text, or <see cref="NotModified"/> (no content) when the server answered 304 to the validators.</summary>
public sealed record IcsFetchResult(bool NotModified, string? Content, IcsFeedValidators Validators, long Bytes);

/// <summary>
/// Fetches a feed safely: https only, redirects followed by hand (https only, at most <see cref="IcsFeedOptions.MaxRedirects"/>),
/// a size cap enforced while reading, an overall timeout, and a connection only to addresses that were resolved and found public
/// (the check runs in the connect callback, so a DNS answer that changes between check and connect cannot bypass it).
/// Failures throw <see cref="IcsFetchException"/>; the address is logged and reported masked, never in full.
/// </summary>
public sealed class IcsFeedFetcher : IDisposable
{
    private readonly IcsFeedOptions options;
    private readonly ILogger<IcsFeedFetcher> logger;
    private readonly TimeProvider time;
    private readonly HashSet<string> testHosts;
    private readonly HttpClient http;

    public IcsFeedFetcher(IOptions<IcsFeedOptions> options, ILogger<IcsFeedFetcher> logger, TimeProvider time)
    {
        this.options = options.Value;
        this.logger = logger;
        this.time = time;
        testHosts = new HashSet<string>(this.options.AllowedTestHosts.Select(h => h.Trim()).Where(h => h.Length > 0), StringComparer.OrdinalIgnoreCase);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = this.options.Timeout,
            ConnectCallback = ConnectToPublicAddressAsync,
        };
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("ClientReminders/1.0 (calendar sync)");
        http.DefaultRequestHeaders.Accept.ParseAdd("text/calendar");
        http.DefaultRequestHeaders.Accept.ParseAdd("*/*;q=0.5");
    }

    public async Task<IcsFetchResult> FetchAsync(string feedAddress, IcsFeedValidators? previous = null, CancellationToken cancellationToken = default)
    {
        var masked = IcsFeedAddress.Mask(feedAddress);
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await FetchFollowingRedirectsAsync(feedAddress, masked, previous, linked.Token);
            logger.LogInformation("Calendar feed {Feed}: {Outcome}, {Bytes} bytes", masked, result.NotModified ? "not modified" : "fetched", result.Bytes);
            return result;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(
                masked,
                new IcsFetchException(
                    IcsFetchError.Timeout,
                    $"The calendar at {masked} did not answer within {options.Timeout.TotalSeconds:0.###} seconds.",
                    inner: ex
                )
            );
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refusal)
        {
            throw Failed(masked, new IcsFetchException(IcsFetchError.RefusedAddress, refusal.Message, inner: ex));
        }
        catch (HttpRequestException ex)
        {
            throw Failed(
                masked,
                new IcsFetchException(IcsFetchError.ConnectionFailed, $"The calendar at {masked} could not be reached ({ex.HttpRequestError}).", inner: ex)
            );
        }
        catch (IcsFetchException ex)
        {
            throw Failed(masked, ex);
        }
    }

    private IcsFetchException Failed(string masked, IcsFetchException ex)
    {
        logger.LogWarning("Calendar feed {Feed} failed: {Reason} {StatusCode}", masked, ex.Reason, ex.StatusCode);
        return ex;
    }

    private async Task<IcsFetchResult> FetchFollowingRedirectsAsync(string feedAddress, string masked, IcsFeedValidators? previous, CancellationToken ct)
    {
        var address = IcsFeedAddress.Normalize(feedAddress)
            ?? throw new IcsFetchException(IcsFetchError.InvalidAddress, "The calendar address is not a web address.");
        for (var redirects = 0; ; redirects++)
        {
            RequireHttps(address, redirects > 0);
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            if (previous?.ETag is { } etag)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }
            if (previous?.LastModified is { } lastModified)
            {
                request.Headers.IfModifiedSince = lastModified;
            }
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                if (redirects >= options.MaxRedirects)
                {
                    throw new IcsFetchException(IcsFetchError.TooManyRedirects, $"The calendar at {masked} redirected more than {options.MaxRedirects} times.");
                }
                address = response.Headers.Location is { } location
                    ? (location.IsAbsoluteUri ? location : new Uri(address, location))
                    : throw new IcsFetchException(IcsFetchError.HttpStatus, $"The calendar at {masked} answered {status} without a Location.", status);
                continue;
            }
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new IcsFetchResult(true, null, Validators(response, previous), 0);
            }
            if (status is < 200 or > 299)
            {
                throw new IcsFetchException(IcsFetchError.HttpStatus, $"The calendar at {masked} answered {status} {response.ReasonPhrase}.", status);
            }
            var (content, bytes) = await ReadCappedAsync(response, masked, ct);
            return new IcsFetchResult(false, content, Validators(response, null), bytes);
        }
    }

    private void RequireHttps(Uri address, bool redirected)
    {
        var where = redirected ? "The calendar redirected to an address that" : "The calendar address";
        if (address.Scheme == Uri.UriSchemeHttps || (address.Scheme == Uri.UriSchemeHttp && testHosts.Contains(address.IdnHost)))
        {
            return;
        }
        throw new IcsFetchException(IcsFetchError.NotHttps, $"{where} is not https ({address.Scheme}://{address.Host}/…); only https calendars can be added.");
    }

    private static IcsFeedValidators Validators(HttpResponseMessage response, IcsFeedValidators? previous) =>
        new(response.Headers.ETag?.ToString() ?? previous?.ETag, response.Content.Headers.LastModified ?? previous?.LastModified);

    private async Task<(string Content, long Bytes)> ReadCappedAsync(HttpResponseMessage response, string masked, CancellationToken ct)
    {
        var tooLarge = $"The calendar at {masked} is larger than {options.MaxBytes / (1024 * 1024.0):0.#} MB.";
        if (response.Content.Headers.ContentLength > options.MaxBytes)
        {
            throw new IcsFetchException(IcsFetchError.TooLarge, tooLarge);
        }
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > options.MaxBytes)
            {
                throw new IcsFetchException(IcsFetchError.TooLarge, tooLarge);
            }
            body.Write(buffer, 0, read);
        }
        var content = Decode(body.GetBuffer().AsSpan(0, (int)body.Length), response.Content.Headers.ContentType);
        if (!content.AsSpan().TrimStart().StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            throw new IcsFetchException(
                IcsFetchError.NotACalendar,
                $"The address at {masked} did not answer with an iCalendar file (it does not start with BEGIN:VCALENDAR)."
            );
        }
        return (content, body.Length);
    }

    private static string Decode(ReadOnlySpan<byte> bytes, MediaTypeHeaderValue? contentType)
    {
        var encoding = Encoding.UTF8;
        if (contentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset: iCalendar's default, UTF-8.
            }
        }
        var preamble = encoding.Preamble;
        if (bytes.StartsWith(preamble))
        {
            bytes = bytes[preamble.Length..];
        }
        return encoding.GetString(bytes);
    }

    private async ValueTask<Stream> ConnectToPublicAddressAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!testHosts.Contains(host) && (addresses.Length == 0 || addresses.FirstOrDefault(a => !PublicAddresses.IsPublic(a)) is not null))
        {
            throw new AddressRefusedException($"The calendar's host {host} is not a public internet address; it was not contacted.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static AddressRefusedException? Refusal(Exception ex) =>
        ex switch
        {
            AddressRefusedException refused => refused,
            { InnerException: { } inner } => Refusal(inner),
            _ => null,
        };

    public void Dispose() => http.Dispose();

    private sealed class AddressRefusedException(string message) : Exception(message);
}
