namespace ClientReminders.Clients.Import;

public sealed record CsvReaderOptions
{
    /// <summary>Comma, semicolon or tab; null to detect it from the header line.</summary>
    public char? Delimiter { get; init; }

    public int MaxFieldLength { get; init; } = 1_000;

    /// <summary>Data rows read before the reader stops; the header is not counted.</summary>
    public int MaxRecords { get; init; } = 50_000;

    public int MaxFields { get; init; } = 1_000;
}
