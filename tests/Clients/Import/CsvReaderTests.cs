namespace ClientReminders.Tests.Clients.Import;

public class CsvReaderTests
{
    private static Task<(CsvReader Reader, List<CsvRow> Rows)> Read(string text, CsvReaderOptions? options = null) =>
        Read(new UTF8Encoding(false).GetBytes(text), options);

    private static async Task<(CsvReader Reader, List<CsvRow> Rows)> Read(byte[] bytes, CsvReaderOptions? options = null)
    {
        var reader = new CsvReader(new MemoryStream(bytes), options);
        var rows = new List<CsvRow>();
        await foreach (var row in reader.ReadAsync())
        {
            rows.Add(row);
        }
        return (reader, rows);
    }

    private static IReadOnlyList<string> Fields(CsvRow row) => Assert.IsType<CsvRecord>(row).Fields;

    [Fact]
    public async Task Utf8WithoutAByteOrderMarkIsReadAsUtf8()
    {
        var (reader, rows) = await Read("Name,Email\nRenée Müller,renee@example.com\n");

        Assert.Equal(65001, reader.Encoding!.CodePage);
        Assert.Equal(["Name", "Email"], reader.Header!);
        Assert.Equal(["Renée Müller", "renee@example.com"], Fields(Assert.Single(rows)));
    }

