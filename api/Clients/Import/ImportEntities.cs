namespace ClientReminders.Clients.Import;

public static class ImportStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>One CSV import (PartitionKey = account id, RowKey = import id), its progress and the owner's consent.</summary>
public sealed class ImportEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string FileName { get; set; } = "";
    public long SizeBytes { get; set; }
    public int Chunks { get; set; }
    public string Mapping { get; set; } = "";
    public string Status { get; set; } = ImportStatus.Queued;
    public int? TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int Created { get; set; }
    public int Skipped { get; set; }
    public int Rejected { get; set; }

    /// <summary>The last line whose outcome is saved: a redelivered message resumes after it.</summary>
    public int LastLine { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Error { get; set; }

    public string ConsentStatement { get; set; } = "";
    public DateTimeOffset ConsentAt { get; set; }
    public string ConsentBy { get; set; } = "";
    public string? ConsentIp { get; set; }

    public string Id => RowKey;
}

/// <summary>
/// Beside an import, under the account: the uploaded file in encrypted chunks (RowKey "{import}:c:{n}") until the
/// import has run, and each reported row (rejected, skipped, or imported without its mobile) with its line, the client's
/// name (encrypted) and the reason (RowKey "{import}:r:{line}"), never the rest of its content.
/// </summary>
public sealed class ImportRowEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public string? Data { get; set; }
    public int? Line { get; set; }
    public string? Reason { get; set; }

    /// <summary>What became of a reported row: <see cref="ImportRowOutcome"/>; rows from before it was kept are rejections.</summary>
    public string? Outcome { get; set; }

    /// <summary>The row's client name as read from the file, encrypted, so the report can say which row it was.</summary>
    public string? Name { get; set; }

    /// <summary>The client a skipped row repeats or an imported-without-mobile row became: their deletion removes the name.</summary>
    public string? ClientId { get; set; }

    public static string ChunkKey(string importId, int index) => $"{importId}:c:{index:D5}";

    public static string RejectionKey(string importId, int line) => $"{importId}:r:{line:D7}";

    public static (string From, string To) Range(string importId, char kind) => ($"{importId}:{kind}:", $"{importId}:{kind};");
}

public static class ImportRowOutcome
{
    public const string Rejected = "rejected";
    public const string Skipped = "skipped";
    public const string WithoutMobile = "without-mobile";
}

/// <summary>The queue message: ids only, never content.</summary>
public sealed record ImportMessage(string AccountId, string ImportId);
