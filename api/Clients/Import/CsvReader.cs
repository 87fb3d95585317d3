namespace ClientReminders.Clients.Import;

/// <summary>
/// Reads an RFC 4180 file as it streams in: encoding and delimiter are detected from the start of the file,
/// and a bad record becomes a <see cref="CsvRecordError"/> without stopping the ones after it.
/// </summary>
public sealed class CsvReader(Stream stream, CsvReaderOptions? options = null)
{
    private static readonly char[] CandidateDelimiters = [',', ';', '\t'];

    private readonly CsvReaderOptions settings = options ?? new();
    private readonly StringBuilder value = new();
    private CharSource? source;
    private bool headerRead;
    private CsvRow? headerRow;
    private char delimiter;
    private int line = 1;

    /// <summary>The encoding the file was decoded with, known once the header has been read.</summary>
    public Encoding? Encoding { get; private set; }

    /// <summary>The delimiter in use, known once the header has been read.</summary>
    public char? Delimiter => headerRead ? delimiter : null;

    /// <summary>The header's fields, known once the header has been read; null when the file is empty or its header is unreadable.</summary>
    public IReadOnlyList<string>? Header => headerRow is CsvRecord record ? record.Fields : null;

    /// <summary>The header line, or an error when it cannot be read, or null when the file has no records at all.</summary>
    public async Task<CsvRow?> ReadHeaderAsync(CancellationToken cancellationToken = default)
    {
        if (headerRead)
        {
            return headerRow;
        }
        source = await OpenAsync(cancellationToken);
        delimiter = settings.Delimiter ?? await DetectDelimiterAsync(source, cancellationToken);
        headerRow = await ReadRecordAsync(cancellationToken);
        headerRead = true;
        return headerRow;
    }

