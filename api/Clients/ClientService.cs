namespace ClientReminders.Clients;

public sealed class ClientService(
    ClientStore store,
    ClientDirectory directory,
    FieldCipher cipher,
    AccountStore accounts,
    ReminderPlanner planner,
    ClientImports imports,
    ConversationErasure conversations,
    MobileNumbers mobiles,
    TimeProvider time
)
{
    public const int MaxPageSize = 200;
    public const int MaxNameLength = 200;

    public async Task<ClientPage> ListAsync(AccountEntity account, string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(page, 1);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var snapshot = await directory.GetAsync(account, cancellationToken);
        var term = search?.Trim();
        var matching = string.IsNullOrEmpty(term) ? snapshot.Clients : snapshot.Clients.Where(c => ClientDirectory.Matches(c, term)).ToList();
        var items = matching
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(c => ClientResponse.From(c, mobiles, account.Country, snapshot.Duplicates.GetValueOrDefault(c.Id)))
            .ToList();
        return new ClientPage(items, page, pageSize, matching.Count);
    }

    public async Task<ClientResponse?> GetAsync(AccountEntity account, string clientId, CancellationToken cancellationToken) =>
        await store.GetAsync(account.Id, clientId, cancellationToken) is { } client ? await ResponseAsync(account, client, cancellationToken) : null;

    public async Task<ClientResponse> CreateAsync(AccountEntity account, ClientInput input, CancellationToken cancellationToken)
    {
        var valid = Validate(input, account.Country);
        var now = time.GetUtcNow();
        var client = new ClientEntity
        {
            PartitionKey = account.Id,
            RowKey = ClientEntity.RowKeyFor(Ids.New()),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await SetDetailsAsync(account.Id, client, valid, cancellationToken);
        await store.AddAsync(client, cancellationToken);
        return await AfterChangeAsync(account, client, cancellationToken);
    }

    public async Task<ClientResponse?> UpdateAsync(AccountEntity account, string clientId, ClientInput input, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(account.Id, clientId, cancellationToken) is not { } client)
        {
            return null;
        }
        if (client.Status == ClientStatus.Anonymised)
        {
            throw ValidationFailedException.For("name", "This client has been anonymised and can no longer be edited.");
        }
        var valid = Validate(input, account.Country);
        var before = Copy(client);
        client.UpdatedAt = time.GetUtcNow();
        await SetDetailsAsync(account.Id, client, valid, cancellationToken);
        await store.ReplaceAsync(client, before, cancellationToken);
        var response = await AfterChangeAsync(account, client, cancellationToken);
        if ((before.MobileHash is null) != (client.MobileHash is null) || (before.EmailHash is null) != (client.EmailHash is null))
        {
            await planner.ReplanClientAsync(account, await directory.DecryptAsync(account.Id, client, cancellationToken), cancellationToken);
        }
        return response;
    }

    public async Task<bool> DeleteAsync(AccountEntity account, string clientId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(account.Id, clientId, cancellationToken) is not { } client)
        {
            return false;
        }
        // Before the client row, so a deletion that fails part-way can be asked for again and finishes it.
        await conversations.ForgetClientAsync(account.Id, clientId, cancellationToken);
        await store.DeleteAsync(client, cancellationToken);
        await accounts.BumpClientsVersionAsync(account.Id, cancellationToken);
        await planner.CancelForClientAsync(account.Id, clientId, "The client was removed.", cancellationToken);
        await imports.ForgetClientAsync(account.Id, clientId, cancellationToken);
        return true;
    }

    public Task<ClientResponse?> RestrictAsync(AccountEntity account, string clientId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(account, clientId, ClientStatus.Restricted, from: [ClientStatus.Active], cancellationToken);

    public Task<ClientResponse?> UnrestrictAsync(AccountEntity account, string clientId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(account, clientId, ClientStatus.Active, from: [ClientStatus.Restricted], cancellationToken);

    /// <summary>The client replied STOP: nothing more is sent to them, and their scheduled reminders are cancelled.</summary>
    public Task<ClientResponse?> OptOutAsync(AccountEntity account, string clientId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(account, clientId, ClientStatus.OptedOut, from: [ClientStatus.Active, ClientStatus.Restricted], cancellationToken);

    /// <summary>The client replied START after opting out.</summary>
    public Task<ClientResponse?> OptInAsync(AccountEntity account, string clientId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(account, clientId, ClientStatus.Active, from: [ClientStatus.OptedOut], cancellationToken);

    /// <summary>Replaces name, number and email for good; the row stays so counts and history keep their shape.</summary>
    public async Task<ClientResponse?> AnonymiseAsync(AccountEntity account, string clientId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(account.Id, clientId, cancellationToken) is not { } client)
        {
            return null;
        }
        // Every time, so an anonymisation that failed part-way finishes when asked again.
        await conversations.ForgetClientAsync(account.Id, clientId, cancellationToken);
        if (client.Status != ClientStatus.Anonymised)
        {
            var before = Copy(client);
            client.Name = await cipher.EncryptAsync(
                account.Id,
                ClientDirectory.Context(client, nameof(ClientEntity.Name)),
                "Anonymised client " + Convert.ToHexString(RandomNumberGenerator.GetBytes(3)),
                cancellationToken
            );
            (client.Mobile, client.Email, client.MobileHash, client.EmailHash, client.ReplyRouteKey) = (null, null, null, null, null);
            client.Status = ClientStatus.Anonymised;
            client.UpdatedAt = time.GetUtcNow();
            await store.ReplaceAsync(client, before, cancellationToken);
            await planner.CancelForClientAsync(account.Id, clientId, "The client was anonymised.", cancellationToken);
            await imports.ForgetClientAsync(account.Id, clientId, cancellationToken);
        }
        return await AfterChangeAsync(account, client, cancellationToken);
    }

    public sealed record ValidClient(string Name, string? Mobile, string? Email);

    /// <summary>Checks and normalises a client's details: the mobile to E.164 with the account's country as default.</summary>
    public ValidClient Validate(ClientInput input, string defaultCountry) =>
        TryValidate(input, defaultCountry, out var valid, out var errors) ? valid : throw new ValidationFailedException(errors);

    public bool TryValidate(ClientInput input, string defaultCountry, out ValidClient valid, out IReadOnlyDictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = FreeText.Normalize(input.Name) ?? "";
        if (name.Length == 0)
        {
            problems["name"] = ["Enter the client's name."];
        }
        else if (name.Length > MaxNameLength)
        {
            problems["name"] = [$"Use at most {MaxNameLength} characters for the name."];
        }
        else if (FreeText.Problem(name) is { } problem)
        {
            problems["name"] = [problem];
        }
        string? mobile = null;
        if (!string.IsNullOrWhiteSpace(input.Mobile))
        {
            var phone = mobiles.Normalize(input.Mobile, defaultCountry);
            if (phone.Error is { } reason)
            {
                problems["mobile"] = [reason];
            }
            mobile = phone.E164;
        }
        string? email = null;
        if (!string.IsNullOrWhiteSpace(input.Email))
        {
            email = input.Email.Trim().ToLowerInvariant();
            if (email.Any(char.IsWhiteSpace) || !EmailAddresses.IsValid(email))
            {
                problems["email"] =
                [
                    email.Any(char.IsWhiteSpace) ? "An email address cannot contain spaces." : "Enter an email address like name@example.com.",
                ];
            }
        }
        if (string.IsNullOrWhiteSpace(input.Mobile) && string.IsNullOrWhiteSpace(input.Email))
        {
            problems["mobile"] = problems["email"] = ["Add a mobile number or an email address."];
        }
        valid = new ValidClient(name, mobile, email);
        errors = problems;
        return problems.Count == 0;
    }

    /// <summary>Encrypts the details into the row and sets the blind indexes of its lookup rows.</summary>
    public async Task SetDetailsAsync(string accountId, ClientEntity client, ValidClient details, CancellationToken cancellationToken)
    {
        client.Name = await cipher.EncryptAsync(accountId, ClientDirectory.Context(client, nameof(ClientEntity.Name)), details.Name, cancellationToken);
        client.Mobile = await cipher.EncryptAsync(accountId, ClientDirectory.Context(client, nameof(ClientEntity.Mobile)), details.Mobile, cancellationToken);
        client.Email = await cipher.EncryptAsync(accountId, ClientDirectory.Context(client, nameof(ClientEntity.Email)), details.Email, cancellationToken);
        client.MobileHash = details.Mobile is { } m ? store.MobileHash(accountId, m) : null;
        client.ReplyRouteKey = details.Mobile is { } number ? store.ReplyRouteKey(number) : null;
        client.EmailHash = details.Email is { } e ? store.EmailHash(accountId, e) : null;
    }

    private async Task<ClientResponse?> ChangeStatusAsync(
        AccountEntity account,
        string clientId,
        string status,
        string[] from,
        CancellationToken cancellationToken
    )
    {
        if (await store.GetAsync(account.Id, clientId, cancellationToken) is not { } client)
        {
            return null;
        }
        if (client.Status != status)
        {
            if (!from.Contains(client.Status))
            {
                throw ValidationFailedException.For("status", $"A client who is {client.Status} cannot be made {status}.");
            }
            var before = Copy(client);
            client.Status = status;
            client.UpdatedAt = time.GetUtcNow();
            await store.ReplaceAsync(client, before, cancellationToken);
            if (status != ClientStatus.Active)
            {
                var reason = status == ClientStatus.OptedOut ? "The client opted out of messages." : "The client is restricted: nothing is sent to them.";
                await planner.CancelForClientAsync(account.Id, clientId, reason, cancellationToken);
            }
            else
            {
                // Back from restricted or opted out: their upcoming appointments are reminded again.
                await planner.ReplanClientAsync(account, await directory.DecryptAsync(account.Id, client, cancellationToken), cancellationToken);
            }
        }
        return await AfterChangeAsync(account, client, cancellationToken);
    }

    private async Task<ClientResponse> AfterChangeAsync(AccountEntity account, ClientEntity client, CancellationToken cancellationToken)
    {
        await accounts.BumpClientsVersionAsync(account.Id, cancellationToken);
        return await ResponseAsync(account, client, cancellationToken);
    }

    private async Task<ClientResponse> ResponseAsync(AccountEntity account, ClientEntity client, CancellationToken cancellationToken)
    {
        var accountId = account.Id;
        var duplicates = new List<string>();
        if (client.MobileHash is { } mobile)
        {
            duplicates.AddRange(await store.FindAsync(accountId, ClientLookupEntity.MobilePrefix(mobile), cancellationToken));
        }
        if (client.EmailHash is { } email)
        {
            duplicates.AddRange(await store.FindAsync(accountId, ClientLookupEntity.EmailPrefix(email), cancellationToken));
        }
        var view = await directory.DecryptAsync(accountId, client, cancellationToken);
        return ClientResponse.From(view, mobiles, account.Country, duplicates.Where(id => id != client.Id).Distinct().ToList());
    }

    private static ClientEntity Copy(ClientEntity client) =>
        new()
        {
            PartitionKey = client.PartitionKey,
            RowKey = client.RowKey,
            MobileHash = client.MobileHash,
            EmailHash = client.EmailHash,
            ReplyRouteKey = client.ReplyRouteKey,
        };
}
