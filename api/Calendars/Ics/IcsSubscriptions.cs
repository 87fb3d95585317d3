using System.Net;

namespace ClientReminders.Calendars.Ics;

/// <summary>The account already has as many feeds as it may.</summary>
public sealed class IcsFeedLimitException(int limit) : Exception($"An account can subscribe to at most {limit} calendar feeds; remove one to add another.");

/// <summary>
/// The owner's iCalendar feeds, kept as calendar sources of kind <c>ics</c>: add, change, remove and list. The address is a
/// secret: it is stored encrypted and leaves this class only masked.
/// </summary>
public sealed class IcsSubscriptions(TableClients tables, FieldCipher cipher, CalendarEventSink sink, IOptions<IcsFeedOptions> options)
{
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 2048;

    private readonly HashSet<string> testHosts = new(options.Value.AllowedTestHosts.Select(h => h.Trim()), StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<IcsFeedResponse>> ListAsync(
        string accountId,
        IEnumerable<CalendarSourceEntity> sources,
        CancellationToken cancellationToken
    )
    {
        var feeds = new List<IcsFeedResponse>();
        foreach (var source in sources.Where(s => s.Kind == SourceKind.Ics))
        {
            feeds.Add(await ResponseAsync(accountId, source, cancellationToken));
        }
        return [.. feeds.OrderBy(f => f.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(f => f.Id, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<IcsFeedResponse>> ListAsync(string accountId, CancellationToken cancellationToken) =>
        await ListAsync(accountId, await FeedsAsync(accountId, cancellationToken), cancellationToken);

    public async Task<IcsFeedResponse> AddAsync(AccountEntity account, IcsFeedInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = Name(errors, input.Name);
        var address = Address(errors, input.Url);
        errors.ThrowIfAny();
        var existing = await FeedsAsync(account.Id, cancellationToken);
        if (existing.Count >= options.Value.MaxFeedsPerAccount)
        {
            throw new IcsFeedLimitException(options.Value.MaxFeedsPerAccount);
        }
        await RefuseDuplicateAsync(account.Id, existing, address!, null, cancellationToken);
        var source = new CalendarSourceEntity
        {
            PartitionKey = account.Id,
            RowKey = Guid.NewGuid().ToString("N"),
            Kind = SourceKind.Ics,
        };
        source.Name = await cipher.EncryptAsync(account.Id, CalendarSources.Context(source, nameof(CalendarSourceEntity.Name)), name, cancellationToken);
        source.FeedAddress = await cipher.EncryptAsync(
            account.Id,
            CalendarSources.Context(source, nameof(CalendarSourceEntity.FeedAddress)),
            address!.AbsoluteUri,
            cancellationToken
        );
        if (input.Matching is { } matching)
        {
            Apply(source, matching);
        }
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        await table.AddEntityAsync(source, cancellationToken);
        return await ResponseAsync(account.Id, source, cancellationToken);
    }

    public async Task<IcsFeedResponse?> ChangeAsync(AccountEntity account, string feedId, IcsFeedChange input, CancellationToken cancellationToken)
    {
        if (await GetAsync(account.Id, feedId, cancellationToken) is not { } source)
        {
            return null;
        }
        var errors = new FieldErrors();
        var name = input.Name is null ? null : Name(errors, input.Name);
        var address = input.Url is null ? null : Address(errors, input.Url);
        errors.ThrowIfAny();
        if (name is not null)
        {
            source.Name = await cipher.EncryptAsync(account.Id, CalendarSources.Context(source, nameof(CalendarSourceEntity.Name)), name, cancellationToken);
        }
        if (address is not null)
        {
            await RefuseDuplicateAsync(account.Id, await FeedsAsync(account.Id, cancellationToken), address, source.Id, cancellationToken);
            source.FeedAddress = await cipher.EncryptAsync(
                account.Id,
                CalendarSources.Context(source, nameof(CalendarSourceEntity.FeedAddress)),
                address.AbsoluteUri,
                cancellationToken
            );
        }
        if (input.Matching is { } matching)
        {
            Apply(source, matching);
        }
        if (address is not null || input.Matching is not null)
        {
            // A new address or new options apply to every event: the next sync fetches and applies the feed in full.
            source.FeedETag = null;
            source.FeedLastModified = null;
            source.FeedFingerprint = null;
            source.WindowStart = null;
            source.WindowEnd = null;
        }
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        await table.UpdateEntityAsync(source, ETag.All, TableUpdateMode.Replace, cancellationToken);
        return await ResponseAsync(account.Id, source, cancellationToken);
    }

    /// <summary>Stops syncing the feed and forgets its events; with the owner's confirmation, its future appointments are cancelled.</summary>
    public async Task<DisconnectResult?> RemoveAsync(AccountEntity account, string feedId, bool cancelFuture, CancellationToken cancellationToken)
    {
        if (await GetAsync(account.Id, feedId, cancellationToken) is not { } source)
        {
            return null;
        }
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(source.PartitionKey, source.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404) { }
        return new DisconnectResult(await sink.ForgetSourceAsync(account, source.Id, cancelFuture, cancellationToken));
    }

    public async Task<List<CalendarSourceEntity>> FeedsAsync(string accountId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var list = new List<CalendarSourceEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {accountId} and Kind eq {SourceKind.Ics}");
        await foreach (var source in table.QueryAsync<CalendarSourceEntity>(filter, cancellationToken: cancellationToken))
        {
            list.Add(source);
        }
        return list;
    }

    private async Task<CalendarSourceEntity?> GetAsync(string accountId, string feedId, CancellationToken cancellationToken)
    {
        if (feedId.Length != 32 || !feedId.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var table = await tables.GetAsync(StorageTables.CalendarSources, cancellationToken);
        var found = await table.GetEntityIfExistsAsync<CalendarSourceEntity>(accountId, feedId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value!.Kind == SourceKind.Ics ? found.Value : null;
    }

    private static string Name(FieldErrors errors, string? value)
    {
        var name = FreeText.Normalize(value) ?? "";
        if (name.Length == 0)
        {
            errors.Add("name", "Give the calendar a name, such as \"Salon diary\".");
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add("name", $"Use at most {MaxNameLength} characters for the calendar's name.");
        }
        else if (FreeText.Problem(name) is { } problem)
        {
            errors.Add("name", problem);
        }
        return name;
    }

    /// <summary>The https address to fetch, or null with a field error. Messages never repeat the address, which may be a secret.</summary>
    private Uri? Address(FieldErrors errors, string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("url", "Paste the calendar's private address; it starts with https:// or webcal://.");
            return null;
        }
        if (text.Length > MaxAddressLength)
        {
            errors.Add("url", $"That address is longer than {MaxAddressLength} characters; check that only the calendar's address was pasted.");
            return null;
        }
        if (IcsFeedAddress.Normalize(text) is not { } address || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("url", "That is not a web address. Paste the calendar's private address; it starts with https:// or webcal://.");
            return null;
        }
        var testHost = testHosts.Contains(address.IdnHost);
        if (address.Scheme != Uri.UriSchemeHttps && !testHost)
        {
            errors.Add("url", "Only https (or webcal) calendar addresses can be added: over plain http the private address would travel unprotected.");
            return null;
        }
        if (address.UserInfo.Length > 0)
        {
            errors.Add("url", "Addresses with a user name or password in them are not supported; use the calendar's private (secret) address.");
            return null;
        }
        if (!testHost && (address.IsLoopback || (IPAddress.TryParse(address.IdnHost.Trim('[', ']'), out var ip) && !PublicAddresses.IsPublic(ip))))
        {
            errors.Add("url", "That address is on a private network; only calendars published on the internet can be added.");
            return null;
        }
        return address;
    }

    private async Task RefuseDuplicateAsync(
        string accountId,
        IEnumerable<CalendarSourceEntity> feeds,
        Uri address,
        string? exceptId,
        CancellationToken cancellationToken
    )
    {
        foreach (var feed in feeds.Where(f => f.Id != exceptId))
        {
            if (
                await cipher.DecryptAsync(
                    accountId,
                    CalendarSources.Context(feed, nameof(CalendarSourceEntity.FeedAddress)),
                    feed.FeedAddress,
                    cancellationToken
                ) == address.AbsoluteUri
            )
            {
                var name = await cipher.DecryptAsync(accountId, CalendarSources.Context(feed, nameof(CalendarSourceEntity.Name)), feed.Name, cancellationToken);
                throw ValidationFailedException.For("url", $"This calendar is already added, as \"{name}\".");
            }
        }
    }

    private static void Apply(CalendarSourceEntity source, MatchingSettings matching)
    {
        source.MatchAttendeeEmail = matching.MatchAttendeeEmail;
        source.MatchNameInSubject = matching.MatchNameInSubject;
        source.MatchContactInText = matching.MatchContactInText;
        source.CreateClients = matching.CreateClients;
        source.IncludeAllDay = matching.IncludeAllDay;
        source.IncludeFree = matching.IncludeFree;
    }

    private async Task<IcsFeedResponse> ResponseAsync(string accountId, CalendarSourceEntity source, CancellationToken cancellationToken) =>
        new(
            source.Id,
            SourceKind.Ics,
            await cipher.DecryptAsync(accountId, CalendarSources.Context(source, nameof(CalendarSourceEntity.Name)), source.Name, cancellationToken) ?? "",
            IcsFeedAddress.Mask(
                await cipher.DecryptAsync(
                    accountId,
                    CalendarSources.Context(source, nameof(CalendarSourceEntity.FeedAddress)),
                    source.FeedAddress,
                    cancellationToken
                )
            ),
            MatchingSettings.Of(source),
            source.LastSyncAt,
            string.IsNullOrEmpty(source.LastError) ? null : source.LastError,
            source.LastSuccessAt,
            source.LastSyncFailed
        );
}