    /// <summary>The data rows after the header; an unreadable header is yielded as the only row.</summary>
    public async IAsyncEnumerable<CsvRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        switch (await ReadHeaderAsync(cancellationToken))
        {
            case null:
                yield break;
            case CsvRecordError error:
                yield return error;
                yield break;
        }
        var rows = 0;
        while (await ReadRecordAsync(cancellationToken) is { } row)
        {
            if (rows == settings.MaxRecords)
            {
                var limit = settings.MaxRecords.ToString("N0", CultureInfo.InvariantCulture);
                yield return new CsvRecordError(row.Line, $"The file has more than {limit} rows; only the first {limit} were read.");
                yield break;
            }
            rows++;
            yield return row;
        }
    }

    private async Task<CharSource> OpenAsync(CancellationToken cancellationToken)
    {
        var bytes = new byte[CsvEncoding.SampleSize];
        var count = 0;
        var ended = false;
        while (count < bytes.Length && !ended)
        {
            var read = await stream.ReadAsync(bytes.AsMemory(count), cancellationToken);
            count += read;
            ended = read == 0;
        }
        var (encoding, bomLength) = CsvEncoding.Detect(bytes.AsSpan(0, count), complete: ended);
        Encoding = encoding;
        return new CharSource(stream, encoding.GetDecoder(), bytes, bomLength, count, ended);
    }

    /// <summary>The candidate that splits the first non-empty line into the most fields, outside quotes; comma on a tie.</summary>
    private static async Task<char> DetectDelimiterAsync(CharSource source, CancellationToken cancellationToken)
    {
        var raw = new StringBuilder();
        var counts = new int[CandidateDelimiters.Length];
        var inQuotes = false;
        var atFieldStart = true;
        var content = false;
        while (raw.Length < CsvEncoding.SampleSize && await source.ReadAsync(cancellationToken) is var c && c != CharSource.End)
        {
            raw.Append((char)c);
            if (inQuotes)
            {
                if (c == '"' && await source.PeekAsync(cancellationToken) == '"')
                {
                    source.Skip();
                    raw.Append('"');
                }
                else
                {
                    inQuotes = c != '"';
                }
                continue;
            }
            var candidate = Array.IndexOf(CandidateDelimiters, (char)c);
            if (candidate >= 0)
            {
                counts[candidate]++;
                atFieldStart = true;
                content = true;
            }
            else if (c is '\r' or '\n')
            {
                if (content)
                {
                    break;
                }
                atFieldStart = true;
            }
            else if (c != ' ')
            {
                inQuotes = c == '"' && atFieldStart;
                atFieldStart = false;
                content = true;
            }
        }
        source.PushBack(raw.ToString());
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }
        return CandidateDelimiters[best];
    }

    /// <summary>The next record that has any content, or null at the end of the file.</summary>
    private async Task<CsvRow?> ReadRecordAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var start = line;
            var fields = new List<string>();
            string? error = null;
            var blank = true;
            FieldEnd end;
            do
            {
                end = await ReadFieldAsync(cancellationToken);
                var number = fields.Count + 1;
                if (error is not null)
                {
                    continue;
                }
                if (end.Unterminated)
                {
                    error = $"Field {number} has an opening quote that is never closed.";
                }
                else if (end.TooLong)
                {
                    error = $"Field {number} is longer than {settings.MaxFieldLength.ToString("N0", CultureInfo.InvariantCulture)} characters.";
                }
                else if (fields.Count == settings.MaxFields)
                {
                    error = $"The row has more than {settings.MaxFields.ToString("N0", CultureInfo.InvariantCulture)} fields.";
                }
                else
                {
                    fields.Add(value.ToString());
                    blank &= value.Length == 0;
                }
            } while (end.Terminator == Terminator.Delimiter);

            if (error is not null)
            {
                return new CsvRecordError(start, error);
            }
            if (!blank)
            {
                return new CsvRecord(start, fields);
            }
            if (end.Terminator == Terminator.EndOfFile)
            {
                return null;
            }
        }
    }

    /// <summary>Reads one field into <see cref="value"/>, never keeping more than the maximum length however long the field is.</summary>
    private async ValueTask<FieldEnd> ReadFieldAsync(CancellationToken cancellationToken)
    {
        var chars = source!;
        var max = settings.MaxFieldLength;
        value.Clear();
        var length = 0;
        var keep = 0;
        var tooLong = false;

        int c;
        do
        {
            c = await chars.ReadAsync(cancellationToken);
        } while (IsBlank(c));

        if (c == '"')
        {
            while (true)
            {
                c = await chars.ReadAsync(cancellationToken);
                if (c == CharSource.End)
                {
                    return new FieldEnd(Terminator.EndOfFile, TooLong: tooLong, Unterminated: true);
                }
                if (c == '"')
                {
                    if (await chars.PeekAsync(cancellationToken) != '"')
                    {
                        break;
                    }
                    chars.Skip();
                }
                else if (c == '\n' || (c == '\r' && await chars.PeekAsync(cancellationToken) != '\n'))
                {
                    line++;
                }
                Append(c, content: true);
            }
            keep = value.Length;
            c = await chars.ReadAsync(cancellationToken);
        }

        // Unquoted text, or whatever follows a closing quote: kept literally, stray quotes included, with surrounding whitespace trimmed.
        while (true)
        {
            if (c == CharSource.End)
            {
                return Finish(Terminator.EndOfFile);
            }
            if (c == delimiter)
            {
                return Finish(Terminator.Delimiter);
            }
            if (c is '\r' or '\n')
            {
                if (c == '\r' && await chars.PeekAsync(cancellationToken) == '\n')
                {
                    chars.Skip();
                }
                line++;
                return Finish(Terminator.EndOfLine);
            }
            Append(c, content: !IsBlank(c));
            if (!IsBlank(c) && !tooLong)
            {
                keep = value.Length;
            }
            c = await chars.ReadAsync(cancellationToken);
        }

        // Trailing blanks past the limit only make the field too long if something other than blanks follows them.
        void Append(int ch, bool content)
        {
            length++;
            if (length <= max)
            {
                value.Append((char)ch);
            }
            else if (content)
            {
                tooLong = true;
            }
        }

        FieldEnd Finish(Terminator terminator)
        {
            if (!tooLong)
            {
                value.Length = keep;
            }
            return new FieldEnd(terminator, tooLong, Unterminated: false);
        }
    }

    private bool IsBlank(int c) => c is not (CharSource.End or '\r' or '\n') && c != delimiter && char.IsWhiteSpace((char)c);

    private enum Terminator
    {
        Delimiter,
        EndOfLine,
        EndOfFile,
    }

    private readonly record struct FieldEnd(Terminator Terminator, bool TooLong, bool Unterminated);
}
