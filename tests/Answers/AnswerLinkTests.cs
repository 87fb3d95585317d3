using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Conversations;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Answers;

/// <summary>
/// The one-tap answer link in a reminder: reading it never acts, answering records the client's word once (as a text reply
/// would), and a tampered, stale, cancelled or passed link never answers for the wrong appointment.
/// </summary>
public class AnswerLinkTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    private DateTime InDays(int days, int hour, int minute) => Booking.LocalNow(fixture.Clock).Date.AddDays(days).Add(new TimeSpan(hour, minute, 0));

    private sealed record Booked(Owner Owner, string ClientId, string AppointmentId, string Token);

    private async Task<Booked> BookAsync(DateTime? start = null)
    {
        var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync("Ada Lovelace");
        await owner.AddRuleAsync();
        var appointment = await owner.BookAsync(clientId, start ?? InDays(3, 10, 30), location: "Harbour Street, room 2");
        var id = appointment.GetProperty("id").GetString()!;
        var link = fixture.App.Services.GetRequiredService<AnswerLinks>().For(owner.AccountId, id, 1)!;
        return new Booked(owner, clientId, id, link[(link.IndexOf("/a/", StringComparison.Ordinal) + 3)..]);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(string token)
    {
        using var client = new TestBrowser(fixture.App);
        using var response = await client.GetAsync($"/api/answers/{token}");
        return (response.StatusCode, await Owners.JsonAsync(response));
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> AnswerAsync(string token, string answer)
    {
        using var client = new TestBrowser(fixture.App);
        using var response = await client.PostJsonAsync($"/api/answers/{token}", new { answer });
        return (response.StatusCode, await Owners.JsonAsync(response));
    }

    private async Task<string?> ResponseOfAsync(Owner owner, string appointmentId) =>
        (await fixture.App.Services.GetRequiredService<AppointmentService>().FindAsync(owner.AccountId, appointmentId, CancellationToken.None))!.Response;

    [Fact]
    public async Task TheSmsReminderCarriesALinkThatOpensItsAppointment()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock);
        Assert.Equal(SendRun.SentBySms, await owner.RunQueuedAsync(reminder));

        var text = Assert.Single(owner.Outbox()).Body;
        var token = text[(text.IndexOf("/a/", StringComparison.Ordinal) + 3)..].Split(' ')[0];
        var (status, page) = await ReadAsync(token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            ("Ada", AnswerStatus.Scheduled, false),
            (page.GetProperty("clientFirstName").GetString(), page.GetProperty("status").GetString(), page.GetProperty("changed").GetBoolean())
        );
        Assert.Equal(2, SmsEncoding.Analyze(text).Segments);
    }

    [Fact]
    public async Task ReadingThePageShowsTheAppointmentInItsOwnZoneAndChangesNothing()
    {
        var (owner, _, id, token) = await BookAsync();
        using var _ = owner;

        var (status, page) = await ReadAsync(token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(InDays(3, 10, 30).ToString("yyyy-MM-dd'T'HH:mm:ss"), page.GetProperty("start").GetString());
        Assert.Equal(Booking.Zone, page.GetProperty("timeZone").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("answer").ValueKind);
        // The account's messages leave locations out, so the page does too.
        Assert.Equal(JsonValueKind.Null, page.GetProperty("location").ValueKind);
        Assert.False(page.TryGetProperty("clientId", out var _));
        Assert.Null(await ResponseOfAsync(owner, id));
    }

    [Theory]
    [InlineData("confirm", "confirmed", "confirm")]
    [InlineData("cancel", "cancellation-requested", "cancel")]
    [InlineData("rearrange", "rearrange-requested", "rearrange")]
    public async Task AnAnswerIsRecordedOnTheAppointmentAndListedWithTheReplies(string answer, string response, string replyKind)
    {
        var (owner, clientId, id, token) = await BookAsync();
        using var _ = owner;

        var (status, page) = await AnswerAsync(token, answer);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(answer, page.GetProperty("answer").GetString());
        Assert.Equal(response, await ResponseOfAsync(owner, id));
        var reply = Assert.Single((await owner.GetJsonAsync("/api/replies")).GetProperty("items").EnumerateArray());
        Assert.Equal((clientId, replyKind), (reply.GetProperty("clientId").GetString(), reply.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task ACancellationAskedByLinkIsEmailedToTheOwnerOnceAndLeavesTheAppointmentStanding()
    {
        var (owner, _, id, token) = await BookAsync();
        using var _ = owner;

        await AnswerAsync(token, "cancel");
        var (replayed, _) = await AnswerAsync(token, "cancel");
        await AlertKit.SendWaitingAsync(fixture.App, owner.AccountId);

        Assert.Equal(HttpStatusCode.OK, replayed);
        Assert.Single(Owners.EmailsTo(fixture.App, owner.Email), e => e.Message.Subject == "A client asked to cancel an appointment");
        Assert.Single((await owner.GetJsonAsync("/api/replies")).GetProperty("items").EnumerateArray());
        Assert.Equal("scheduled", (await owner.GetJsonAsync($"/api/appointments/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ARearrangeRequestIsEmailedToTheOwnerAndAConfirmationIsNot()
    {
        var (owner, _, _, token) = await BookAsync();
        using var _ = owner;

        await AnswerAsync(token, "confirm");
        await AnswerAsync(token, "rearrange");
        await AlertKit.SendWaitingAsync(fixture.App, owner.AccountId);

        var subjects = Owners.EmailsTo(fixture.App, owner.Email).Select(e => e.Message.Subject).ToList();
        Assert.Contains("A client needs to rearrange an appointment", subjects);
        Assert.DoesNotContain("A client confirmed an appointment", subjects);
    }

    [Fact]
    public async Task ATamperedTokenIsRefusedLikeAnUnknownOne()
    {
        var (owner, _, id, token) = await BookAsync();
        using var _ = owner;
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var (read, problem) = await ReadAsync(tampered);
        var (answered, _) = await AnswerAsync(tampered, "cancel");
        var (garbage, _) = await ReadAsync("not-a-token");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read, answered, garbage));
        Assert.Equal(AnswerService.InvalidLink, problem.GetProperty("detail").GetString());
        Assert.Null(await ResponseOfAsync(owner, id));
    }

    [Fact]
    public async Task AStaleLinkShowsTheAppointmentAsItIsNowAndSaysItChanged()
    {
        var (owner, clientId, id, token) = await BookAsync();
        using var _ = owner;

        await owner.MoveAsync(id, clientId, InDays(4, 15, 0));
        var (status, page) = await ReadAsync(token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(page.GetProperty("changed").GetBoolean());
        Assert.Equal(InDays(4, 15, 0).ToString("yyyy-MM-dd'T'HH:mm:ss"), page.GetProperty("start").GetString());
    }

    [Fact]
    public async Task ACancelledAppointmentCanNoLongerBeAnswered()
    {
        var (owner, _, id, token) = await BookAsync();
        using var _ = owner;
        using var cancelled = await owner.Browser.DeleteJsonAsync($"/api/appointments/{id}", null);

        var (read, page) = await ReadAsync(token);
        var (answered, problem) = await AnswerAsync(token, "confirm");

        Assert.Equal((HttpStatusCode.OK, AnswerStatus.Cancelled), (read, page.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, answered);
        Assert.Equal(AnswerService.NotOpen, problem.GetProperty("detail").GetString());
        Assert.Null(await ResponseOfAsync(owner, id));
    }

    [Fact]
    public async Task ALinkExpiresOnceItsAppointmentHasPassed()
    {
        var (owner, _, id, token) = await BookAsync(Booking.LocalIn(fixture.Clock, TimeSpan.FromMinutes(50)));
        using var _ = owner;
        fixture.Clock.Advance(TimeSpan.FromHours(2));

        var (read, page) = await ReadAsync(token);
        var (answered, _) = await AnswerAsync(token, "confirm");

        Assert.Equal((HttpStatusCode.OK, AnswerStatus.Passed), (read, page.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, answered);
        Assert.Null(await ResponseOfAsync(owner, id));
    }

    [Fact]
    public async Task AnAnswerThatIsNotOneOfTheThreeGetsAFieldError()
    {
        var (owner, _, _, token) = await BookAsync();
        using var _ = owner;

        var (status, problem) = await AnswerAsync(token, "maybe");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("answer", out var _));
    }
}
