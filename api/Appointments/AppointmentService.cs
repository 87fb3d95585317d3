namespace ClientReminders.Appointments;

public sealed class AppointmentService(
    TableClients tables,
    FieldCipher cipher,
    ClientStore clients,
    ClientDirectory directory,
    ReminderPlanner planner,
    ReminderStore store,
    CalendarAppointmentEdits calendarEdits,
    TimeProvider time
)
{
    public async Task<AppointmentList> ListAsync(
        AccountEntity account,
        DateOnly? from,
        DateOnly? to,
        CancellationToken cancellationToken,
        string? clientId = null
    )
    {
        var forClient = string.IsNullOrWhiteSpace(clientId) ? "" : " and " + TableClient.CreateQueryFilter($"ClientId eq {clientId}");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(account.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var errors = new FieldErrors();
        foreach (var (field, day) in new[] { ("from", from), ("to", to) })
        {
            if (day is { } asked && !DateWindow.FilterAllows(asked, today))
            {
                errors.Add(field, DateWindow.FilterProblem(today));
            }
        }
        errors.ThrowIfAny();
        var start = ReminderTiming.ToInstant((from ?? today).ToDateTime(TimeOnly.MinValue), zone);
        var end = ReminderTiming.ToInstant((to ?? today.AddDays(30)).ToDateTime(TimeOnly.MinValue), zone);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {account.Id} and StartUtc ge {start} and StartUtc lt {end}") + forClient;
        return await ListAsync(account, filter, RemindersByAppointmentAsync(account.Id, start, end, forClient, cancellationToken), cancellationToken);
    }

    /// <summary>Every appointment the account has, whatever its date, with its reminders: what the data export holds.</summary>
    public Task<AppointmentList> ListAllAsync(AccountEntity account, CancellationToken cancellationToken) =>
        ListAsync(
            account,
            TableClient.CreateQueryFilter($"PartitionKey eq {account.Id}"),
            RemindersAsync(ReminderKeys.AccountFilter(account.Id), cancellationToken),
            cancellationToken
        );

    private async Task<AppointmentList> ListAsync(
        AccountEntity account,
        string filter,
        Task<Dictionary<string, List<AppointmentReminder>>> remindersLoad,
        CancellationToken cancellationToken
    )
    {
        var table = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        var appointments = await table.ListAsync<AppointmentEntity>(filter, cancellationToken: cancellationToken);
        var names = (await directory.GetAsync(account, cancellationToken)).Clients.ToDictionary(c => c.Id, c => c.Name);
        var reminders = await remindersLoad;
        var items = new List<AppointmentResponse>();
        foreach (var appointment in appointments.OrderBy(a => a.StartUtc))
        {
            items.Add(
                await ResponseAsync(
                    account.Id,
                    appointment,
                    names.GetValueOrDefault(appointment.ClientId) ?? "Removed client",
                    reminders.GetValueOrDefault(appointment.Id) ?? [],
                    cancellationToken
                )
            );
        }
        return new AppointmentList(items);
    }

    public async Task<AppointmentResponse?> GetAsync(AccountEntity account, string id, CancellationToken cancellationToken) =>
        await FindAsync(account.Id, id, cancellationToken) is { } appointment ? await ResponseAsync(account, appointment, cancellationToken) : null;

    public async Task<AppointmentResponse> CreateAsync(AccountEntity account, AppointmentInput input, CancellationToken cancellationToken)
    {
        var valid = await ValidateAsync(account, input, cancellationToken);
        var now = time.GetUtcNow();
        var appointment = new AppointmentEntity
        {
            PartitionKey = account.Id,
            RowKey = Ids.New(),
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        await SetAsync(account.Id, appointment, valid, cancellationToken);
        var table = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        await table.AddEntityAsync(appointment, cancellationToken);
        try
        {
            await planner.PlanAsync(account, appointment, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // All or nothing: an appointment whose reminders could not be planned is not kept, nor any reminder it got.
            await store.DeleteAllOfAsync(account.Id, appointment.Id, CancellationToken.None);
            await table.DeleteEntityAsync(account.Id, appointment.Id, ETag.All, CancellationToken.None);
            throw;
        }
        return await ResponseAsync(account, appointment, cancellationToken);
    }

    public async Task<AppointmentResponse?> UpdateAsync(AccountEntity account, string id, AppointmentInput input, CancellationToken cancellationToken)
    {
        if (await FindAsync(account.Id, id, cancellationToken) is not { } appointment)
        {
            return null;
        }
        if (appointment.Status == AppointmentStatus.Cancelled)
        {
            throw ValidationFailedException.For("start", "This appointment was cancelled and can no longer be changed.");
        }
        var valid = await ValidateAsync(account, input, cancellationToken);
        var clientBefore = appointment.ClientId;
        var before = Copy(appointment);
        if (appointment.SourceId is not null)
        {
            await RefuseCalendarChangesAsync(account.Id, appointment, valid, cancellationToken);
        }
        await SetAsync(account.Id, appointment, valid, cancellationToken);
        // The assignment first: a sync between the two writes then keeps the new client, and a failure saves nothing half-way.
        if (appointment.SourceId is not null && appointment.ClientId != clientBefore)
        {
            await calendarEdits.RememberClientAsync(account.Id, appointment, appointment.ClientId, cancellationToken);
        }
        await SaveAsync(appointment, cancellationToken);
        try
        {
            await planner.PlanAsync(account, appointment, cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // All or nothing: the appointment goes back to what it was, and its reminders with it.
            Restore(appointment, before);
            await SaveAsync(appointment, CancellationToken.None);
            await planner.PlanAsync(account, appointment, CancellationToken.None);
            throw;
        }
        return await ResponseAsync(account, appointment, cancellationToken);
    }

    private static AppointmentEntity Copy(AppointmentEntity appointment) =>
        new()
        {
            ClientId = appointment.ClientId,
            Start = appointment.Start,
            End = appointment.End,
            TimeZone = appointment.TimeZone,
            StartUtc = appointment.StartUtc,
            Title = appointment.Title,
            Location = appointment.Location,
            Notes = appointment.Notes,
        };

    private static void Restore(AppointmentEntity appointment, AppointmentEntity before) =>
        (
            appointment.ClientId,
            appointment.Start,
            appointment.End,
            appointment.TimeZone,
            appointment.StartUtc,
            appointment.Title,
            appointment.Location,
            appointment.Notes
        ) = (before.ClientId, before.Start, before.End, before.TimeZone, before.StartUtc, before.Title, before.Location, before.Notes);

    /// <summary>
    /// A calendar's appointment takes its time, title and location from the event (the next sync would silently overwrite an
    /// edit here); the client and the notes, which the sync keeps, are the owner's to change.
    /// </summary>
    private async Task RefuseCalendarChangesAsync(string accountId, AppointmentEntity appointment, ValidAppointment valid, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var where = $"Change this in {CalendarAppointmentEdits.CalendarText(appointment.Source)}: this appointment follows the event there.";
        void RefuseIf(bool changed, string field)
        {
            if (changed)
            {
                errors.Add(field, where);
            }
        }
        RefuseIf(valid.Start.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture) != appointment.Start, "start");
        RefuseIf(valid.End.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture) != appointment.End, "end");
        RefuseIf(valid.TimeZone != appointment.TimeZone, "timeZone");
        RefuseIf(valid.Title != (await cipher.ReadAsync(accountId, appointment, nameof(AppointmentEntity.Title), cancellationToken) ?? ""), "title");
        RefuseIf(valid.Location != (await cipher.ReadAsync(accountId, appointment, nameof(AppointmentEntity.Location), cancellationToken) ?? ""), "location");
        errors.ThrowIfAny();
    }

    public async Task<bool> CancelAsync(AccountEntity account, string id, CancellationToken cancellationToken)
    {
        if (await FindAsync(account.Id, id, cancellationToken) is not { } appointment)
        {
            return false;
        }
        if (appointment.Status != AppointmentStatus.Cancelled)
        {
            appointment.Status = AppointmentStatus.Cancelled;
            await SaveAsync(appointment, cancellationToken);
            await planner.PlanAsync(account, appointment, cancellationToken);
        }
        return true;
    }

    public async Task<AppointmentEntity?> FindAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var table = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<AppointmentEntity>(accountId, id, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    private sealed record ValidAppointment(
        string ClientId,
        DateTime Start,
        DateTime End,
        string TimeZone,
        DateTimeOffset StartUtc,
        string Title,
        string Location,
        string Notes
    );

    private async Task<ValidAppointment> ValidateAsync(AccountEntity account, AppointmentInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (input.ClientId is not { Length: > 0 } clientId || await clients.GetAsync(account.Id, clientId, cancellationToken) is not { } client)
        {
            errors.Add("clientId", "Choose the client this appointment is with.");
        }
        else if (client.Status == ClientStatus.Anonymised)
        {
            errors.Add("clientId", "This client has been anonymised; appointments can no longer be made for them.");
        }
        var zoneId = string.IsNullOrWhiteSpace(input.TimeZone) ? account.TimeZone : errors.TimeZone("timeZone", input.TimeZone);
        var start = ParseLocal(errors, "start", input.Start, "start");
        var end = ParseLocal(errors, "end", input.End, "end");
        var today = DateOnly.FromDateTime(
            TimeZoneInfo.ConvertTime(time.GetUtcNow(), TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var asked) ? asked : TimeZoneInfo.Utc).DateTime
        );
        if (start is { } early && !DateWindow.AppointmentAllows(early, today))
        {
            errors.Add("start", DateWindow.AppointmentProblem(today));
        }
        else if (start is { } s && end is { } e && e <= s)
        {
            errors.Add("end", "The appointment must end after it starts.");
        }
        else if (start is { } from && end is { } until && until - from > DateWindow.LongestAppointment)
        {
            errors.Add("end", "An appointment can last at most a week.");
        }
        var title = errors.Free("title", input.Title, "title", 200);
        var location = errors.Free("location", input.Location, "location", 200);
        var notes = errors.Free("notes", input.Notes, "notes", 2000, multiline: true);
        errors.ThrowIfAny();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        return new ValidAppointment(input.ClientId!, start!.Value, end!.Value, zoneId, ReminderTiming.ToInstant(start.Value, zone), title, location, notes);
    }

    private async Task SetAsync(string accountId, AppointmentEntity appointment, ValidAppointment valid, CancellationToken cancellationToken)
    {
        appointment.ClientId = valid.ClientId;
        appointment.Start = valid.Start.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture);
        appointment.End = valid.End.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture);
        appointment.TimeZone = valid.TimeZone;
        appointment.StartUtc = valid.StartUtc;
        appointment.Title = await cipher.EncryptAsync(
            accountId,
            AppointmentFields.Context(appointment, nameof(AppointmentEntity.Title)),
            valid.Title,
            cancellationToken
        );
        appointment.Location = await cipher.EncryptAsync(
            accountId,
            AppointmentFields.Context(appointment, nameof(AppointmentEntity.Location)),
            valid.Location,
            cancellationToken
        );
        appointment.Notes = await cipher.EncryptAsync(
            accountId,
            AppointmentFields.Context(appointment, nameof(AppointmentEntity.Notes)),
            valid.Notes,
            cancellationToken
        );
        appointment.UpdatedAt = time.GetUtcNow();
    }

    private async Task SaveAsync(AppointmentEntity appointment, CancellationToken cancellationToken)
    {
        appointment.Version++;
        appointment.UpdatedAt = time.GetUtcNow();
        var table = await tables.GetAsync(StorageTables.Appointments, cancellationToken);
        var response = await table.UpdateEntityAsync(appointment, appointment.ETag, TableUpdateMode.Replace, cancellationToken);
        appointment.ETag = response.Headers.ETag ?? appointment.ETag;
    }

    private async Task<AppointmentResponse> ResponseAsync(AccountEntity account, AppointmentEntity appointment, CancellationToken cancellationToken)
    {
        var client = await clients.GetAsync(account.Id, appointment.ClientId, cancellationToken);
        var name = client is null ? "Removed client" : (await directory.DecryptAsync(account.Id, client, cancellationToken)).Name;
        var reminders = Group(await store.RemindersOfAsync(account.Id, appointment, cancellationToken));
        return await ResponseAsync(account.Id, appointment, name, reminders.GetValueOrDefault(appointment.Id) ?? [], cancellationToken);
    }

    private async Task<AppointmentResponse> ResponseAsync(
        string accountId,
        AppointmentEntity appointment,
        string clientName,
        IReadOnlyList<AppointmentReminder> reminders,
        CancellationToken cancellationToken
    ) =>
        new(
            appointment.Id,
            appointment.ClientId,
            clientName,
            appointment.Start,
            appointment.End,
            appointment.TimeZone,
            await cipher.ReadAsync(accountId, appointment, nameof(AppointmentEntity.Title), cancellationToken) ?? "",
            await cipher.ReadAsync(accountId, appointment, nameof(AppointmentEntity.Location), cancellationToken) ?? "",
            await cipher.ReadAsync(accountId, appointment, nameof(AppointmentEntity.Notes), cancellationToken) ?? "",
            appointment.Status,
            reminders,
            appointment.Response,
            appointment.SourceId is null ? null : new AppointmentSource(appointment.Source, appointment.SourceName ?? "", appointment.SourceLink)
        );

    /// <param name="narrowing">An extra <c> and …</c> clause (e.g. one client), or empty.</param>
    private Task<Dictionary<string, List<AppointmentReminder>>> RemindersByAppointmentAsync(
        string accountId,
        DateTimeOffset from,
        DateTimeOffset to,
        string narrowing,
        CancellationToken cancellationToken
    ) =>
        RemindersAsync(
            // Reminders are due at most the longest rule offset (plus a day of quiet hours) before their appointment.
            ReminderKeys.DaysFilter(
                accountId,
                DateOnly.FromDateTime(from.UtcDateTime).AddDays(-RuleService.MaxOffsetDays - 2),
                DateOnly.FromDateTime(to.UtcDateTime)
            )
                + " and "
                + TableClient.CreateQueryFilter($"AppointmentStartUtc ge {from} and AppointmentStartUtc lt {to}")
                + narrowing,
            cancellationToken
        );

    private async Task<Dictionary<string, List<AppointmentReminder>>> RemindersAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Reminders, cancellationToken);
        var rows = await table.ListAsync<ReminderEntity>(filter, cancellationToken: cancellationToken);
        return Group(rows);
    }

    private static Dictionary<string, List<AppointmentReminder>> Group(IEnumerable<ReminderEntity> rows)
    {
        var byAppointment = new Dictionary<string, List<AppointmentReminder>>(StringComparer.Ordinal);
        foreach (var reminder in rows)
        {
            if (!byAppointment.TryGetValue(reminder.AppointmentId, out var list))
            {
                byAppointment[reminder.AppointmentId] = list = [];
            }
            list.Add(
                new AppointmentReminder(
                    reminder.Id,
                    reminder.Channel ?? reminder.RuleChannel,
                    reminder.DueAt,
                    reminder.Status,
                    reminder.Reason,
                    reminder.Status == ReminderStatus.Skipped && ClientReach.IsMissingContact(reminder.Reason)
                )
            );
        }
        foreach (var list in byAppointment.Values)
        {
            list.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        }
        return byAppointment;
    }

    private static DateTime? ParseLocal(FieldErrors errors, string field, string? value, string label)
    {
        if (
            DateTime.TryParseExact(
                value?.Trim(),
                ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"],
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var local
            )
        )
        {
            return local;
        }
        errors.Add(field, $"Enter the {label} as a local date and time, like 2026-11-24T10:30.");
        return null;
    }
}
