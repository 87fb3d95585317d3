namespace ClientReminders.Clients;

public sealed record ClientInput(string? Name, string? Mobile, string? Email);

public sealed record ClientResponse(
    string Id,
    string Name,
    string? Mobile,
    string? Email,
    string Status,
    IReadOnlyList<string> Duplicates,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool EmailOptedOut,
    string? MobileDisplay = null,
    string? MobileProblem = null
)
{
    /// <summary>The client as the owner sees it: the mobile in the account's national format, and why texts cannot reach it, if so.</summary>
    public static ClientResponse From(ClientView client, MobileNumbers mobiles, string accountCountry, IReadOnlyList<string>? duplicates = null)
    {
        var (display, problem) = client.Mobile is { } mobile ? mobiles.Describe(mobile, accountCountry) : (null, null);
        return new(
            client.Id,
            client.Name,
            client.Mobile,
            client.Email,
            client.Status,
            duplicates ?? [],
            client.CreatedAt,
            client.UpdatedAt,
            client.EmailOptedOut,
            display,
            problem
        );
    }
}

public sealed record ClientPage(IReadOnlyList<ClientResponse> Items, int Page, int PageSize, int Total);
