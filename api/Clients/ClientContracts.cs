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
    bool EmailOptedOut)
{
    public static ClientResponse From(ClientView client, IReadOnlyList<string>? duplicates = null) =>
        new(client.Id, client.Name, client.Mobile, client.Email, client.Status, duplicates ?? [], client.CreatedAt, client.UpdatedAt, client.EmailOptedOut);
}

public sealed record ClientPage(IReadOnlyList<ClientResponse> Items, int Page, int PageSize, int Total);
