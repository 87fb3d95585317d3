namespace ClientReminders.AzureClients.Communication.Email;

/// <summary>The long-running send; a Failed or Canceled operation throws its error from UpdateStatusAsync and Value.</summary>
public class EmailSendOperation : Operation<EmailSendResult>
{
    private static readonly TimeSpan DefaultPollingInterval = TimeSpan.FromSeconds(1);

    private readonly EmailClient client;
    private Response? rawResponse;
    private EmailSendResult? value;
    private RequestFailedException? failure;
    private TimeSpan? serverDelay;

    /// <summary>Resumes watching an operation started earlier, e.g. by a process that has since stopped.</summary>
    public EmailSendOperation(string id, EmailClient client)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        Id = id;
    }

    protected EmailSendOperation()
    {
        client = null!;
        Id = "";
    }

    internal EmailSendOperation(EmailClient client, string id, CommunicationResponse response, EmailOperationStatus status)
        : this(id, client) => Apply(response, status);

    public override string Id { get; }

    public override bool HasCompleted => value is not null || failure is not null;

    public override bool HasValue => value is not null;

    public override EmailSendResult Value =>
        failure is not null ? throw failure : value ?? throw new InvalidOperationException("The operation has not completed yet.");

    public override Response GetRawResponse() => rawResponse ?? throw new InvalidOperationException("The operation has not been polled yet.");

    public override async ValueTask<Response> UpdateStatusAsync(CancellationToken cancellationToken = default)
    {
        if (!HasCompleted)
        {
            var (response, status) = await client.GetSendResultAsync(Id, cancellationToken);
            Apply(response, status);
        }

        return failure is not null ? throw failure : GetRawResponse();
    }

    // Our transport is asynchronous only; the synchronous members wait for the asynchronous ones.
    public override Response UpdateStatus(CancellationToken cancellationToken = default) =>
        UpdateStatusAsync(cancellationToken).AsTask().GetAwaiter().GetResult();

    public override ValueTask<Response<EmailSendResult>> WaitForCompletionAsync(CancellationToken cancellationToken = default) =>
        WaitAsync(null, cancellationToken);

    public override ValueTask<Response<EmailSendResult>> WaitForCompletionAsync(TimeSpan pollingInterval, CancellationToken cancellationToken) =>
        WaitAsync(pollingInterval, cancellationToken);

    private async ValueTask<Response<EmailSendResult>> WaitAsync(TimeSpan? pollingInterval, CancellationToken cancellationToken)
    {
        while (!HasCompleted)
        {
            var delay = (serverDelay, pollingInterval) switch
            {
                ({ } server, { } interval) => server > interval ? server : interval,
                ({ } server, null) => server,
                (null, { } interval) => interval,
                _ => DefaultPollingInterval,
            };
            await client.DelayAsync(delay, cancellationToken);
            await UpdateStatusAsync(cancellationToken);
        }

        return Response.FromValue(Value, GetRawResponse());
    }

    private void Apply(CommunicationResponse response, EmailOperationStatus status)
    {
        rawResponse = response;
        serverDelay = ServerRequestedDelay(response);
        EmailSendStatus current = status.Status;
        if (current == EmailSendStatus.Succeeded)
        {
            value = new EmailSendResult(status.Id ?? Id, current);
        }
        else if (current == EmailSendStatus.Failed || current == EmailSendStatus.Canceled)
        {
            var message = status.Error?.Message ?? $"The email send operation {Id} ended as {current}.";
            failure = CommunicationErrors.ToException(response.Status, response.ReasonPhrase, status.Error?.Code, message);
        }
    }

    private TimeSpan? ServerRequestedDelay(CommunicationResponse response)
    {
        if (response.Header("retry-after-ms") is { } milliseconds && double.TryParse(milliseconds, CultureInfo.InvariantCulture, out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return response.Header("Retry-After") switch
        {
            { } text when int.TryParse(text, CultureInfo.InvariantCulture, out var seconds) => TimeSpan.FromSeconds(seconds),
            { } text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) => date
                - client.TimeProvider.GetUtcNow()
                is var wait
            && wait > TimeSpan.Zero
                ? wait
                : TimeSpan.Zero,
            _ => null,
        };
    }
}
