using System.Text.RegularExpressions;

namespace ClientReminders.Calendars;

public abstract record MatchResult
{
    public sealed record Matched(string ClientId, string How) : MatchResult;

    public sealed record Ambiguous(IReadOnlyList<string> ClientIds) : MatchResult;

    public sealed record Unmatched : MatchResult;

    /// <summary>Nobody known, but the event carries a mobile number or email the owner allows to become a new client.</summary>
    public sealed record NewClient(string Name, string? Mobile, string? Email) : MatchResult;
}

public sealed record MatchOptions(bool AttendeeEmail, bool NameInSubject, bool ContactInText, bool CreateClients);

/// <summary>
/// Which client an event is with, trying in turn: an attendee whose email is a client's (blind index), a client's full
/// name in the subject (case- and accent-insensitive, whole words, the longest name wins), then a mobile number or email
/// typed in the subject or body. The first rule that finds anyone decides; more than one client there is ambiguous.
/// </summary>
public sealed partial class ClientMatcher(ClientStore store, ClientDirectory directory, MobileNumbers mobileNumbers)
{
    public async Task<MatchResult> MatchAsync(AccountEntity account, CalendarEvent item, MatchOptions options, CancellationToken cancellationToken)
    {
        var snapshot = await directory.GetAsync(account, cancellationToken);
        var usable = snapshot.Clients.Where(c => c.Status != ClientStatus.Anonymised).ToDictionary(c => c.Id, StringComparer.Ordinal);
        if (options.AttendeeEmail && item.AttendeeEmails.Count > 0)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var email in item.AttendeeEmails.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                ids.UnionWith(await ByEmailAsync(account.Id, email, cancellationToken));
            }
            ids.IntersectWith(usable.Keys);
            if (Decide(ids, "attendee") is { } byAttendee)
            {
                return byAttendee;
            }
        }
        if (options.NameInSubject && Decide(NamesIn(item.Subject, usable.Values), "name") is { } byName)
        {
            return byName;
        }
        if (options.ContactInText)
        {
            var text = item.Subject + "\n" + item.BodyText;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var emails = Emails().Matches(text).Select(m => m.Value).Where(EmailAddresses.IsValid).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var email in emails)
            {
                ids.UnionWith(await ByEmailAsync(account.Id, email, cancellationToken));
            }
            var mobiles = Phones()
                .Matches(text)
                .Select(m => mobileNumbers.Normalize(m.Value, account.Country).E164)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
            foreach (var mobile in mobiles)
            {
                ids.UnionWith(await store.FindAsync(account.Id, ClientLookupEntity.MobilePrefix(store.MobileHash(account.Id, mobile)), cancellationToken));
            }
            ids.IntersectWith(usable.Keys);
            if (Decide(ids, "contact") is { } byContact)
            {
                return byContact;
            }
            if (options.CreateClients && (emails.Count > 0 || mobiles.Count > 0) && NewClientName(item.Subject, emails, mobiles) is { } name)
            {
                return new MatchResult.NewClient(name, mobiles.FirstOrDefault(), emails.FirstOrDefault());
            }
        }
        return new MatchResult.Unmatched();
    }

    /// <summary>Clients whose whole name appears in <paramref name="subject"/> as whole words; only those with the longest such name.</summary>
    public static HashSet<string> NamesIn(string subject, IEnumerable<ClientView> clients)
    {
        var words = Words(subject);
        var best = new HashSet<string>(StringComparer.Ordinal);
        var bestLength = 0;
        foreach (var client in clients)
        {
            var name = Words(client.Name);
            if (name.Length == 0 || !ContainsRun(words, name))
            {
                continue;
            }
            var length = name.Sum(w => w.Length) + name.Length;
            if (length > bestLength)
            {
                best.Clear();
                bestLength = length;
            }
            if (length == bestLength)
            {
                best.Add(client.Id);
            }
        }
        return best;
    }

    /// <summary>Lower-case words without accents: "Zoë  O'Brien-Smith" is ["zoe", "o", "brien", "smith"].</summary>
    public static string[] Words(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                plain.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
            }
        }
        return plain.ToString().Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool ContainsRun(string[] words, string[] run)
    {
        for (var i = 0; i + run.Length <= words.Length; i++)
        {
            if (words.AsSpan(i, run.Length).SequenceEqual(run))
            {
                return true;
            }
        }
        return false;
    }

    private static MatchResult? Decide(HashSet<string> ids, string how) =>
        ids.Count switch
        {
            0 => null,
            1 => new MatchResult.Matched(ids.Single(), how),
            _ => new MatchResult.Ambiguous([.. ids.Order(StringComparer.Ordinal)]),
        };

    private async Task<IReadOnlyList<string>> ByEmailAsync(string accountId, string email, CancellationToken cancellationToken) =>
        await store.FindAsync(accountId, ClientLookupEntity.EmailPrefix(store.EmailHash(accountId, email)), cancellationToken);

    private static string? NewClientName(string subject, IEnumerable<string> emails, IEnumerable<string> mobiles)
    {
        var name = Phones().Replace(Emails().Replace(subject, " "), " ");
        name = string.Join(' ', name.Split([' ', '-', ',', ':', '(', ')', '/'], StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith('#')));
        return name.Length is > 0 and <= ClientService.MaxNameLength ? name : null;
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex Emails();

    [GeneratedRegex(@"\+?\(?\d[\d \-().]{6,}\d")]
    private static partial Regex Phones();
}
