namespace ClientReminders.Messaging;

/// <summary>What a client said about their appointment, by text or from the answer page.</summary>
public static class AppointmentResponses
{
    public const string Confirmed = "confirmed";
    public const string CancellationRequested = "cancellation-requested";
    public const string RearrangeRequested = "rearrange-requested";
}

/// <summary>How the answer came: a text reply to a reminder, or a button on the page its link opens.</summary>
public enum AnswerChannel
{
    TextReply,
    AnswerPage,
}

/// <summary>
/// Records a client's answer on their appointment and tells the owner by email. The appointment itself is never changed
/// (only its response), so a cancellation asked for stays a request, and a calendar-made appointment stays as Outlook has it.
/// </summary>
public sealed class AppointmentResponder(
    TableClients tables,
    ClientStore clients,
    ClientDirectory directory,
    IEmailSender email,
    IOptions<AppOptions> app,
    ILogger<AppointmentResponder> logger
)
{
    /// <summary>False when the appointment already had this answer: nothing is written or emailed again.</summary>
    public async Task<bool> RecordAsync(
        AccountEntity account,
        AppointmentEntity appointment,
        string response,
        AnswerChannel channel,
        CancellationToken cancellationToken
    )
    {
        if (appointment.Response == response)
        {
            return false;
        }
        var table = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        // A merge of this one property: the appointment's version stays, so its reminders are not planned again.
        await table.UpdateEntityAsync(
            new TableEntity(account.Id, appointment.Id) { [nameof(AppointmentEntity.Response)] = response },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken
        );
        appointment.Response = response;
        logger.LogInformation("Appointment {AppointmentId} answered {Response} by {Channel}", appointment.Id, response, channel);
        if (channel == AnswerChannel.AnswerPage && response == AppointmentResponses.Confirmed)
        {
            // A confirmation needs nothing of the owner; it shows on the appointment and in replies.
            return true;
        }
        var client = await clients.GetAsync(account.Id, appointment.ClientId, cancellationToken);
        var name = client is null ? "A client" : (await directory.DecryptAsync(account.Id, client, cancellationToken)).Name;
        var start = DateTime.Parse(appointment.Start, CultureInfo.InvariantCulture).ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);
        var link = app.Value.Link($"/appointments/{appointment.Id}");
        var how = channel == AnswerChannel.TextReply ? "replied to a reminder" : "answered from the link in a reminder";
        var calendar = appointment.SourceId is null ? null : CalendarAppointmentEdits.CalendarText(appointment.Source);
        await email.SendAsync(
            response switch
            {
                AppointmentResponses.CancellationRequested => EmailTemplates.CancellationRequested(
                    account.Email,
                    account.OwnerName,
                    name,
                    start,
                    link,
                    how,
                    calendar
                ),
                AppointmentResponses.RearrangeRequested => EmailTemplates.RearrangeRequested(account.Email, account.OwnerName, name, start, link, calendar),
                _ => EmailTemplates.AppointmentConfirmed(account.Email, account.OwnerName, name, start, link, how),
            },
            cancellationToken
        );
        return true;
    }
}
