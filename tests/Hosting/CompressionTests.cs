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
}
