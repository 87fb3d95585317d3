namespace ClientReminders.Clients.Import;

/// <summary>
/// Writes RFC 4180 rows with CRLF line endings, quoting where needed and neutralising formula injection:
/// a cell starting with =, +, -, @, tab or CR gets a leading apostrophe so spreadsheets show it as text.
/// </summary>
public sealed class CsvWriter(TextWriter writer, char delimiter = ',', int rowsPerFlush = 500)
{
    private readonly StringBuilder line = new();
    private int unflushedRows;

    public async Task WriteRowAsync(IEnumerable<string?> fields, CancellationToken cancellationToken = default)
    {
        line.Clear();
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(delimiter);
            }
            first = false;
            AppendField(field ?? "");
        }
        line.Append("\r\n");
        await writer.WriteAsync(line, cancellationToken);
        if (++unflushedRows >= rowsPerFlush)
        {
            await FlushAsync(cancellationToken);
        }
    }

    public async Task WriteRowsAsync(IAsyncEnumerable<IEnumerable<string?>> rows, CancellationToken cancellationToken = default)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await WriteRowAsync(row, cancellationToken);
        }
        await FlushAsync(cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        unflushedRows = 0;
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The field as it appears in the file: neutralised when it could be read as a formula, quoted when it must be.</summary>
    public static string Escape(string? field, char delimiter = ',')
    {
        var writer = new CsvWriter(TextWriter.Null, delimiter);
        writer.AppendField(field ?? "");
        return writer.line.ToString();
    }

    internal static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private void AppendField(string field)
    {
        var text = field.Length > 0 && IsFormulaStart(field[0]) ? "'" + field : field;
        // Leading or trailing blanks are quoted too, since readers (ours included) trim them from unquoted fields.
        var quote =
            text.Length > 0 && (text.AsSpan().IndexOfAny(['"', '\r', '\n', delimiter]) >= 0 || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]));
        if (!quote)
        {
            line.Append(text);
            return;
        }
        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
