namespace ClientReminders.Tests.Clients.Import;

public class ClientImportApiTests(ClientsApp fixture) : IClassFixture<ClientsApp>
{
    private static readonly string LongField = new('x', 1024 * 1024);

    // Line 1 is the header; Eve's quoted name spans lines 6 and 7 (a wrapped spreadsheet cell), and is imported on one line.
    private static readonly string Mixed =
        "Name,Mobile,Email\r\n"
        + "Ann Archer,07700 900001,ann@example.com\r\n"
        + "Bob Letters,07700 9OO002,\r\n"
        + "Cy Nocontact,,\r\n"
        + $"{LongField},07700 900004,\r\n"
        + "\"Eve\r\nEvans\",,eve@example.com\r\n"
        + "Gil Letters,0770O 900008,\r\n"
        + "Fay Fenwick,+44 7700 900009,\r\n"
        + "Hal Halfway,0770 9OO 010,hal@example.com\r\n";

    private readonly TestApp app = fixture.App;

    [Fact]
    public async Task ThePreviewSuggestsTheMappingOfAnOutlookExport()
    {
        using var owner = await Owner.SignUpAsync(app);
        const string outlook =
            "Title,First Name,Middle Name,Last Name,Suffix,Company,Business Phone,Home Phone,Mobile Phone,E-mail Address,Notes\r\n"
            + "Dr,Ann,B,Archer,,Harbour Physio,020 7946 0000,,07700 900001,ann@example.com,\r\n";

        using var response = await owner.Browser.PostJsonAsync(
            "/api/clients/import/preview",
            Imports.Form(Encoding.UTF8.GetBytes(outlook), null, consent: false, "contacts.csv")
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await Owners.JsonAsync(response);
        var mapping = preview.GetProperty("suggestedMapping");
        Assert.Equal([1, 2, 3], mapping.GetProperty("name").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(8, mapping.GetProperty("mobile").GetInt32());
        Assert.Equal(9, mapping.GetProperty("email").GetInt32());
        Assert.Equal(11, preview.GetProperty("headers").GetArrayLength());
        Assert.Equal("Ann", preview.GetProperty("sampleRows")[0][1].GetString());
    }

    [Fact]
    public async Task StartingAnImportAnswers202WithItsIdAndQueuesIt()
    {
        using var owner = await Owner.SignUpAsync(app);

        using var response = await owner.Browser.PostJsonAsync(
            "/api/clients/import",
            Imports.Form(Encoding.UTF8.GetBytes(Mixed), Imports.NameMobileEmail, consent: true)
        );

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await Owners.JsonAsync(response)).GetProperty("id").GetString()!;
        Assert.Equal($"/api/clients/import/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("queued", (await owner.GetJsonAsync($"/api/clients/import/{id}")).GetProperty("status").GetString());
        var message = await Imports.TakeMessageAsync(Imports.Queue(app), id);
        await Imports.Queue(app).DeleteMessageAsync(message.MessageId, message.PopReceipt);
        Assert.Equal(new ImportMessage(owner.AccountId, id), JsonSerializer.Deserialize<ImportMessage>(message.MessageText, JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task TheImportCreatesTheGoodRowsKeepsAnEmailWhenOnlyTheMobileIsBadAndNamesTheRejectedOnesByLine()
    {
        using var owner = await Owner.SignUpAsync(app);

        var progress = await owner.ImportAsync(Mixed, Imports.NameMobileEmail);

        Assert.Equal("completed", progress.GetProperty("status").GetString());
        Assert.Equal(8, progress.GetProperty("totalRows").GetInt32());
        Assert.Equal(8, progress.GetProperty("processedRows").GetInt32());
        Assert.Equal(4, progress.GetProperty("created").GetInt32());
        Assert.Equal(0, progress.GetProperty("skipped").GetInt32());
        Assert.Equal(4, progress.GetProperty("rejected").GetInt32());
        var rejected = progress
            .GetProperty("rejectedRows")
            .EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("reason").GetString()))
            .ToList();
        Assert.Equal([3, 4, 5, 8], rejected.Select(r => r.Item1));
        Assert.Equal(
            ["Bob Letters", "Cy Nocontact", "", "Gil Letters"],
            progress.GetProperty("rejectedRows").EnumerateArray().Select(r => r.GetProperty("name").GetString())
        );
        var halfway = Assert.Single(progress.GetProperty("importedWithoutMobileRows").EnumerateArray());
        Assert.Equal((10, "Hal Halfway"), (halfway.GetProperty("line").GetInt32(), halfway.GetProperty("name").GetString()));
        Assert.StartsWith(
            "Imported with the email address only: Phone numbers can only contain digits",
            halfway.GetProperty("reason").GetString(),
            StringComparison.Ordinal
        );
        Assert.Empty(progress.GetProperty("skippedRows").EnumerateArray());
        Assert.StartsWith("Phone numbers can only contain digits", rejected[0].Item2, StringComparison.Ordinal);
        Assert.Equal("Add a mobile number or an email address.", rejected[1].Item2);
        Assert.Equal("Field 1 is longer than 1,000 characters.", rejected[2].Item2);
        Assert.StartsWith("Phone numbers can only contain digits", rejected[3].Item2, StringComparison.Ordinal);
        var clients = (await owner.GetJsonAsync("/api/clients"))
            .GetProperty("items")
            .EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString(), c.GetProperty("mobile").GetString(), c.GetProperty("email").GetString()))
            .ToList();
        Assert.Equal(
            [
                ("Ann Archer", "+447700900001", "ann@example.com"),
                ("Eve Evans", null, "eve@example.com"),
                ("Fay Fenwick", "+447700900009", null),
                ("Hal Halfway", null, "hal@example.com"),
            ],
            clients
        );
    }

    [Fact]
    public async Task TheRejectedRowsDownloadAsCsvWithTheirLinesNamesAndReasonsButNotTheirContactDetails()
    {
        using var owner = await Owner.SignUpAsync(app);
        var id = (await owner.ImportAsync(Mixed, Imports.NameMobileEmail)).GetProperty("id").GetString();

        using var response = await owner.Browser.GetAsync($"/api/clients/import/{id}/rejected.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment;", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,name,reason", lines[0]);
        Assert.Equal(["3", "4", "5", "8"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal("4,Cy Nocontact,Add a mobile number or an email address.", lines[2]);
        Assert.StartsWith("3,Bob Letters,", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains("9OO002", StringComparison.Ordinal) || l.Contains("Hal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARowWhoseNameHoldsControlOrDirectionCharactersIsRejectedAndReportedWithoutThem()
    {
        using var owner = await Owner.SignUpAsync(app);
        const string file = "Name,Mobile,Email\r\n" + "Ivy \u202EIvers,07700 900011,\r\n" + "Jo\u0000 Jones,07700 900012,\r\n" + "Kay Keen,07700 900013,\r\n";

        var done = await owner.ImportAsync(file, Imports.NameMobileEmail);

        Assert.Equal(1, done.GetProperty("created").GetInt32());
        var rejected = done.GetProperty("rejectedRows")
            .EnumerateArray()
            .Select(r => (r.GetProperty("name").GetString(), r.GetProperty("reason").GetString()))
            .ToList();
        Assert.Equal([("Ivy Ivers", FreeText.ControlProblem), ("Jo Jones", FreeText.ControlProblem)], rejected);
        using var csv = await owner.Browser.GetAsync($"/api/clients/import/{done.GetProperty("id").GetString()}/rejected.csv");
        var text = await csv.Content.ReadAsStringAsync();
        Assert.DoesNotContain(text.TrimStart('\uFEFF'), c => char.IsControl(c) && c is not '\r' and not '\n' || c is '\u202E');
    }

    [Fact]
    public async Task ImportingTheSameFileAgainCreatesNobodyAndSkipsEveryKnownClient()
    {
        using var owner = await Owner.SignUpAsync(app);
        await owner.ImportAsync(Mixed, Imports.NameMobileEmail);

        var again = await owner.ImportAsync(Mixed, Imports.NameMobileEmail);

        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(4, again.GetProperty("skipped").GetInt32());
        Assert.Equal(4, again.GetProperty("rejected").GetInt32());
        Assert.Equal(
            ["Ann Archer", "Eve Evans", "Fay Fenwick", "Hal Halfway"],
            again.GetProperty("skippedRows").EnumerateArray().Select(r => r.GetProperty("name").GetString())
        );
        Assert.Equal(4, (await owner.GetJsonAsync("/api/clients")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task ADeletedOrAnonymisedClientsNameLeavesTheImportReportsAtOnce()
    {
        using var owner = await Owner.SignUpAsync(app);
        var first = await owner.ImportAsync(Mixed, Imports.NameMobileEmail);
        var again = await owner.ImportAsync(Mixed, Imports.NameMobileEmail);
        var byName = (await owner.GetJsonAsync("/api/clients"))
            .GetProperty("items")
            .EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("id").GetString()!);

        using var deleted = await owner.Browser.DeleteJsonAsync($"/api/clients/{byName["Ann Archer"]}", null);
        using var anonymised = await owner.Browser.PostJsonAsync($"/api/clients/{byName["Hal Halfway"]}/anonymise", null);
        Assert.True(deleted.IsSuccessStatusCode && anonymised.IsSuccessStatusCode, $"{deleted.StatusCode} {anonymised.StatusCode}");

        var firstReport = await owner.GetJsonAsync($"/api/clients/import/{first.GetProperty("id").GetString()}");
        var againReport = await owner.GetJsonAsync($"/api/clients/import/{again.GetProperty("id").GetString()}");
        Assert.Equal(
            [(10, "")],
            firstReport
                .GetProperty("importedWithoutMobileRows")
                .EnumerateArray()
                .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("name").GetString()))
        );
        Assert.Equal(
            ["", "Eve Evans", "Fay Fenwick", ""],
            againReport.GetProperty("skippedRows").EnumerateArray().Select(r => r.GetProperty("name").GetString())
        );
        // The rejected rows never became clients: they stay named for the owner to fix, for the report's 30 days.
        Assert.Equal(
            ["Bob Letters", "Cy Nocontact", "", "Gil Letters"],
            againReport.GetProperty("rejectedRows").EnumerateArray().Select(r => r.GetProperty("name").GetString())
        );
    }

    [Fact]
    public async Task AnImportWithoutConsentIsRefused()
    {
        using var owner = await Owner.SignUpAsync(app);

        using var response = await owner.Browser.PostJsonAsync(
            "/api/clients/import",
            Imports.Form(Encoding.UTF8.GetBytes(Mixed), Imports.NameMobileEmail, consent: false)
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Confirm that these clients agreed to receive reminders."], ClientsApiTests.Errors(await Owners.JsonAsync(response), "consent"));
        Assert.Empty(await RawRows.OfAccountAsync(app, StorageTables.Imports, owner.AccountId));
        Assert.Empty(await RawRows.OfAccountAsync(app, StorageTables.ImportRows, owner.AccountId));
    }

    [Fact]
    public async Task AMappingToAColumnTheFileLacksIsRefused()
    {
        using var owner = await Owner.SignUpAsync(app);

        using var response = await owner.Browser.PostJsonAsync(
            "/api/clients/import",
            Imports.Form(Encoding.UTF8.GetBytes(Mixed), new { name = new[] { 0 }, mobile = 7 }, consent: true)
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["The mapping refers to a column the file doesn't have; it has 3 columns."],
            ClientsApiTests.Errors(await Owners.JsonAsync(response), "mapping")
        );
    }

    [Fact]
    public async Task AFileOverTenMegabytesIsRefusedWith413()
    {
        using var owner = await Owner.SignUpAsync(app);
        var file = Encoding.UTF8.GetBytes("Name,Mobile\r\n" + new string('a', (int)ClientImports.MaxFileBytes + 1024));

        using var response = await owner.Browser.PostJsonAsync("/api/clients/import", Imports.Form(file, Imports.NameMobileEmail, consent: true));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(413, (await Owners.JsonAsync(response)).GetProperty("status").GetInt32());
        Assert.Empty(await RawRows.OfAccountAsync(app, StorageTables.Imports, owner.AccountId));
    }

    [Fact]
    public async Task TheOwnersConsentIsRecordedWithTheImportAndInTheExport()
    {
        using var owner = await Owner.SignUpAsync(app);
        var before = DateTimeOffset.UtcNow;

        var id = await owner.StartImportAsync(Mixed, Imports.NameMobileEmail);

        var after = DateTimeOffset.UtcNow;
        await Imports.RunAsync(app, id);
        var import = await Imports.EntityAsync(app, owner.AccountId, id);
        Assert.Equal(ClientImports.ConsentStatement, import.ConsentStatement);
        Assert.InRange(import.ConsentAt, before.AddSeconds(-1), after.AddSeconds(1));
        Assert.Equal($"Jane Owner (account {owner.AccountId})", import.ConsentBy);
        Assert.False(string.IsNullOrEmpty(import.ConsentIp));
        var exported = Assert.Single((await owner.GetJsonAsync("/api/export?format=json")).GetProperty("imports").EnumerateArray());
        Assert.Equal(id, exported.GetProperty("id").GetString());
        Assert.Equal(ClientImports.ConsentStatement, exported.GetProperty("consentStatement").GetString());
        Assert.Equal(import.ConsentAt, exported.GetProperty("consentAt").GetDateTimeOffset());
        Assert.Equal(import.ConsentBy, exported.GetProperty("consentBy").GetString());
    }

    [Fact]
    public async Task TheUploadedFileIsDeletedOnceImported()
    {
        using var owner = await Owner.SignUpAsync(app);
        var id = await owner.StartImportAsync(Mixed, Imports.NameMobileEmail);
        var chunksBefore = await ChunksAsync(owner, id);

        await Imports.RunAsync(app, id);

        Assert.Equal((Encoding.UTF8.GetByteCount(Mixed) + (16 * 1024) - 1) / (16 * 1024), chunksBefore.Count);
        Assert.Empty(await ChunksAsync(owner, id));
        Assert.Equal(
            5,
            (await RawRows.OfAccountAsync(app, StorageTables.ImportRows, owner.AccountId)).Count(r => r.RowKey.StartsWith($"{id}:r:", StringComparison.Ordinal))
        );
    }

    [Fact]
    public async Task AMessageRedeliveredAfterTheImportCompletedDoesNothing()
    {
        using var owner = await Owner.SignUpAsync(app);
        var id = await owner.StartImportAsync(Mixed, Imports.NameMobileEmail);
        var message = await Imports.TakeMessageAsync(Imports.Queue(app), id);
        var job = app.Services.GetRequiredService<ClientImportJob>();
        await job.RunAsync(new QueueInvocation(message.MessageText, message.MessageId, 1, message.InsertedOn), CancellationToken.None);
        var completed = await Imports.EntityAsync(app, owner.AccountId, id);

        var result = await job.RunAsync(new QueueInvocation(message.MessageText, message.MessageId, 2, message.InsertedOn), CancellationToken.None);

        await Imports.Queue(app).DeleteMessageAsync(message.MessageId, message.PopReceipt);
        Assert.Equal("import already completed", result);
        Assert.Equal(completed.ETag, (await Imports.EntityAsync(app, owner.AccountId, id)).ETag);
        Assert.Equal(4, (await owner.GetJsonAsync("/api/clients")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TheFunctionsHostsInvocationRunsTheImport()
    {
        using var owner = await Owner.SignUpAsync(app);
        var id = await owner.StartImportAsync(Mixed, Imports.NameMobileEmail);
        var message = await Imports.TakeMessageAsync(Imports.Queue(app), id);
        var payload = JsonSerializer.Serialize(
            new
            {
                Data = new { message = message.MessageText },
                Metadata = new
                {
                    DequeueCount = 1,
                    Id = message.MessageId,
                    sys = new { MethodName = "ImportClients" },
                },
            }
        );

        using var response = await app.Client.PostAsync("/ImportClients", new StringContent(payload, Encoding.UTF8, "application/json"));

        await Imports.Queue(app).DeleteMessageAsync(message.MessageId, message.PopReceipt);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("4 created, 0 skipped, 4 rejected", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("completed", (await owner.GetJsonAsync($"/api/clients/import/{id}")).GetProperty("status").GetString());
    }

    private async Task<List<string>> ChunksAsync(Owner owner, string importId) =>
        [
            .. (await RawRows.OfAccountAsync(app, StorageTables.ImportRows, owner.AccountId))
                .Select(r => r.RowKey)
                .Where(k => k.StartsWith($"{importId}:c:", StringComparison.Ordinal)),
        ];
}
