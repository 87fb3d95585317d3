namespace ClientReminders.Tests.Clients.Import;

public class CsvWriterTests
{
    private static async Task<string> Write(char delimiter, params string?[][] rows)
    {
        var text = new StringWriter();
        var writer = new CsvWriter(text, delimiter);
        foreach (var row in rows)
        {
            await writer.WriteRowAsync(row);
        }
        await writer.FlushAsync();
        return text.ToString();
    }

    [Fact]
    public async Task PlainFieldsAreWrittenAsTheyAreWithCrlfLineEndings()
    {
        Assert.Equal("Name,Mobile\r\nAnn Lee,07700 900123\r\n", await Write(',', ["Name", "Mobile"], ["Ann Lee", "07700 900123"]));
    }

    [Fact]
    public async Task FieldsWithTheDelimiterQuotesOrLineBreaksAreQuotedWithQuotesDoubled()
    {
        var csv = await Write(',', ["Smith, John", "He said \"hi\"", "two\nlines", "cr\ronly", "plain"]);

        Assert.Equal("\"Smith, John\",\"He said \"\"hi\"\"\",\"two\nlines\",\"cr\ronly\",plain\r\n", csv);
    }

    [Fact]
    public async Task OnlyTheChosenDelimiterCausesQuoting()
    {
        Assert.Equal("\"a;b\";a,b\r\n", await Write(';', ["a;b", "a,b"]));
    }

    [Fact]
    public async Task LeadingAndTrailingBlanksAreQuotedSoThatTheySurviveAReader()
    {
        Assert.Equal("\" padded \",\r\n", await Write(',', [" padded ", null]));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+447700900123", "'+447700900123")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=cmd|' /C calc'!A0", "'\t=cmd|' /C calc'!A0")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void ACellThatCouldBeReadAsAFormulaIsWrittenAsText(string field, string written)
    {
        Assert.Equal(written, CsvWriter.Escape(field));
    }

    [Fact]
    public async Task RowsRoundTripThroughTheReader()
    {
        string[][] rows =
        [
            ["Name", "Mobile", "Email"],
            ["Smith, \"Jo\"", "+44 7700 900123", "jo@example.com"],
            ["=HYPERLINK(\"http://evil\",\"x\")", "-", "@evil"],
            ["محمد 👩‍👩‍👧", "two\r\nlines", " padded "],
        ];
        var text = new MemoryStream();
        await using (var output = new StreamWriter(text, new UTF8Encoding(true), leaveOpen: true))
        {
            var writer = new CsvWriter(output);
            foreach (var row in rows)
            {
                await writer.WriteRowAsync(row);
            }
            await writer.FlushAsync();
        }
        text.Position = 0;

        var reader = new CsvReader(text);
        var read = new List<IReadOnlyList<string>>();
        await foreach (var row in reader.ReadAsync())
        {
            read.Add(Assert.IsType<CsvRecord>(row).Fields);
        }

        Assert.Equal(rows[0], reader.Header!);
        Assert.Equal(["Smith, \"Jo\"", "'+44 7700 900123", "jo@example.com"], read[0]);
        Assert.Equal(["'=HYPERLINK(\"http://evil\",\"x\")", "'-", "'@evil"], read[1]);
        Assert.Equal(rows[3], read[2]);
        var mapping = ColumnMapping.Suggest(reader.Header!);
        Assert.Equal(new ImportFields("=HYPERLINK(\"http://evil\",\"x\")", "-", "@evil"), mapping.Extract(read[1]));
        Assert.Equal(new ImportFields("Smith, \"Jo\"", "+44 7700 900123", "jo@example.com"), mapping.Extract(read[0]));
    }

    [Fact]
    public async Task ThousandsOfRowsAreFlushedInBatches()
    {
        var output = new CountingWriter();
        var writer = new CsvWriter(output, rowsPerFlush: 500);

        await writer.WriteRowsAsync(Rows(1_200));

        Assert.Equal(3, output.Flushes);
        Assert.Equal(1_200, output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static async IAsyncEnumerable<IEnumerable<string?>> Rows(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return [$"Client {i}", $"+4477009{i:D5}"];
        }
    }

    private sealed class CountingWriter : StringWriter
    {
        public int Flushes { get; private set; }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return base.FlushAsync(cancellationToken);
        }
    }
}
