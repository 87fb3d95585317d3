using System.Text.RegularExpressions;
using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Appointments;

public partial class CalendarFileTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    [GeneratedRegex(@"https?://[^\s""<>]+/api/calendar-file/[A-Za-z0-9_-]+")]
    private static partial Regex CalendarLink();

    /// <summary>Sends an email reminder for an appointment two hours ahead and returns the link its email carries.</summary>
    private async Task<(Owner Owner, string AppointmentId, string ClientId, string Link, OutgoingMessage Email)> EmailedAsync()
    {
        var owner = await Owner.SignUpAsync(fixture.App);
        var reminder = await owner.ReminderDueNowAsync(fixture.Clock, ReminderChannel.Email, mobile: null, email: "ada@example.com");
        Assert.Equal(SendRun.SentByEmail, await owner.RunQueuedAsync(reminder));
        var email = Assert.Single(fixture.Sender.AttemptsFor(owner.AccountId));
        var link = CalendarLink().Match(email.Text).Value;
        Assert.Contains($"{ReminderEmail.CalendarLinkLabel}: {link}", email.Text);
        Assert.Contains($"href=\"{link}\"", email.Html);
        return (owner, reminder.AppointmentId, reminder.ClientId, link, email);
    }

    private async Task<(HttpStatusCode Status, string? Type, string Body)> OpenAsync(string link)
    {
        using var response = await fixture.App.Client.GetAsync(new Uri(link).PathAndQuery);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AReminderEmailsCalendarLinkGivesTheAppointmentAsAnIcsFileWithoutSigningIn()
    {
        var (owner, appointmentId, _, link, _) = await EmailedAsync();
        using var _ = owner;
        var appointment = await owner.GetJsonAsync($"/api/appointments/{appointmentId}");

        var (status, type, body) = await OpenAsync(link);

        Assert.Equal((HttpStatusCode.OK, "text/calendar"), (status, type));
        Assert.Contains("BEGIN:VEVENT\r\n", body);
        var start = Booking.InLondon(DateTime.Parse(appointment.GetProperty("start").GetString()!, CultureInfo.InvariantCulture));
        Assert.Contains($"DTSTART:{start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}\r\n", body);
        Assert.Contains("SUMMARY:Appointment with Harbour Physio\r\n", body);
        Assert.Contains("STATUS:CONFIRMED", body);
        // The title is left out, as the account's reminders leave it out.
        Assert.DoesNotContain("Follow-up", body);
    }

    [Fact]
    public async Task ACancelledAppointmentsFileSaysSoAndATamperedLinkFindsNothing()
    {
        var (owner, appointmentId, _, link, _) = await EmailedAsync();
        using var _ = owner;
        using var cancelled = await owner.Browser.DeleteJsonAsync($"/api/appointments/{appointmentId}", null);

        var (status, _, body) = await OpenAsync(link);
        var tampered = await OpenAsync(link[..^2] + (link[^2] == 'A' ? "BA" : "AA"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("STATUS:CANCELLED", body);
        Assert.Equal(HttpStatusCode.NotFound, tampered.Status);
    }

    [Fact]
    public async Task ADeletedClientsAppointmentIsNoLongerServed()
    {
        var (owner, _, clientId, link, _) = await EmailedAsync();
        using var _ = owner;

        using var deleted = await owner.Browser.DeleteJsonAsync($"/api/clients/{clientId}", null);

        Assert.True(deleted.IsSuccessStatusCode, deleted.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(link)).Status);
    }

    [Fact]
    public void AnIcsFileFoldsLongLinesAndEscapesText()
    {
        var file = IcsFile.Event(
            "a@b",
            DateTimeOffset.UnixEpoch,
            DateTimeOffset.UnixEpoch.AddHours(1),
            DateTimeOffset.UnixEpoch.AddHours(2),
            "Check-up; room 2, upstairs " + new string('é', 40),
            "1 Quay St\nBristol",
            cancelled: false,
            sequence: 3
        );

        var lines = file.Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Contains("SUMMARY:Check-up\\; room 2\\, upstairs ", file);
        Assert.Contains("\r\n é", file);
        Assert.Contains("LOCATION:1 Quay St\\nBristol\r\n", file);
        Assert.Contains("DTSTART:19700101T010000Z\r\n", file);
        Assert.EndsWith("END:VCALENDAR\r\n", file);
    }
}
