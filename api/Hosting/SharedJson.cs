using System.IO.Compression;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Primitives;

namespace ClientReminders.Hosting;

/// <summary>
/// A response body serialized once for every request that shares its load (<see cref="SharedLoads{TKey, TValue}"/>), and
/// compressed once per encoding on first need: when many screens of one account ask at once, each writing the same JSON
/// and compressing it again cost more than the load itself. Brotli or gzip as the request accepts (the same choice and
/// levels as <see cref="CompressedResponses"/>), never for a request that came over HTTPS (BREACH).
/// </summary>
public sealed class SharedJson
{
    private readonly byte[] _json;
    private readonly Lazy<byte[]> _brotli;
    private readonly Lazy<byte[]> _gzip;

    private SharedJson(byte[] json)
    {
        _json = json;
        _brotli = new Lazy<byte[]>(() => Compress(json, stream => new BrotliStream(stream, CompressionLevel.Fastest)));
        _gzip = new Lazy<byte[]>(() => Compress(json, stream => new GZipStream(stream, CompressionLevel.Fastest)));
    }

    /// <summary>The value as the API's own JSON options write it (source-generated, web casing).</summary>
    public static SharedJson Of<T>(T value, JsonSerializerOptions options) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T))));

    /// <summary>200 with the body in the encoding the request accepts.</summary>
    public IResult Ok() => new Answer(this);

    private static byte[] Compress(byte[] json, Func<Stream, Stream> compressor)
    {
        using var buffer = new MemoryStream();
        using (var compressing = compressor(buffer))
        {
            compressing.Write(json);
        }
        return buffer.ToArray();
    }

    private static bool Accepts(StringValues acceptEncoding, string coding)
    {
        foreach (var header in acceptEncoding)
        {
            foreach (var part in (header ?? "").Split(','))
            {
                var pieces = part.Split(';');
                if (
                    pieces[0].Trim().Equals(coding, StringComparison.OrdinalIgnoreCase)
                    && !pieces.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000")
                )
                {
                    return true;
                }
            }
        }
        return false;
    }

    private sealed class Answer(SharedJson json) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var (body, encoding) = (json._json, (string?)null);
            var accept = context.Request.Headers.AcceptEncoding;
            if (!context.Request.IsHttps && Accepts(accept, "br"))
            {
                (body, encoding) = (json._brotli.Value, "br");
            }
            else if (!context.Request.IsHttps && Accepts(accept, "gzip"))
            {
                (body, encoding) = (json._gzip.Value, "gzip");
            }
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.Headers.Vary = "Accept-Encoding";
            if (encoding is not null)
            {
                // Set before the compression middleware looks: it leaves a response that already has an encoding alone.
                context.Response.Headers.ContentEncoding = encoding;
            }
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
