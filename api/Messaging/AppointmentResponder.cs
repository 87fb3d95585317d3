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
/// Records a client's answer on their appointment and alerts the owner (batched, as the owner's alert settings say). The
/// appointment itself is never changed (only its response), so a cancellation asked for stays a request, and a
/// calendar-made appointment stays as Outlook has it.
/// </summary>
public sealed class AppointmentResponder(
    TableClients tables,
    OwnerAlerts alerts,
    AccountActivity activity,
    TimeProvider time,
    ILogger<AppointmentResponder> logger
)
{
    /// <summary>False when the appointment already had this answer: nothing is written or raised again.</summary>
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
        var kind = response switch
        {
            AppointmentResponses.CancellationRequested => AlertKind.Cancellation,
            AppointmentResponses.RearrangeRequested => AlertKind.Rearrange,
            _ => AlertKind.Confirmation,
        };
        // The alert first (it is keyed by the answer, so raising it again adds nothing): a failure after it leaves the answer
        // unrecorded, and the retry records it; the other way round, a retry would find it recorded and the owner never told.
        await alerts.RaiseAsync(
            account,
            new OwnerAlert(
                kind,
                appointment.ClientId,
                $"answer-{appointment.Id}-{response}",
                time.GetUtcNow(),
                appointment.Id,
                appointment.Start,
                channel == AnswerChannel.TextReply ? "text" : "link",
                appointment.SourceId is null ? null : CalendarAppointmentEdits.CalendarText(appointment.Source)
            ),
            cancellationToken
        );
        var table = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        // A merge of this one property: the appointment's version stays, so its reminders are not planned again.
        await table.UpdateEntityAsync(
            new TableEntity(account.Id, appointment.Id) { [nameof(AppointmentEntity.Response)] = response },
            ETag.All,
            TableUpdateMode.Merge,
            cancellationToken
        );
        appointment.Response = response;
        activity.Changed(account.Id);
        logger.LogInformation("Appointment {AppointmentId} answered {Response} by {Channel}", appointment.Id, response, channel);
        return true;
    }
}
