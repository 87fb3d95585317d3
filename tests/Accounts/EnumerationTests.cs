using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ClientReminders.Tests.Accounts;

public class EnumerationTests
{
    [Fact]
    public async Task AWrongPasswordAndAnUnknownEmailGetTheSameAnswer()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var email = await Owners.SignUpAndConfirmAsync(app, browser);

        using var wrongPassword = await browser.PostJsonAsync("/api/auth/login", new { email, password = "not the Passphrase 42" });
        using var unknownEmail = await browser.PostJsonAsync("/api/auth/login", new { email = Owners.NewEmail("nobody"), password = "not the Passphrase 42" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownEmail.StatusCode);
        Assert.Equal(await Owners.ComparableBodyAsync(wrongPassword), await Owners.ComparableBodyAsync(unknownEmail));
    }

    [Fact]
    public async Task AWrongPasswordForAKnownAddressTakesAsLongToAnswerAsAnUnknownAddress()
    {
        // Storage as far away as in Azure (10 ms a request), so the reads and writes only a known address costs show in the timing.
        await using var app = await Owners.StartAppAsync(
            new Dictionary<string, string> { ["RateLimits:Auth:PerIpPermits"] = "1000", ["RateLimits:Auth:LoginPerAccountPermits"] = "1000" },
            configure: builder =>
            {
                var options = StorageClientOptions.ForTables();
                options.AddPolicy(new StorageLatency(TimeSpan.FromMilliseconds(10)), HttpPipelinePosition.PerRetry);
                builder.Services.AddSingleton(new TableServiceClient(builder.Configuration[AzureClientsSetup.StorageSetting], options));
            }
        );
        using var browser = new TestBrowser(app);
        var email = await Owners.SignUpAndConfirmAsync(app, browser);
        async Task<double> MillisecondsToAnswerAsync(string address)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await browser.PostJsonAsync("/api/auth/login", new { email = address, password = "not the Passphrase 42" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        await MillisecondsToAnswerAsync(email);
        await MillisecondsToAnswerAsync(Owners.NewEmail("nobody"));

        // Interleaved, so whatever else the machine does weighs on both populations alike.
        var known = new List<double>();
        var unknown = new List<double>();
        for (var sample = 0; sample < 15; sample++)
        {
            known.Add(await MillisecondsToAnswerAsync(email));
            unknown.Add(await MillisecondsToAnswerAsync(Owners.NewEmail("nobody")));
        }

        var difference = Median(known) - Median(unknown);
        Assert.True(Math.Abs(difference) < 8, $"Known address median {Median(known):F1} ms, unknown {Median(unknown):F1} ms.");
    }

    private static double Median(List<double> samples) => samples.Order().ElementAt(samples.Count / 2);

    [Fact]
    public async Task ForgotPasswordAnswersTheSameForAnyAddressAndEmailsOnlyAKnownOne()
    {
        await using var app = await Owners.StartAppAsync();
        using var browser = new TestBrowser(app);
        var known = await Owners.SignUpAndConfirmAsync(app, browser);
        var unknown = Owners.NewEmail("nobody");
        var emailsToKnown = Owners.EmailsTo(app, known).Count;

        using var forKnown = await browser.PostJsonAsync("/api/auth/forgot", new { email = known });
        using var forUnknown = await browser.PostJsonAsync("/api/auth/forgot", new { email = unknown });

        Assert.Equal(HttpStatusCode.Accepted, forKnown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        Assert.Equal(await forKnown.Content.ReadAsStringAsync(), await forUnknown.Content.ReadAsStringAsync());
        Assert.Equal(emailsToKnown + 1, Owners.EmailsTo(app, known).Count);
        Assert.Empty(Owners.EmailsTo(app, unknown));
    }
}

/// <summary>Holds every storage request back a while, as a storage account in another building would.</summary>
internal sealed class StorageLatency(TimeSpan delay) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await Task.Delay(delay);
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Thread.Sleep(delay);
        ProcessNext(message, pipeline);
    }
}
