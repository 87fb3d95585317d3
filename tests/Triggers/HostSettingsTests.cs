using Microsoft.Extensions.Configuration;

namespace ClientReminders.Tests.Triggers;

public class HostSettingsTests
{
    private static readonly string HostJson = Path.Combine(AppContext.BaseDirectory, "host.json");

    [Fact]
    public void QueueSettingsComeFromHostJson()
    {
        var settings = HostSettings.Load(HostJson, new ConfigurationBuilder().Build());

        Assert.Equal(5, settings.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.Queues.MaxPollingInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Queues.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.FunctionTimeout);
    }

    [Fact]
    public void AppSettingsOverrideHostJsonAsTheHostAllows()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:00",
                    ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "3",
                    ["AzureFunctionsJobHost:functionTimeout"] = "00:00:30",
                }
            )
            .Build();

        var settings = HostSettings.Load(HostJson, configuration);

        Assert.Equal(TimeSpan.Zero, settings.Queues.VisibilityTimeout);
        Assert.Equal(3, settings.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.FunctionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.Queues.MaxPollingInterval);
    }

    [Fact]
    public void EveryFunctionRunsUnlessAFunctionsListNamesTheOnlyOnes()
    {
        var all = HostSettings.Load(HostJson, new ConfigurationBuilder().Build());
        var some = HostSettings.Load(
            HostJson,
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureFunctionsJobHost:functions:0"] = "TestQueue" }).Build()
        );

        Assert.True(all.Runs("ImportClients"));
        Assert.True(some.Runs("TestQueue"));
        Assert.False(some.Runs("ImportClients"));
    }

    [Theory]
    [InlineData("00:00:04", "00:00:08")]
    [InlineData("00:10:00", "00:11:00")]
    public void AReceivedMessageIsLeasedForTwiceTheFunctionTimeoutAtMostAMinuteMore(string functionTimeout, string lease)
    {
        var settings = HostSettings.Load(
            HostJson,
            new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureFunctionsJobHost:functionTimeout"] = functionTimeout })
                .Build()
        );

        Assert.Equal(TimeSpan.Parse(lease, CultureInfo.InvariantCulture), settings.ReceiveLease);
    }

    [Fact]
    public void TheNewBatchThresholdComesFromHostJsonOrIsHalfTheBatch()
    {
        var settings = HostSettings.Load(HostJson, new ConfigurationBuilder().Build());

        Assert.Equal(8, settings.Queues.InHandThreshold);
        Assert.Equal(16, new QueueHostSettings { BatchSize = 32 }.InHandThreshold);
    }
}
