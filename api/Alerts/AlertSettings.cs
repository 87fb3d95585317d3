namespace ClientReminders.Alerts;

/// <summary>Which events email the owner, and at most how often (minutes). Confirmations need nothing of the owner, so they are off by default.</summary>
public sealed record AlertSettings(bool Rearrange, bool Cancellation, bool FreeText, bool Stop, bool Confirmation, int EveryMinutes)
{
    public static readonly AlertSettings Default = new(true, true, true, true, false, 15);

    public static readonly IReadOnlyList<int> Intervals = [5, 15, 30, 60, 240, 1440];

    public bool Wants(AlertKind kind) =>
        kind switch
        {
            AlertKind.Rearrange => Rearrange,
            AlertKind.Cancellation => Cancellation,
            AlertKind.FreeText => FreeText,
            AlertKind.Stop => Stop,
            _ => Confirmation,
        };

    public TimeSpan Every => TimeSpan.FromMinutes(EveryMinutes);
}

public sealed record AlertSettingsInput(bool? Rearrange, bool? Cancellation, bool? FreeText, bool? Stop, bool? Confirmation, int? EveryMinutes);

/// <summary>An account's alert settings: one row of the OwnerAlerts table (RowKey "settings").</summary>
public sealed class AlertSettingsStore(TableClients tables)
{
    public const string Row = "settings";

    public async Task<AlertSettings> GetAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.OwnerAlerts, cancellationToken);
        var saved = await table.GetEntityIfExistsAsync<TableEntity>(accountId, Row, cancellationToken: cancellationToken);
        if (!saved.HasValue)
        {
            return AlertSettings.Default;
        }
        var row = saved.Value!;
        var d = AlertSettings.Default;
        return new AlertSettings(
            row.GetBoolean(nameof(AlertSettings.Rearrange)) ?? d.Rearrange,
            row.GetBoolean(nameof(AlertSettings.Cancellation)) ?? d.Cancellation,
            row.GetBoolean(nameof(AlertSettings.FreeText)) ?? d.FreeText,
            row.GetBoolean(nameof(AlertSettings.Stop)) ?? d.Stop,
            row.GetBoolean(nameof(AlertSettings.Confirmation)) ?? d.Confirmation,
            row.GetInt32(nameof(AlertSettings.EveryMinutes)) ?? d.EveryMinutes
        );
    }

    /// <summary>Saves what is given; a part left out keeps what it was.</summary>
    public async Task<AlertSettings> SaveAsync(string accountId, AlertSettingsInput input, CancellationToken cancellationToken)
    {
        var before = await GetAsync(accountId, cancellationToken);
        if (input.EveryMinutes is { } every && !AlertSettings.Intervals.Contains(every))
        {
            throw ValidationFailedException.For("everyMinutes", "Choose 5, 15 or 30 minutes, 1 or 4 hours, or once a day.");
        }
        var settings = new AlertSettings(
            input.Rearrange ?? before.Rearrange,
            input.Cancellation ?? before.Cancellation,
            input.FreeText ?? before.FreeText,
            input.Stop ?? before.Stop,
            input.Confirmation ?? before.Confirmation,
            input.EveryMinutes ?? before.EveryMinutes
        );
        var table = await tables.GetAsync(StorageTables.OwnerAlerts, cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(accountId, Row)
            {
                [nameof(AlertSettings.Rearrange)] = settings.Rearrange,
                [nameof(AlertSettings.Cancellation)] = settings.Cancellation,
                [nameof(AlertSettings.FreeText)] = settings.FreeText,
                [nameof(AlertSettings.Stop)] = settings.Stop,
                [nameof(AlertSettings.Confirmation)] = settings.Confirmation,
                [nameof(AlertSettings.EveryMinutes)] = settings.EveryMinutes,
            },
            TableUpdateMode.Replace,
            cancellationToken
        );
        return settings;
    }
}
