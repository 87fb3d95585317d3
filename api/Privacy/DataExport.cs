using System.IO.Compression;
using System.IO.Pipelines;

namespace ClientReminders.Privacy;

/// <summary>Everything held for an account, machine-readable (GDPR Art. 20): JSON streamed as it is read, or CSV files in a ZIP.</summary>
public sealed class DataExport(
    ClientStore clients,
    ClientDirectory directory,
    AuditLog audit,
    AppointmentService appointments,
    ReminderService reminders,
    RuleService rules,
    TemplateService templates,
    Replies replies,
    ConversationService conversations,
    CalendarData calendars,
    TableClients tables,
    TimeProvider time
)
{
    /// <summary>Writes into the response's pipe (the serializer's own flushes would be synchronous on a stream) and flushes it as it goes.</summary>
    public async Task WriteJsonAsync(AccountEntity account, PipeWriter output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("exportedAt", time.GetUtcNow());
        json.WritePropertyName("account");
        JsonSerializer.Serialize(json, MeResponse.From(account), JsonSerializerOptions.Web);
        json.WriteStartArray("clients");
        long flushedAt = 0;
        await foreach (var client in ClientsAsync(account.Id, cancellationToken))
        {
            JsonSerializer.Serialize(json, client, JsonSerializerOptions.Web);
            if (json.BytesCommitted + json.BytesPending > flushedAt + (64 * 1024))
            {
                json.Flush();
                await output.FlushAsync(cancellationToken);
                flushedAt = json.BytesCommitted;
            }
        }
        json.WriteEndArray();
        json.WritePropertyName("imports");
        JsonSerializer.Serialize(json, await ImportsAsync(account.Id, cancellationToken), JsonSerializerOptions.Web);
        json.WritePropertyName("appointments");
        JsonSerializer.Serialize(json, (await AppointmentsAsync(account, cancellationToken)).Items, JsonSerializerOptions.Web);
        json.WritePropertyName("reminders");
        JsonSerializer.Serialize(json, (await reminders.ListAsync(account, null, cancellationToken)).Items, JsonSerializerOptions.Web);
        json.WritePropertyName("replies");
        JsonSerializer.Serialize(json, (await replies.ListAsync(account, cancellationToken, all: true)).Items, JsonSerializerOptions.Web);
        json.WritePropertyName("conversations");
        JsonSerializer.Serialize(json, await conversations.ExportAsync(account, cancellationToken), JsonSerializerOptions.Web);
        json.WritePropertyName("reminderRules");
        JsonSerializer.Serialize(json, (await rules.ListAsync(account.Id, cancellationToken)).Items, JsonSerializerOptions.Web);
        json.WritePropertyName("templates");
        JsonSerializer.Serialize(
            json,
            new
            {
                sms = await templates.GetAsync(account.Id, ReminderChannel.Sms, cancellationToken),
                email = await templates.GetAsync(account.Id, ReminderChannel.Email, cancellationToken),
                settings = await templates.GetSettingsAsync(account.Id, cancellationToken),
            },
            JsonSerializerOptions.Web
        );
        json.WritePropertyName("calendars");
        JsonSerializer.Serialize(json, await calendars.ExportAsync(account.Id, cancellationToken), JsonSerializerOptions.Web);
        json.WritePropertyName("securityLog");
        JsonSerializer.Serialize(json, await audit.ListAllAsync(account.Id, cancellationToken).ToListAsync(cancellationToken), JsonSerializerOptions.Web);
        json.WriteEndObject();
        json.Flush();
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Builds the ZIP in memory (the archive writer is synchronous), then streams it.</summary>
    public async Task WriteCsvZipAsync(AccountEntity account, Stream output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteEntryAsync(
                zip,
                "account.csv",
                ["id", "businessName", "ownerName", "email", "country", "timeZone", "createdAt", "plan"],
                Rows([
                    [
                        account.Id,
                        account.BusinessName,
                        account.OwnerName,
                        account.Email,
                        account.Country,
                        account.TimeZone,
                        Iso(account.CreatedAt),
                        account.PlanCode,
                    ],
                ]),
                cancellationToken
            );
            await WriteEntryAsync(
                zip,
                "clients.csv",
                ["id", "name", "mobile", "email", "status", "createdAt", "updatedAt"],
                Select(ClientsAsync(account.Id, cancellationToken), c =>
                    (IReadOnlyList<string>)[c.Id, c.Name, c.Mobile ?? "", c.Email ?? "", c.Status, Iso(c.CreatedAt), Iso(c.UpdatedAt)]
                ),
                cancellationToken
            );
            await WriteEntryAsync(
                zip,
                "imports.csv",
                ["id", "fileName", "createdAt", "status", "created", "skipped", "rejected", "consentStatement", "consentAt", "consentBy"],
                Rows(
                    (await ImportsAsync(account.Id, cancellationToken)).Select(i =>
                        (IReadOnlyList<string>)
                            [
                                i.Id,
                                i.FileName,
                                Iso(i.CreatedAt),
                                i.Status,
                                N(i.Created),
                                N(i.Skipped),
                                N(i.Rejected),
                                i.ConsentStatement,
                                Iso(i.ConsentAt),
                                i.ConsentBy,
                            ]
                    )
                ),
                cancellationToken
            );
            await WriteEntryAsync(
                zip,
                "appointments.csv",
                ["id", "clientId", "clientName", "start", "end", "timeZone", "title", "location", "notes", "status"],
                Rows(
                    (await AppointmentsAsync(account, cancellationToken)).Items.Select(a =>
                        (IReadOnlyList<string>)[a.Id, a.ClientId, a.ClientName, a.Start, a.End, a.TimeZone, a.Title, a.Location, a.Notes, a.Status]
                    )
                ),
                cancellationToken
            );
            await WriteEntryAsync(
                zip,
                "reminders.csv",
                ["id", "appointmentId", "clientId", "clientName", "channel", "dueAt", "status", "reason", "sentAt"],
                Rows(
                    (await reminders.ListAsync(account, null, cancellationToken)).Items.Select(r =>
                        (IReadOnlyList<string>)
                            [
                                r.Id,
                                r.AppointmentId,
                                r.ClientId,
                                r.ClientName,
                                r.Channel.Name(),
                                Iso(r.DueAt),
                                r.Status.Name(),
                                r.Reason ?? "",
                                r.SentAt is { } sent ? Iso(sent) : "",
                            ]
                    )
                ),
                cancellationToken
            );
            await WriteEntryAsync(
                zip,
                "conversations.csv",
                ["clientId", "at", "direction", "kind", "channel", "text", "reminderId", "replyId"],
                Rows(
                    (await conversations.ExportAsync(account, cancellationToken)).Select(m =>
                        (IReadOnlyList<string>)
                            [m.ClientId, Iso(m.At), m.Direction.Name(), m.Kind.Name(), m.Channel.Name(), m.Text ?? "", m.ReminderId ?? "", m.ReplyId ?? ""]
                    )
                ),
                cancellationToken
            );
            var calendarData = await calendars.ExportAsync(account.Id, cancellationToken);
            await WriteEntryAsync(
                zip,
                "calendar-connections.csv",
                ["id", "kind", "mailbox", "status", "lookAheadDays", "connectedAt"],
                Rows(calendarData.Connections.Select(c => (IReadOnlyList<string>)[c.Id, c.Kind, c.Mailbox, c.Status, N(c.LookAheadDays), Iso(c.ConnectedAt)])),
                cancellationToken
            );
            await WriteEntryAsync(
                zip,
                "calendars.csv",
                [
                    "id",
                    "kind",
                    "connectionId",
                    "name",
                    "feedAddress",
                    "matchAttendeeEmail",
                    "matchNameInSubject",
                    "matchContactInText",
                    "createClients",
                    "includeAllDay",
                    "includeFree",
                    "windowStart",
                    "windowEnd",
                    "lastSyncAt",
                    "lastError",
                ],
                Rows(
                    calendarData.Calendars.Select(c =>
                        (IReadOnlyList<string>)
                            [
                                c.Id,
                                c.Kind,
                                c.ConnectionId ?? "",
                                c.Name,
                                c.FeedAddress ?? "",
                                B(c.Matching.MatchAttendeeEmail),
                                B(c.Matching.MatchNameInSubject),
                                B(c.Matching.MatchContactInText),
                                B(c.Matching.CreateClients),
                                B(c.Matching.IncludeAllDay),
                                B(c.Matching.IncludeFree),
                                Iso(c.WindowStart),
                                Iso(c.WindowEnd),
                                Iso(c.LastSyncAt),
                                c.LastError ?? "",
                            ]
                    )
                ),
                cancellationToken
            );
            await WriteEntryAsync(
                zip,
                "calendar-events.csv",
                [
                    "id",
                    "calendarId",
                    "state",
                    "reason",
                    "startUtc",
                    "endUtc",
                    "timeZone",
                    "subject",
                    "location",
                    "webLink",
                    "appointmentId",
                    "candidateClientIds",
                ],
                Rows(
                    calendarData.Events.Select(e =>
                        (IReadOnlyList<string>)
                            [
                                e.Id,
                                e.CalendarId,
                                e.State,
                                e.Reason ?? "",
                                Iso(e.StartUtc),
                                Iso(e.EndUtc),
                                e.TimeZone,
                                e.Subject,
                                e.Location,
                                e.WebLink ?? "",
                                e.AppointmentId ?? "",
                                string.Join(' ', e.CandidateClientIds),
                            ]
                    )
                ),
                cancellationToken
            );
            await WriteEntryAsync(
                zip,
                "calendar-assignments.csv",
                ["id", "calendarId", "scope", "clientId", "ignore", "createdAt"],
                Rows(
                    calendarData.Assignments.Select(a => (IReadOnlyList<string>)[a.Id, a.CalendarId, a.Scope, a.ClientId ?? "", B(a.Ignore), Iso(a.CreatedAt)])
                ),
                cancellationToken
            );
            await WriteEntryAsync(
                zip,
                "security-log.csv",
                ["at", "event", "ip", "userAgent", "detail"],
                Rows(
                    (await audit.ListAllAsync(account.Id, cancellationToken).ToListAsync(cancellationToken)).Select(e =>
                        (IReadOnlyList<string>)[Iso(e.At), e.Event, e.Ip ?? "", e.UserAgent ?? "", e.Detail ?? ""]
                    )
                ),
                cancellationToken
            );
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    public sealed record ExportedImport(
        string Id,
        string FileName,
        DateTimeOffset CreatedAt,
        string Status,
        int Created,
        int Skipped,
        int Rejected,
        string ConsentStatement,
        DateTimeOffset ConsentAt,
        string ConsentBy
    );

    private async IAsyncEnumerable<ClientView> ClientsAsync(string accountId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var client in clients.ListAsync(accountId, cancellationToken))
        {
            yield return await directory.DecryptAsync(accountId, client, cancellationToken);
        }
    }

    private async Task<List<ExportedImport>> ImportsAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.Imports, cancellationToken);
        var result = new List<ExportedImport>();
        await foreach (
            var i in table.QueryAsync<ImportEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {accountId}"), cancellationToken: cancellationToken)
        )
        {
            result.Add(
                new ExportedImport(i.Id, i.FileName, i.CreatedAt, i.Status, i.Created, i.Skipped, i.Rejected, i.ConsentStatement, i.ConsentAt, i.ConsentBy)
            );
        }
        return result;
    }

    private Task<AppointmentList> AppointmentsAsync(AccountEntity account, CancellationToken cancellationToken) =>
        appointments.ListAllAsync(account, cancellationToken);

    private static async Task WriteEntryAsync(
        ZipArchive zip,
        string name,
        IReadOnlyList<string> header,
        IAsyncEnumerable<IReadOnlyList<string>> rows,
        CancellationToken cancellationToken
    )
    {
        await using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        await using var writer = new StreamWriter(entry, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var csv = new CsvWriter(writer);
        await csv.WriteRowAsync(header, cancellationToken);
        await foreach (var row in rows)
        {
            await csv.WriteRowAsync(row, cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    private static async IAsyncEnumerable<IReadOnlyList<string>> Rows(IEnumerable<IReadOnlyList<string>> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }
        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<IReadOnlyList<string>> Select<T>(IAsyncEnumerable<T> source, Func<T, IReadOnlyList<string>> map)
    {
        await foreach (var item in source)
        {
            yield return map(item);
        }
    }

    private static string Iso(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static string Iso(DateTimeOffset? value) => value is { } known ? Iso(known) : "";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string B(bool value) => value ? "true" : "false";
}
