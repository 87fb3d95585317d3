using System.IO.Compression;

namespace ClientReminders.Tests.Privacy;

public class DataExportTests
{
    [Fact]
    public async Task TheJsonExportHoldsTheAccountItsClientsAndTheSecurityLog()
    {
        await using var app = await Owners.StartAppAsync();
        using var owner = new TestBrowser(app);
        var email = await Owners.SignedInAsync(app, owner);
        using var added = await owner.PostJsonAsync(
            "/api/clients",
            new
            {
                name = "Zoë Ålander",
                mobile = "07700 900123",
                email = "zoe@example.com",
            }
        );
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var clientId = (await Owners.JsonAsync(added)).GetProperty("id").GetString();
        var start = DateTime.UtcNow.Date.AddDays(3).AddHours(10);
        using var booked = await owner.PostJsonAsync(
            "/api/appointments",
            new
            {
                clientId,
                start = start.ToString("yyyy-MM-dd'T'HH:mm"),
                end = start.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm"),
                title = "Knee check",
                location = "",
                notes = "",
            }
        );
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);

        using var response = await owner.GetAsync("/api/export?format=json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        using var export = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(email, export.RootElement.GetProperty("account").GetProperty("email").GetString());
        var client = Assert.Single(export.RootElement.GetProperty("clients").EnumerateArray());
        Assert.Equal("Zoë Ålander", client.GetProperty("name").GetString());
        Assert.Equal("+447700900123", client.GetProperty("mobile").GetString());
        Assert.Contains(export.RootElement.GetProperty("securityLog").EnumerateArray(), e => e.GetProperty("event").GetString() == "DataExported");
        Assert.Equal("Knee check", Assert.Single(export.RootElement.GetProperty("appointments").EnumerateArray()).GetProperty("title").GetString());
        foreach (var section in new[] { "appointments", "reminders", "replies", "reminderRules" })
        {
            Assert.Equal(JsonValueKind.Array, export.RootElement.GetProperty(section).ValueKind);
        }
        Assert.False(string.IsNullOrEmpty(export.RootElement.GetProperty("templates").GetProperty("sms").GetProperty("body").GetString()));
    }

    [Fact]
    public async Task TheCsvExportIsAZipOfCsvFilesWithFormulasNeutralised()
    {
        await using var app = await Owners.StartAppAsync();
        using var owner = new TestBrowser(app);
        await Owners.SignedInAsync(app, owner);
        using var added = await owner.PostJsonAsync("/api/clients", new { name = "=HYPERLINK(\"http://evil.example\",\"x\")", email = "formula@example.com" });
        using var plain = await owner.PostJsonAsync("/api/clients", new { name = "Zoë Ålander", mobile = "07700 900123" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);

        using var response = await owner.GetAsync("/api/export?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Equal(
            [
                "account.csv",
                "appointments.csv",
                "calendar-assignments.csv",
                "calendar-connections.csv",
                "calendar-events.csv",
                "calendars.csv",
                "clients.csv",
                "conversations.csv",
                "imports.csv",
                "reminders.csv",
                "security-log.csv",
            ],
            zip.Entries.Select(e => e.Name).Order()
        );
        using var clients = new StreamReader(zip.GetEntry("clients.csv")!.Open());
        var text = await clients.ReadToEndAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", text, StringComparison.Ordinal);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,name,mobile,email,status,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(",Zoë Ålander,'+447700900123,,active,", StringComparison.Ordinal));
    }
}
