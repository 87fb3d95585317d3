using ClientReminders.Tests.Clients;
using ClientReminders.Tests.Reminders.Pipeline;

namespace ClientReminders.Tests.Privacy;

/// <summary>The export holds everything stored for the account, at the edges of every window the screens use.</summary>
public class ExportCompletenessTests(RemindersApp fixture) : IClassFixture<RemindersApp>
{
    [Fact]
    public async Task TheExportHoldsAppointmentsOfAnyDateEveryReplyAndTheWholeSecurityLog()
    {
        using var owner = await Owner.SignUpAsync(fixture.App);
        var clientId = await owner.AddClientIdAsync();
        var services = fixture.App.Services;
        var tables = services.GetRequiredService<TableClients>();
        var cipher = services.GetRequiredService<FieldCipher>();
        var now = fixture.Clock.GetUtcNow();
        // Written as a calendar sync or an older version of the app may have left them: long past and far ahead.
        var appointments = await tables.GetAsync(StorageTables.Appointments);
        foreach (var (id, start) in new[] { (Ids.New(), now.AddYears(-3)), (Ids.New(), now.AddYears(9)) })
        {
            var row = new AppointmentEntity
            {
                PartitionKey = owner.AccountId,
                RowKey = id,
                ClientId = clientId,
                Start = start.UtcDateTime.ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
                End = start.UtcDateTime.AddHours(1).ToString(AppointmentFields.LocalFormat, CultureInfo.InvariantCulture),
                TimeZone = "Etc/UTC",
                StartUtc = start,
                Version = 1,
            };
            row.Title = await cipher.EncryptAsync(
                owner.AccountId,
                AppointmentFields.Context(row, nameof(AppointmentEntity.Title)),
                "Edge",
                CancellationToken.None
            );
            await appointments.AddEntityAsync(row);
        }
        var replies = await tables.GetAsync(StorageTables.Replies);
        foreach (var batch in Enumerable.Range(0, Replies.MaxListed + 1).Chunk(100))
        {
            await replies.SubmitTransactionAsync(
                batch.Select(i => new TableTransactionAction(
                    TableTransactionActionType.Add,
                    new ReplyEntity
                    {
                        PartitionKey = owner.AccountId,
                        RowKey = ReplyEntity.RowKeyFor(now.AddMinutes(-i), $"edge{i}"),
                        ClientId = clientId,
                        ReceivedAt = now.AddMinutes(-i),
                    }
                ))
            );
        }
        var before = (await services.GetRequiredService<AuditLog>().ListAllAsync(owner.AccountId).ToListAsync()).Count;
        var auditTable = await tables.GetAsync(StorageTables.AuditLog);
        foreach (var batch in Enumerable.Range(0, AuditLog.MaxTake).Chunk(100))
        {
            await auditTable.SubmitTransactionAsync(
                batch.Select(i => new TableTransactionAction(
                    TableTransactionActionType.Add,
                    new TableEntity(owner.AccountId, $"edge-{i:D5}") { ["At"] = now.AddSeconds(-i), ["Event"] = "SignInFailed" }
                ))
            );
        }

        using var response = await owner.Browser.GetAsync("/api/export?format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, export.RootElement.GetProperty("appointments").GetArrayLength());
        Assert.Equal(Replies.MaxListed + 1, export.RootElement.GetProperty("replies").GetArrayLength());
        // The export itself is logged as it is made.
        Assert.True(export.RootElement.GetProperty("securityLog").GetArrayLength() >= before + AuditLog.MaxTake);
    }
}
