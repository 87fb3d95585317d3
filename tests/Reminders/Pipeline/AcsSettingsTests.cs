namespace ClientReminders.Tests.Reminders.Pipeline;

public class AcsSettingsTests
{
    // Never reached: the app must refuse to start before it talks to storage or ACS.
    private const string UnusedStorage =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1";
    private const string AcsConnectionString = "endpoint=https://reminders.communication.azure.com/;accesskey=c2VjcmV0";

    [Theory]
    [InlineData("Acs:ConnectionString", AcsConnectionString, "SmsFrom")]
    [InlineData("Acs:Endpoint", "https://reminders.communication.azure.com/", "SmsFrom")]
    [InlineData("Acs:ConnectionString", AcsConnectionString, "EmailFrom")]
    public async Task TheAppRefusesToStartWithAcsConfiguredButASenderMissingAndNamesTheSetting(string acsSetting, string acsValue, string missing)
    {
        var settings = new Dictionary<string, string>
        {
            [acsSetting] = acsValue,
            ["Acs:SmsFrom"] = "+18005550100",
            ["Acs:EmailFrom"] = "reminders@clientreminders.example",
        };
        settings.Remove($"Acs:{missing}");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestApp.StartAsync(settings, storageConnectionString: UnusedStorage));

        Assert.Contains($"Acs:{missing} is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains($"Acs__{missing}", error.Message, StringComparison.Ordinal);
        Assert.Single(error.Failures);
    }

    [Fact]
    public async Task WithoutAcsNoSenderIsRequired()
    {
        await using var app = await TestApp.StartAsync(storageConnectionString: UnusedStorage);

        Assert.False(app.Services.GetRequiredService<IOptions<AcsOptions>>().Value.IsConfigured);
    }
}
