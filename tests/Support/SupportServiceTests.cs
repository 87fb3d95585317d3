using Microsoft.Extensions.Logging.Abstractions;

namespace ClientReminders.Tests.Support;

public class SupportServiceTests
{
    private static readonly SupportRequest Valid = new("Jane Doe", "jane@example.com", "My reminders stopped on Monday.");

    [Fact]
    public async Task AValidRequestIsEmailedToTheSupportAddress()
    {
        var (service, outbox) = NewService("help@clientreminders.example");

        await service.SendAsync(Valid, CancellationToken.None);

        var sent = Assert.Single(outbox.Messages).Message;
        Assert.Equal("help@clientreminders.example", sent.To);
        Assert.Contains("jane@example.com", sent.Text, StringComparison.Ordinal);
        Assert.Contains("My reminders stopped on Monday.", sent.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultSupportAddressIsTheExampleDomainOne()
    {
        Assert.Equal("support@clientreminders.example", new SupportOptions().Address);
    }

    [Fact]
    public async Task AnInvalidRequestIsRefusedWithAnErrorPerFieldAndNothingIsSent()
    {
        var (service, outbox) = NewService();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            service.SendAsync(new SupportRequest(" ", "not-an-address", ""), CancellationToken.None)
        );

        Assert.Equal(["email", "message", "name"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(outbox.Messages);
    }

    [Theory]
    [InlineData("jane@example.com", true)]
    [InlineData("jane.doe+support@mail.example.co.uk", true)]
    [InlineData("  jane@example.com  ", true)]
    [InlineData("jane", false)]
    [InlineData("jane@", false)]
    [InlineData("@example.com", false)]
    [InlineData("jane@localhost", false)]
    [InlineData("Jane <jane@example.com>", false)]
    [InlineData("jane@example.com, bob@example.com", false)]
    public void EmailAddressesMustBeBareAndWellFormed(string address, bool valid)
    {
        Assert.Equal(valid, !SupportService.Validate(Valid with { Email = address }).ContainsKey("email"));
    }

    [Fact]
    public void AnEmailAddressLongerThan254CharactersIsRefused()
    {
        var address = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 3)) + ".example";

        Assert.True(address.Length > 254);
        Assert.Equal(["Enter an email address like name@example.com."], SupportService.Validate(Valid with { Email = address })["email"]);
    }

    [Fact]
    public void ANameMayHave100CharactersButNotMore()
    {
        Assert.Empty(SupportService.Validate(Valid with { Name = new string('n', 100) }));
        Assert.True(SupportService.Validate(Valid with { Name = new string('n', 101) }).ContainsKey("name"));
    }

    [Fact]
    public void ANameCannotHoldLineBreaks()
    {
        Assert.True(SupportService.Validate(Valid with { Name = "Jane\r\nBcc: someone" }).ContainsKey("name"));
    }

    [Fact]
    public void AMessageMayHave5000CharactersButNotMore()
    {
        Assert.Empty(SupportService.Validate(Valid with { Message = new string('m', 5000) }));
        Assert.True(SupportService.Validate(Valid with { Message = new string('m', 5001) }).ContainsKey("message"));
    }

    [Fact]
    public void MissingFieldsAreReportedNotThrown()
    {
        var errors = SupportService.Validate(new SupportRequest(null!, null!, null!));

        Assert.Equal(["email", "message", "name"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ASupportAddressThatIsNotAnEmailAddressIsRefusedAtStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Support:Address"] = "not an address";
        builder.Services.AddEmail().AddSupport(builder.Configuration);
        using var host = builder.Build();

        Assert.Throws<OptionsValidationException>(() => host.Start());
    }

    private static (SupportService Service, DevOutbox Outbox) NewService(string address = "support@clientreminders.example")
    {
        var outbox = new DevOutbox(TimeProvider.System, NullLogger<DevOutbox>.Instance);
        return (new SupportService(outbox, Options.Create(new SupportOptions { Address = address })), outbox);
    }
}
