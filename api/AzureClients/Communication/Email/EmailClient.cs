using Azure.Core;

namespace ClientReminders.AzureClients.Communication.Email;

/// <summary>Sends email through Azure Communication Services, shaped like <c>Azure.Communication.Email.EmailClient</c>.</summary>
public class EmailClient
{
    private static readonly EmailClientOptions DefaultOptions = new();

    private readonly CommunicationPipeline pipeline;
    private readonly CommunicationClientOptions options;

    public EmailClient(string connectionString)
        : this(connectionString, DefaultOptions) { }

    public EmailClient(string connectionString, EmailClientOptions options)
        : this(options, o => CommunicationPipeline.Create(connectionString, o, o.ApiVersion)) { }

    public EmailClient(Uri endpoint, AzureKeyCredential keyCredential, EmailClientOptions? options = null)
        : this(options ?? DefaultOptions, o => CommunicationPipeline.Create(endpoint, new HmacAuthenticator(keyCredential), o, o.ApiVersion)) { }

    public EmailClient(Uri endpoint, TokenCredential tokenCredential, EmailClientOptions? options = null)
        : this(options ?? DefaultOptions, o => CommunicationPipeline.Create(endpoint, tokenCredential, o, o.ApiVersion)) { }

    protected EmailClient()
    {
        pipeline = null!;
        options = DefaultOptions;
    }

    private EmailClient(EmailClientOptions options, Func<EmailClientOptions, CommunicationPipeline> createPipeline)
    {
        ArgumentNullException.ThrowIfNull(options);
        pipeline = createPipeline(options);
        this.options = options;
    }

    public virtual Task<EmailSendOperation> SendAsync(WaitUntil wait, EmailMessage message, CancellationToken cancellationToken = default) =>
        SendAsync(wait, message, new EmailSendOptions(Guid.NewGuid()), cancellationToken);

    /// <summary>Not in the SDK: sends with the caller's Operation-Id, so repeating it can never send the email twice.</summary>
    public virtual async Task<EmailSendOperation> SendAsync(
        WaitUntil wait,
        EmailMessage message,
        EmailSendOptions sendOptions,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(sendOptions);
        if (message.Headers.Any(header => (header.Key + header.Value).AsSpan().ContainsAny('\r', '\n')))
        {
            throw new ArgumentException("A header cannot hold a line break.", nameof(message));
        }
        using var request = pipeline.JsonRequest(HttpMethod.Post, "emails:send", EmailSendRequest.From(message));
        request.Headers.TryAddWithoutValidation("Operation-Id", sendOptions.OperationId.ToString());
        var response = await pipeline.SendExpectingSuccessAsync(request, cancellationToken);
        var status = CommunicationPipeline.ReadJson<EmailOperationStatus>(response);
        var operation = new EmailSendOperation(this, status.Id ?? sendOptions.OperationId.ToString(), response, status);
        if (wait == WaitUntil.Completed)
        {
            await operation.WaitForCompletionAsync(cancellationToken);
        }

        return operation;
    }

    public virtual Task<EmailSendOperation> SendAsync(
        WaitUntil wait,
        string senderAddress,
        string recipientAddress,
        string subject,
        string htmlContent,
        string? plainTextContent = null,
        CancellationToken cancellationToken = default
    ) =>
        SendAsync(
            wait,
            new EmailMessage(senderAddress, recipientAddress, new EmailContent(subject) { Html = htmlContent, PlainText = plainTextContent }),
            cancellationToken
        );

    internal TimeProvider TimeProvider => options.TimeProvider;

    internal Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => options.Retry.DelayAsync(delay, cancellationToken);

    // Polls under our own endpoint by id rather than following Operation-Location, so credentials never go to another host.
    internal async Task<(CommunicationResponse Response, EmailOperationStatus Status)> GetSendResultAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pipeline.Url($"emails/operations/{Uri.EscapeDataString(id)}"));
        var response = await pipeline.SendExpectingSuccessAsync(request, cancellationToken);
        return (response, CommunicationPipeline.ReadJson<EmailOperationStatus>(response));
    }
}
