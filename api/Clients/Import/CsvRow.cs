namespace ClientReminders.Clients.Import;

/// <summary>One record of a CSV file, or the reason it could not be read; <see cref="Line"/> is the physical line it starts on, the header being line 1.</summary>
public abstract record CsvRow(int Line);

/// <summary>A record as read; its field count may differ from the header's, and the caller decides what that means.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields) : CsvRow(Line);

/// <summary>A record that was skipped, with the reason in words for the owner.</summary>
public sealed record CsvRecordError(int Line, string Error) : CsvRow(Line);
