using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClientReminders.Tests.Email;

public class DevOutboxTests
{
    private static readonly DateTimeOffset Now = new(2040, 5, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ASentMessageIsKeptWithTheTimeItWasSent()
    {
        var outbox = new DevOutbox(new ManualTimeProvider(Now), NullLogger<DevOutbox>.Instance);
        var message = new EmailMessage("jane@example.com", "Hi", "text", "<p>html</p>");

        await outbox.SendAsync(message, CancellationToken.None);

        Assert.Equal(new OutboxEntry(message, Now), Assert.Single(outbox.Messages));
    }

    [Fact]
    public async Task OnlyTheLast200MessagesAreKept()
    {
        var outbox = new DevOutbox(TimeProvider.System, NullLogger<DevOutbox>.Instance);

        for (var i = 0; i < 250; i++)
        {
            await outbox.SendAsync(new EmailMessage($"owner{i}@example.com", "Hi", "text", "html"), CancellationToken.None);
        }

        Assert.Equal(200, outbox.Messages.Count);
        Assert.Equal("owner50@example.com", outbox.Messages[0].Message.To);
        Assert.Equal("owner249@example.com", outbox.Messages[^1].Message.To);
    }

    [Fact]
    public async Task MessagesSentFromManyThreadsAreAllKept()
    {
        var outbox = new DevOutbox(TimeProvider.System, NullLogger<DevOutbox>.Instance);

        await Parallel.ForAsync(0, 150, async (i, token) => await outbox.SendAsync(new EmailMessage($"owner{i}@example.com", "Hi", "text", "html"), token));

        Assert.Equal(150, outbox.Messages.Select(m => m.Message.To).Distinct().Count());
    }

    [Fact]
    public async Task TheLatestMessageToAnAddressCanBeFound()
    {
        var outbox = new DevOutbox(TimeProvider.System, NullLogger<DevOutbox>.Instance);
        await outbox.SendAsync(new EmailMessage("jane@example.com", "First", "", ""), CancellationToken.None);
        await outbox.SendAsync(new EmailMessage("bob@example.com", "Other", "", ""), CancellationToken.None);
        await outbox.SendAsync(new EmailMessage("jane@example.com", "Second", "", ""), CancellationToken.None);

        Assert.Equal("Second", outbox.LatestTo("JANE@example.com")?.Message.Subject);
        Assert.Null(outbox.LatestTo("nobody@example.com"));
    }

    [Fact]
    public async Task TheLogLineNamesTheSubjectButNeverTheAddressOrBody()
    {
        var logger = new CapturingLogger<DevOutbox>();
        var outbox = new DevOutbox(TimeProvider.System, logger);
        var message = EmailTemplates.PasswordReset("jane.doe@example.com", "Jane Doe", "https://app.example/reset?token=s3cr3t-t0ken", TimeSpan.FromHours(1));

        await outbox.SendAsync(message, CancellationToken.None);

        var line = Assert.Single(logger.Lines);
        Assert.Contains("Email 'Reset your Client Reminders password' queued in the dev outbox", line, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example.com", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("s3cr3t", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void WithoutCommunicationServicesTheOneDevOutboxIsTheEmailSender()
    {
        var noAcs = new ConfigurationBuilder().Build();
        using var provider = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddEmail().AddCommunication(noAcs).BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<DevOutbox>(), provider.GetRequiredService<IEmailSender>());
    }
}
