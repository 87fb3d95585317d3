namespace ClientReminders.Tests.Health;

public class HealthApiTests
{
    [Fact]
    public async Task HealthIsOkWithVersionWhenStorageAnswers()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<HealthReport>();
        Assert.Equal("Healthy", report?.Status);
        Assert.Equal("0.1.0", report?.Version);
        Assert.Equal(["queues", "tables"], report!.Checks.Select(c => c.Name).Order());
        Assert.All(report.Checks, c => Assert.Equal("Healthy", c.Status));
    }

    [Fact]
    public async Task HealthIs503AndNamesTheFailingDependencyWhenStorageIsDown()
    {
        var closedPort = TestApp.FreePort();
        var unreachable =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1";
        await using var app = await TestApp.StartAsync(
            new Dictionary<string, string> { ["Triggers:LocalDriver"] = "false" },
            storageConnectionString: unreachable
        );

        using var response = await app.Client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<HealthReport>();
        Assert.Equal("Unhealthy", report?.Status);
        Assert.All(report!.Checks, c =>
        {
            Assert.Equal("Unhealthy", c.Status);
            Assert.False(string.IsNullOrEmpty(c.Error));
        });
        Assert.Contains(report.Checks, c => c.Name == "tables" && c.Error!.Contains("Table service", StringComparison.Ordinal));
    }
}
