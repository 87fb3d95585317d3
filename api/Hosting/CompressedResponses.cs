using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace ClientReminders.Hosting;

/// <summary>
/// Brotli or gzip, as the browser asks, for the API's JSON and the web app's files where this server sends them (locally,
/// and wherever the API answers directly); in Azure, Static Web Apps compresses the web app itself. At the fastest level:
/// most of the size goes for little processor time. A request that came over HTTPS is answered uncompressed (ASP.NET Core's
/// default, against BREACH).
/// </summary>
public static class CompressedResponses
{
    public static IServiceCollection AddCompressedResponses(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml", "application/manifest+json"]);
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }
}
