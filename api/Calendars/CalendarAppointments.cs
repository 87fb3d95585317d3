namespace ClientReminders.Calendars;

/// <summary>
/// Appointments made from calendar events: written like the owner's own (same table, same encryption) and handed to the
/// planner after every change, so reminders follow the calendar. The id is fixed by the event, so syncing twice updates.
/// </summary>
public sealed class CalendarAppointments(
    TableClients tables,
    FieldCipher cipher,
    KeyRing keys,
    ReminderPlanner planner,
    SendingConfigs configs,
    TimeProvider time
)
{
    private const int MaxText = 200;

    public string IdFor(string accountId, string sourceId, string eventKey) =>
        keys.BlindIndex("calendar-appointment", $"{accountId}|{sourceId}|{eventKey}")[..32];

    /// <summary>
    /// Writes the event's appointment and plans it. With <paramref name="firstSeen"/> (the event was never remembered) there is
    /// almost surely no appointment yet, so it is added without a read; one there after all makes the add fail and be read.
    /// </summary>
    public async Task UpsertAsync(
        AccountEntity account,
        CalendarSourceEntity source,
        string sourceName,
        string appointmentId,
        string clientId,
        CalendarEvent item,
        CancellationToken cancellationToken,
        bool firstSeen = false
    )
    {
        var table = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(item.TimeZone);
        var start = TimeZoneInfo.ConvertTime(item.StartUtc, zone).DateTime.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture);
        var end = TimeZoneInfo.ConvertTime(item.EndUtc, zone).DateTime.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture);
        var title = Limit(item.Subject);
        var location = Limit(item.Location);
        AppointmentEntity? appointment;
        for (var attempt = 1; ; attempt++)
        {
            appointment = null;
            if (!firstSeen || attempt > 1)
            {
                var found = await table.GetEntityIfExistsAsync<AppointmentEntity>(account.Id, appointmentId, cancellationToken: cancellationToken);
                appointment = found.HasValue ? found.Value! : null;
            }
            if (
                appointment is not null
                && appointment.Status == AppointmentStatus.Scheduled
                && appointment.ClientId == clientId
                && appointment.Start == start
                && appointment.End == end
                && appointment.TimeZone == item.TimeZone
                && appointment.SourceName == sourceName
                && appointment.SourceLink == item.WebLink
                && await cipher.ReadAsync(account.Id, appointment, nameof(AppointmentEntity.Title), cancellationToken) == title
                && await cipher.ReadAsync(account.Id, appointment, nameof(AppointmentEntity.Location), cancellationToken) == location
            )
            {
                return;
            }
            var now = time.GetUtcNow();
            appointment ??= new AppointmentEntity
            {
                PartitionKey = account.Id,
                RowKey = appointmentId,
                CreatedAt = now,
            };
            appointment.ClientId = clientId;
            appointment.Start = start;
            appointment.End = end;
            appointment.TimeZone = item.TimeZone;
            appointment.StartUtc = item.StartUtc;
            appointment.Status = AppointmentStatus.Scheduled;
            appointment.Source = source.Kind;
            appointment.SourceId = source.Id;
            appointment.SourceName = sourceName;
            appointment.SourceLink = item.WebLink;
            appointment.Title = await cipher.EncryptAsync(
                account.Id,
                AppointmentFields.Context(appointment, nameof(AppointmentEntity.Title)),
                title,
                cancellationToken
            );
            appointment.Location = await cipher.EncryptAsync(
                account.Id,
                AppointmentFields.Context(appointment, nameof(AppointmentEntity.Location)),
                location,
                cancellationToken
            );
            appointment.Notes ??= await cipher.EncryptAsync(
                account.Id,
                AppointmentFields.Context(appointment, nameof(AppointmentEntity.Notes)),
                "",
                cancellationToken
            );
            appointment.Version++;
            appointment.UpdatedAt = now;
            try
            {
                await SaveAsync(table, appointment, cancellationToken);
                break;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 3)
            {
                // Another sync or the owner changed it meanwhile: read it again and re-apply the event.
            }
        }
        // SaveAsync keeps the write's ETag, so the planner's own write to the row needs no read back.
        await PlanAsync(account, appointment, cancellationToken);
    }

    /// <summary>Cancels the appointment (and so its reminders) if it exists and is still on.</summary>
    public async Task CancelAsync(AccountEntity account, string appointmentId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var found = await table.GetEntityIfExistsAsync<AppointmentEntity>(account.Id, appointmentId, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value!.Status == AppointmentStatus.Cancelled)
            {
                return;
            }
            var appointment = found.Value;
            appointment.Status = AppointmentStatus.Cancelled;
            appointment.Version++;
            appointment.UpdatedAt = time.GetUtcNow();
            try
            {
                await SaveAsync(table, appointment, cancellationToken);
                await PlanAsync(account, appointment, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 3) { }
        }
    }

    /// <summary>A sync plans many appointments of one account: its rules come from the short-lived per-account cache, not one query each.</summary>
    private async Task PlanAsync(AccountEntity account, AppointmentEntity appointment, CancellationToken cancellationToken)
    {
        if (await configs.GetAsync(account.Id, cancellationToken) is { } config)
        {
            await planner.PlanAsync(account, appointment, config.Rules, cancellationToken);
        }
        else
        {
            await planner.PlanAsync(account, appointment, cancellationToken);
        }
    }

    private static async Task SaveAsync(TableClient table, AppointmentEntity appointment, CancellationToken cancellationToken)
    {
        var response =
            appointment.ETag == default
                ? await table.AddEntityAsync(appointment, cancellationToken)
                : await table.UpdateEntityAsync(appointment, appointment.ETag, TableUpdateMode.Replace, cancellationToken);
        appointment.ETag = response.Headers.ETag ?? appointment.ETag;
    }

    /// <summary>An event's text as the app keeps it: on one line, without control or direction-override characters, and short.</summary>
    private static string Limit(string text)
    {
        var trimmed = FreeText.Clean(text);
        return trimmed.Length > MaxText ? trimmed[..MaxText] : trimmed;
    }
}