    [Fact]
    public async Task TheUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName()
    {
        var (reader, rows) = await Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("Name,Email\nJosé,jose@example.com\n")]);

        Assert.Equal(65001, reader.Encoding!.CodePage);
        Assert.Equal("Name", reader.Header![0]);
        Assert.Equal(["José", "jose@example.com"], Fields(Assert.Single(rows)));
    }

    [Fact]
    public async Task Utf16LittleEndianWithAByteOrderMarkIsDecoded()
    {
        var (reader, rows) = await Read([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Name\tMobile\r\nZoë Ågren\t07700 900123\r\n")]);

        Assert.Equal(1200, reader.Encoding!.CodePage);
        Assert.Equal(["Name", "Mobile"], reader.Header!);
        Assert.Equal(["Zoë Ågren", "07700 900123"], Fields(Assert.Single(rows)));
    }

    [Fact]
    public async Task Utf16BigEndianWithAByteOrderMarkIsDecoded()
    {
        var (reader, rows) = await Read([.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes("Name,Mobile\nZoë,07700 900123\n")]);

        Assert.Equal(1201, reader.Encoding!.CodePage);
        Assert.Equal(["Zoë", "07700 900123"], Fields(Assert.Single(rows)));
    }

    [Fact]
    public async Task BytesThatAreNotUtf8FallBackToWindows1252()
    {
        byte[] bytes = [.. "Name;Balance\nRen"u8, 0xE9, .. " Dupont;"u8, 0xA3, .. "12\n"u8];

        var (reader, rows) = await Read(bytes);

        Assert.Equal(1252, reader.Encoding!.CodePage);
        Assert.Equal(["René Dupont", "£12"], Fields(Assert.Single(rows)));
    }

    [Fact]
    public async Task AMultiByteCharacterSplitAcrossReadsIsDecodedWhole()
    {
        var reader = new CsvReader(new TrickleStream(Encoding.UTF8.GetBytes("Name,Note\n李小龍,🙂 ok\n")));
        var rows = new List<CsvRow>();
        await foreach (var row in reader.ReadAsync())
        {
            rows.Add(row);
        }

        Assert.Equal(["李小龍", "🙂 ok"], Fields(Assert.Single(rows)));
    }

    [Fact]
    public async Task AUtf8CharacterCutByTheEndOfTheDetectionSampleStillCountsAsUtf8()
    {
        var padding = new string('a', CsvEncoding.SampleSize - "Note\n".Length - 1);

        var (reader, rows) = await Read($"Note\n{padding}é\n", new CsvReaderOptions { MaxFieldLength = CsvEncoding.SampleSize });

        Assert.Equal(65001, reader.Encoding!.CodePage);
        Assert.EndsWith("aé", Fields(Assert.Single(rows))[0]);
    }

    [Fact]
    public async Task SemicolonsAreDetectedFromTheHeader()
    {
        var (reader, rows) = await Read("Name;Mobile;Email\nAnna, the elder;0612345678;anna@example.nl\n");

        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(["Anna, the elder", "0612345678", "anna@example.nl"], Fields(Assert.Single(rows)));
    }

    [Fact]
    public async Task TabsAreDetectedFromTheHeader()
    {
        var (reader, rows) = await Read("Name\tMobile\tEmail\nBo Li\t+44 7700 900123\tbo@example.com\n");

        Assert.Equal('\t', reader.Delimiter);
        Assert.Equal(["Bo Li", "+44 7700 900123", "bo@example.com"], Fields(Assert.Single(rows)));
    }

    [Fact]
    public async Task DelimitersInsideQuotedHeaderNamesAreNotCounted()
    {
        var (reader, _) = await Read("\"Name; full; formal\",Mobile\nA,1\n");

        Assert.Equal(',', reader.Delimiter);
        Assert.Equal(["Name; full; formal", "Mobile"], reader.Header!);
    }

    [Fact]
    public async Task TheDelimiterCanBeForced()
    {
        var (reader, rows) = await Read("Name;Note,Extra\nA;b,c\n", new CsvReaderOptions { Delimiter = ',' });

        Assert.Equal(["Name;Note", "Extra"], reader.Header!);
        Assert.Equal(["A;b", "c"], Fields(Assert.Single(rows)));
    }

    [Fact]
    public async Task QuotedFieldsKeepDelimitersDoubledQuotesAndNewlines()
    {
        var (_, rows) = await Read("Name,Note\n\"Smith, John\",\"He said \"\"hi\"\"\nthen left\"\n");

        Assert.Equal(["Smith, John", "He said \"hi\"\nthen left"], Fields(Assert.Single(rows)));
    }

    [Fact]
    public async Task CrlfLfAndCrLineEndingsCanBeMixedInOneFile()
    {
        var (_, rows) = await Read("Name,Mobile\r\nA,1\nB,2\rC,3\r\nD,4");

        Assert.Equal(
            [
                ["A", "1"],
                ["B", "2"],
                ["C", "3"],
                ["D", "4"],
            ],
            rows.Select(Fields)
        );
        Assert.Equal([2, 3, 4, 5], rows.Select(row => row.Line));
    }

    [Fact]
    public async Task RecordsAfterAMultiLineQuotedFieldCarryTheirPhysicalLineNumber()
    {
        var (_, rows) = await Read("Name,Note\r\nA,\"one\r\ntwo\rthree\nfour\"\r\nB,x\nC,y\n");

        Assert.Equal([2, 6, 7], rows.Select(row => row.Line));
        Assert.Equal("one\r\ntwo\rthree\nfour", Fields(rows[0])[1]);
    }

    [Fact]
    public async Task WhitespaceAroundUnquotedFieldsIsTrimmedButQuotedWhitespaceIsKept()
    {
        var (_, rows) = await Read("Name , Mobile\n  Ann Lee  ,\t07700 900123 \n\" padded \" , x\n");

        Assert.Equal(["Ann Lee", "07700 900123"], Fields(rows[0]));
        Assert.Equal([" padded ", "x"], Fields(rows[1]));
    }

    [Fact]
    public async Task AStrayQuoteInsideAnUnquotedFieldIsKeptLiterally()
    {
        var (_, rows) = await Read("Name,Height\nDwayne \"The Rock\" Johnson,6'5\"\n");

        Assert.Equal(["Dwayne \"The Rock\" Johnson", "6'5\""], Fields(Assert.Single(rows)));
    }

    [Fact]
    public async Task AOneMegabyteFieldIsRejectedByItsLineAndTheFollowingRowsAreStillRead()
    {
        var huge = new string('x', 1024 * 1024);

        var (_, rows) = await Read($"Name,Mobile,Note\nA,1,ok\nB,2,{huge}\nC,3,ok\n\"D\",4,\"{huge}\"\nE,5,ok\n");

        Assert.Equal(5, rows.Count);
        Assert.Equal(new CsvRecordError(3, "Field 3 is longer than 1,000 characters."), rows[1]);
        Assert.Equal(["C", "3", "ok"], Fields(rows[2]));
        Assert.Equal(new CsvRecordError(5, "Field 3 is longer than 1,000 characters."), rows[3]);
        Assert.Equal(["E", "5", "ok"], Fields(rows[4]));
        Assert.Equal(6, rows[4].Line);
    }

    [Fact]
    public async Task AFieldOfExactlyTheLimitIsAcceptedAndTrailingBlanksDoNotCount()
    {
        var limit = new string('y', 1_000);

        var (_, rows) = await Read($"Note\n{limit}     \n{limit}y\n");

        Assert.Equal([limit], Fields(rows[0]));
        Assert.Equal(new CsvRecordError(3, "Field 1 is longer than 1,000 characters."), rows[1]);
    }

    [Fact]
    public async Task MoreThanTheRowLimitStopsTheReaderWithAFinalError()
    {
        var text = new StringBuilder("Name,Mobile\n");
        for (var i = 1; i <= 50_002; i++)
        {
            text.Append($"Client {i},{i}\n");
        }

        var (_, rows) = await Read(text.ToString());

        Assert.Equal(50_001, rows.Count);
        Assert.Equal(["Client 50000", "50000"], Fields(rows[49_999]));
        Assert.Equal(new CsvRecordError(50_002, "The file has more than 50,000 rows; only the first 50,000 were read."), rows[^1]);
    }

    [Fact]
    public async Task TheRowLimitCanBeLowered()
    {
        var (_, rows) = await Read("Name\nA\nB\nC\n", new CsvReaderOptions { MaxRecords = 2 });

        Assert.Equal(3, rows.Count);
        Assert.Equal(new CsvRecordError(4, "The file has more than 2 rows; only the first 2 were read."), rows[2]);
    }

    [Fact]
    public async Task AnUnterminatedQuoteAtTheEndOfTheFileIsAnErrorForThatRecord()
    {
        var (_, rows) = await Read("Name,Note\nA,fine\nB,\"never closed\nC,lost\n");

        Assert.Equal(["A", "fine"], Fields(rows[0]));
        Assert.Equal(new CsvRecordError(3, "Field 2 has an opening quote that is never closed."), rows[1]);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task AnUnreadableHeaderIsReportedInsteadOfRows()
    {
        var reader = new CsvReader(new MemoryStream("\"Name,Mobile\nA,1\n"u8.ToArray()));

        Assert.Equal(new CsvRecordError(1, "Field 1 has an opening quote that is never closed."), await reader.ReadHeaderAsync());
        Assert.Null(reader.Header);
    }

    [Fact]
    public async Task AnEmptyFileHasNoHeaderAndNoRows()
    {
        var (reader, rows) = await Read("\r\n\n");

        Assert.Null(reader.Header);
        Assert.Empty(rows);
    }

    [Fact]
    public async Task EmptyLinesAreSkippedButCountedForLineNumbers()
    {
        var (reader, rows) = await Read("\nName,Mobile\n\nA,1\r\n\r\n   \n,,\nB,2\n\n");

        Assert.Equal(["Name", "Mobile"], reader.Header!);
        Assert.Equal([4, 8], rows.Select(row => row.Line));
    }

    [Fact]
    public async Task EmojiAndRightToLeftTextArriveIntact()
    {
        var (_, rows) = await Read("Name,Note\nمحمد الأحمد,👩‍👩‍👧 family 🇬🇧\nשרה כהן,\"שלום, עולם\"\n");

        Assert.Equal(["محمد الأحمد", "👩‍👩‍👧 family 🇬🇧"], Fields(rows[0]));
        Assert.Equal(["שרה כהן", "שלום, עולם"], Fields(rows[1]));
    }

    [Fact]
    public async Task RaggedRowsAreYieldedWithTheirOwnFieldCount()
    {
        var (reader, rows) = await Read("Name,Mobile,Email\nA,1\nB,2,b@example.com,extra\n");

        Assert.Equal(3, reader.Header!.Count);
        Assert.Equal([2, 4], rows.Select(row => Fields(row).Count));
    }

    [Fact]
    public async Task ARowWithTooManyFieldsIsAnError()
    {
        var (_, rows) = await Read("Name\n" + new string(',', 20) + "x\nB\n", new CsvReaderOptions { MaxFields = 10 });

        Assert.Equal(new CsvRecordError(2, "The row has more than 10 fields."), rows[0]);
        Assert.Equal(["B"], Fields(rows[1]));
    }

    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
