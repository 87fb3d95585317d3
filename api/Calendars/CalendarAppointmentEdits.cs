namespace ClientReminders.Calendars;

/// <summary>
/// What an owner may change on an appointment made from a calendar event: the client it is with, remembered as a review-list
/// answer for that event so the next sync keeps it. Its time, title and location belong to the calendar.
/// </summary>
public sealed class CalendarAppointmentEdits(TableClients tables, TimeProvider time)
{
    public static string CalendarText(string kind) => kind == SourceKind.Microsoft ? "Outlook" : "the calendar feed";

    public async Task RememberClientAsync(string accountId, AppointmentEntity appointment, string clientId, CancellationToken cancellationToken)
    {
        var events = await tables.GetAsync(StorageTables.CalendarEvents, cancellationToken);
        var sourceId = appointment.SourceId!;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {accountId} and RowKey ge {sourceId + ":"} and RowKey lt {sourceId + ";"} and AppointmentId eq {appointment.Id}"
        );
        await foreach (var row in events.QueryAsync<CalendarEventEntity>(filter, cancellationToken: cancellationToken))
        {
            var assignments = await tables.GetAsync(StorageTables.CalendarAssignments, cancellationToken);
            await assignments.UpsertEntityAsync(
                new CalendarAssignmentEntity
                {
                    PartitionKey = accountId,
                    RowKey = CalendarEventSink.AssignmentKey(sourceId, "e", row.EventKeyHash),
                    SourceId = sourceId,
                    ClientId = clientId,
                    CreatedAt = time.GetUtcNow(),
                },
                TableUpdateMode.Replace,
                cancellationToken
            );
        }
    }
}
