using System.IO.Compression;
using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Hosting;

/// <summary>JSON goes compressed when the browser asks for it (Brotli first, else gzip), and as it is when it does not.</summary>
public class CompressionTests(ClientsApp fixture) : IClassFixture<ClientsApp>
{
    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData(null, null)]
    public async Task TheApisJsonIsCompressedAsTheBrowserAsks(string? accept, string? expected)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        for (var i = 0; i < 30; i++)
        {
            await owner.AddClientAsync($"Compressible Client {i}", null, $"client{i}@clients.example");
        }
        using var response = await owner.Browser.GetAsync("/api/clients?page=1&pageSize=50", accept is null ? [] : [("Accept-Encoding", accept)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await using Stream body = expected switch
        {
            "br" => new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            _ => new MemoryStream(bytes),
        };
        var json = await JsonDocument.ParseAsync(body);
        Assert.Equal(30, json.RootElement.GetProperty("total").GetInt32());
        if (expected is not null)
        {
            Assert.True(bytes.Length < json.RootElement.GetRawText().Length / 2, $"{bytes.Length} bytes compressed");
        }
    }

    /// <summary>The screens whose loads are shared answer with one serialization (and one compression per encoding) for all of them.</summary>
    [Theory]
    [InlineData("/api/dashboard", "gzip, deflate, br", "br")]
    [InlineData("/api/history", "gzip", "gzip")]
    [InlineData("/api/reminders?status=scheduled", "br;q=0, gzip", "gzip")]
    [InlineData("/api/dashboard", "identity", null)]
    public async Task SharedScreensAreCompressedAsTheBrowserAsksToo(string path, string accept, string? expected)
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        using var plain = await owner.Browser.GetAsync(path);
        var json = await plain.Content.ReadAsStringAsync();

        using var response = await owner.Browser.GetAsync(path, ("Accept-Encoding", accept));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await using Stream body = expected switch
        {
            "br" => new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress),
            "gzip" => new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress),
            _ => new MemoryStream(bytes),
        };
        using var reader = new StreamReader(body);
        Assert.Equal(json, await reader.ReadToEndAsync());
        Assert.StartsWith("{", json, StringComparison.Ordinal);
    }
}
