namespace ClientReminders.Support;

public sealed record SupportRequest(string Name, string Email, string Message);

public sealed class SupportOptions
{
    public const string Section = "Support";

    public string Address { get; set; } = "support@clientreminders.example";
}

/// <summary>Forwards a support request by email to the support address. It keeps nothing: no table, no log of who wrote or what.</summary>
public sealed class SupportService(IEmailSender email, IOptions<SupportOptions> options)
{
    public const int MaxNameLength = 100;
    public const int MaxMessageLength = 5000;

    private readonly string supportAddress = options.Value.Address;

    public async Task SendAsync(SupportRequest request, CancellationToken cancellationToken)
    {
        if (Validate(request) is { Count: > 0 } errors)
        {
            throw new ValidationFailedException(errors);
        }
        var message = EmailTemplates.SupportMessage(supportAddress, request.Name.Trim(), request.Email.Trim(), request.Message.Trim());
        await email.SendAsync(message, cancellationToken);
    }

    public static IReadOnlyDictionary<string, string[]> Validate(SupportRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var name = request.Name?.Trim() ?? "";
        var address = request.Email?.Trim() ?? "";
        var message = request.Message?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors["name"] = ["Enter your name."];
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = [$"Use at most {MaxNameLength} characters for your name."];
        }
        else if (FreeText.Problem(name) is { } problem)
        {
            errors["name"] = [problem];
        }
        if (address.Length == 0)
        {
            errors["email"] = ["Enter your email address, so we can reply."];
        }
        else if (!EmailAddresses.IsValid(address))
        {
            errors["email"] = ["Enter an email address like name@example.com."];
        }
        if (message.Length == 0)
        {
            errors["message"] = ["Write your message."];
        }
        else if (message.Length > MaxMessageLength)
        {
            errors["message"] = [$"Use at most {MaxMessageLength} characters for your message."];
        }
        else if (FreeText.Problem(message, multiline: true) is { } problem)
        {
            errors["message"] = [problem];
        }
        return errors;
    }
}
