using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Communication;

namespace ClientReminders.Tests.Reminders.Pipeline;

/// <summary>The app with Acs configured, talking to a fake ACS that checks signatures and answers with recorded sessions.</summary>
public sealed class AcsRemindersApp : IAsyncLifetime
{
    public FakeAcsServer Acs { get; private set; } = null!;

    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Acs = await FakeAcsServer.StartAsync();
        App = await Owners.StartAppAsync(
            new Dictionary<string, string>
            {
                ["RateLimits:Auth:PerIpPermits"] = "10000",
                ["Acs:ConnectionString"] = Acs.ConnectionString,
                ["Acs:SmsFrom"] = "+18005550100",
                ["Acs:EmailFrom"] = "reminders@clientreminders.example",
            },
            // Owners' own emails stay in the dev outbox so sign-up links can be read; AcsEmailSenderTests sends them through ACS.
            configure: builder => builder.Services.AddSingleton<IEmailSender>(provider => provider.GetRequiredService<DevOutbox>())
        );
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Acs.DisposeAsync();
    }
}

public class AcsSendingTests(AcsRemindersApp fixture) : IClassFixture<AcsRemindersApp>
{
    private const string RecordedSmsMessageId = "Outgoing_20210309213228b4372a0b-6cf9-4b93-8c0e-c49db855a365_noam";

    private async Task<(Owner Owner, ReminderEntity Reminder)> ReminderAsync(ReminderChannel channel = ReminderChannel.Sms)
    {
        var owner = await Owner.SignUpAsync(fixture.App);
        return (owner, await owner.ReminderDueNowAsync(TimeProvider.System, channel, email: "ada@example.com"));
    }

    private List<ReceivedRequest> ReceivedSince(int count) => [.. fixture.Acs.Received.Skip(count)];

    [Fact]
    public async Task AnSmsReminderIsSentThroughAcsOnceSignedTaggedAndKeyed()
    {
        var (owner, reminder) = await ReminderAsync();
        using var _ = owner;
        var before = fixture.Acs.Received.Count;
        fixture.Acs.EnqueueRecording("acs-sms/SendingSmsMessage.json");

        Assert.Equal(SendRun.SentBySms, await owner.RunAsync(owner.Message(reminder)));

        var request = Assert.Single(ReceivedSince(before));
        Assert.True(request.Authenticated, request.Rejection);
        Assert.Equal(("POST", "/sms"), (request.Method, request.Path));
        var body = request.Json;
        Assert.Equal("+18005550100", body.GetProperty("from").GetString());
        var recipient = Assert.Single(body.GetProperty("smsRecipients").EnumerateArray());
        Assert.Equal("+447700900123", recipient.GetProperty("to").GetString());
        Assert.Equal(AcsMessageSender.GuidFrom($"{reminder.Id}:{reminder.Version}"), Guid.Parse(recipient.GetProperty("repeatabilityRequestId").GetString()!));
        Assert.Equal(await ExpectedSmsAsync(owner, reminder), body.GetProperty("message").GetString());
        Assert.True(body.GetProperty("smsSendOptions").GetProperty("enableDeliveryReport").GetBoolean());
        Assert.Equal($"{owner.AccountId}/{reminder.Id}", body.GetProperty("smsSendOptions").GetProperty("tag").GetString());
        var sent = await owner.ReminderAsync(reminder.Id);
        Assert.Equal((ReminderStatus.Sent, RecordedSmsMessageId), (sent.Status, sent.ProviderMessageId));
    }

    [Fact]
    public async Task ASecondDeliveryOfASentSmsReminderSendsNothingMore()
    {
        var (owner, reminder) = await ReminderAsync();
        using var _ = owner;
        fixture.Acs.EnqueueRecording("acs-sms/SendingSmsMessage.json");
        await owner.RunAsync(owner.Message(reminder));
        var before = fixture.Acs.Received.Count;

        await owner.RunAsync(owner.Message(reminder), dequeueCount: 2);

        Assert.Empty(ReceivedSince(before));
    }

    [Fact]
    public async Task AnEmailReminderIsSentOnceWithTheOperationIdOfItsVersion()
    {
        var (owner, reminder) = await ReminderAsync(ReminderChannel.Email);
        using var _ = owner;
        var before = fixture.Acs.Received.Count;
        fixture.Acs.Enqueue(fixture.Acs.Replay(RecordedSession.Load("acs-email/SendSimpleEmailWithManualPollingForStatus.json").Entries[0]));

        Assert.Equal(SendRun.SentByEmail, await owner.RunAsync(owner.Message(reminder)));

        var request = Assert.Single(ReceivedSince(before));
        Assert.True(request.Authenticated, request.Rejection);
        Assert.Equal(("POST", "/emails:send"), (request.Method, request.Path));
        Assert.Equal(AcsMessageSender.GuidFrom($"{reminder.Id}:{reminder.Version}"), Guid.Parse(request.Header("Operation-Id")!));
        Assert.Equal("reminders@clientreminders.example", request.Json.GetProperty("senderAddress").GetString());
        Assert.Equal(ReminderStatus.Sent, (await owner.ReminderAsync(reminder.Id)).Status);
    }

    [Fact]
    public async Task AnSmsAcsRefusesForTheNumberFailsTheReminderWithAcsReason()
    {
        var (owner, reminder) = await ReminderAsync();
        using var _ = owner;
        fixture.Acs.EnqueueRecording("acs-sms/SendingSmsMessageToFakeNumber.json");

        Assert.Equal(new SendRun.RefusedByProvider(), await owner.RunAsync(owner.Message(reminder)));

        var failed = await owner.ReminderAsync(reminder.Id);
        Assert.Equal((ReminderStatus.Failed, "Invalid To phone number format."), (failed.Status, failed.Reason));
    }

    // What the default SMS template says for this appointment; the renderer's own formatting is tested in TemplateRendererTests.
    private async Task<string> ExpectedSmsAsync(Owner owner, ReminderEntity reminder)
    {
        var start = TimeZoneInfo.ConvertTime(reminder.AppointmentStartUtc, Booking.London).DateTime;
        var values = new TemplateValues(
            "Ada Lovelace",
            (await owner.AccountAsync()).BusinessName,
            start,
            null,
            null,
            null,
            "Reply YES to confirm or NO to cancel.",
            AnswerLink: fixture.App.Services.GetRequiredService<AnswerLinks>().For(owner.AccountId, reminder.AppointmentId, reminder.AppointmentVersion)
        );
        var text = TemplateRenderer
            .Render(DefaultTemplates.Sms, values, new TemplateSettings(CultureInfo.GetCultureInfo("en-GB"), false, false, false), html: false)
            .Trim();
        Assert.StartsWith("Hi Ada, this is a reminder of your appointment with Harbour Physio on ", text);
        Assert.Contains(". Reply YES to confirm or NO to cancel. Or answer here: http", text, StringComparison.Ordinal);
        return text;
    }
}
