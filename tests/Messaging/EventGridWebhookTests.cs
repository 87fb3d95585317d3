using ClientReminders.Tests.Clients;

namespace ClientReminders.Tests.Messaging;

public class EventGridWebhookTests(MessagingApp fixture) : IClassFixture<MessagingApp>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task TheSubscriptionValidationHandshakeAnswersWithTheValidationCode()
    {
        using var response = await Texting.PostEventsAsync(
            App,
            Texting.Fixture("subscription-validation-event.json").ToJsonString(),
            eventType: "SubscriptionValidation"
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var expected = Texting.Fixture("subscription-validation-response.json")["validationResponse"]!.GetValue<string>();
        Assert.Equal(expected, (await Owners.JsonAsync(response)).GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task CloudEventsValidationAllowsTheRequestingOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/api/webhooks/eventgrid?code={MessagingApp.Secret}");
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");
        using var response = await App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret")]
    [InlineData(MessagingApp.Secret + "x")]
    public async Task CallsWithoutTheSecretAreRefused(string? code)
    {
        using var response = await Texting.PostEventsAsync(
            App,
            Texting.Fixture("subscription-validation-event.json").ToJsonString(),
            code,
            eventType: "SubscriptionValidation"
        );

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("validationResponse", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutASecretConfiguredTheWebhookDoesNotExist()
    {
        await using var app = await Owners.StartAppAsync();

        using var response = await Texting.PostEventsAsync(
            app,
            Texting.Fixture("subscription-validation-event.json").ToJsonString(),
            "anything",
            eventType: "SubscriptionValidation"
        );

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AnEventGridDeliveryReportMarksTheReminderDelivered()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);

        await Texting.DeliverAsync(App, Texting.DeliveryReport($"{owner.AccountId}/{texted.SentReminderId}", "Delivered", DateTimeOffset.UtcNow));

        var reminder = await Texting.ReminderAsync(App, owner.AccountId, texted.SentReminderId);
        Assert.Equal("delivered", reminder.DeliveryStatus);
        Assert.Equal("No error.", reminder.DeliveryDetails);
        Assert.Equal(ReminderStatus.Sent, reminder.Status);
    }

    [Fact]
    public async Task AnOlderReportArrivingLateIsIgnoredAndADuplicateIsHarmless()
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        var tag = $"{owner.AccountId}/{texted.SentReminderId}";
        var deliveredAt = DateTimeOffset.UtcNow;

        await Texting.DeliverAsync(App, Texting.DeliveryReport(tag, "Delivered", deliveredAt));
        await Texting.DeliverAsync(App, Texting.DeliveryReport(tag, "Failed", deliveredAt.AddMinutes(-1)));
        await Texting.DeliverAsync(App, Texting.DeliveryReport(tag, "Delivered", deliveredAt));

        var reminder = await Texting.ReminderAsync(App, owner.AccountId, texted.SentReminderId);
        Assert.Equal("delivered", reminder.DeliveryStatus);
        Assert.Equal(deliveredAt.UtcTicks / 10_000, reminder.DeliveredAt!.Value.UtcTicks / 10_000);
    }

    [Theory]
    [InlineData("application/cloudevents+json", "Blocked", "blocked")]
    [InlineData("application/cloudevents-batch+json", "Expired", "failed")]
    public async Task CloudEventsDeliveryReportsAreApplied(string contentType, string acsStatus, string expected)
    {
        using var owner = await Owner.SignUpAsync(App);
        var texted = await Texting.ClientWithSentReminderAsync(owner);
        var cloudEvent = new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = "/subscriptions/x/resourceGroups/g/providers/Microsoft.Communication/CommunicationServices/acs",
            ["type"] = "Microsoft.Communication.SMSDeliveryReportReceived",
            ["subject"] = "/phonenumber/15555555555",
            ["time"] = DateTimeOffset.UtcNow,
            ["data"] = new Dictionary<string, object>
            {
                ["messageId"] = "Outgoing_1",
                ["deliveryStatus"] = acsStatus,
                ["deliveryStatusDetails"] = "Carrier said no.",
                ["receivedTimestamp"] = DateTimeOffset.UtcNow,
                ["tag"] = $"{owner.AccountId}/{texted.SentReminderId}",
            },
        };
        var json = contentType.Contains("batch", StringComparison.Ordinal)
            ? JsonSerializer.Serialize(new[] { cloudEvent })
            : JsonSerializer.Serialize(cloudEvent);

        using var response = await Texting.PostEventsAsync(App, json, contentType: contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reminder = await Texting.ReminderAsync(App, owner.AccountId, texted.SentReminderId);
        Assert.Equal(expected, reminder.DeliveryStatus);
        Assert.Equal("Carrier said no.", reminder.DeliveryDetails);
    }

    [Theory]
    [InlineData("Optional customer-tag set in the original message")]
    [InlineData("0123456789abcdef0123456789abcdef/0123456789abcdef0123456789abcdef-0123456789abcdef0123456789abcdef")]
    public async Task AReportForAReminderThatDoesNotExistIsIgnored(string tag)
    {
        using var response = await Texting.PostEventsAsync(App, Texting.DeliveryReport(tag, "Delivered", DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task UnknownEventTypesAreAcceptedAndIgnored()
    {
        var events = Texting.Fixture("sms-received.json");
        events[0]!["eventType"] = "Microsoft.Storage.BlobCreated";

        using var response = await Texting.PostEventsAsync(App, events.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("[{\"id\": ")]
    [InlineData("not json")]
    [InlineData("42")]
    [InlineData("[1, 2]")]
    public async Task MalformedJsonIsABadRequest(string body)
    {
        using var response = await Texting.PostEventsAsync(App, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task BodiesOver64KilobytesAreTooLarge()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat(Texting.Fixture("sms-received.json")[0]!.ToJsonString(), 200)) + "]";
        Assert.True(Encoding.UTF8.GetByteCount(body) > 64 * 1024);

        using var response = await Texting.PostEventsAsync(App, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task TheWebhookNeedsNoAntiForgeryTokenButOtherApiCallsStillDo()
    {
        using var browser = new TestBrowser(App);

        using var webhook = await browser.PostJsonAsync(
            $"/api/webhooks/eventgrid?code={MessagingApp.Secret}",
            new[]
            {
                new
                {
                    id = "1",
                    eventType = "Some.Other",
                    data = new { },
                },
            },
            Csrf.None
        );
        using var other = await browser.PostJsonAsync("/api/replies/x/read", null, Csrf.None);

        Assert.Equal(HttpStatusCode.OK, webhook.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }
}
