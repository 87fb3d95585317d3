using Azure.Core;

namespace ClientReminders.AzureClients.Communication.Sms;

/// <summary>Sends SMS through Azure Communication Services, shaped like <c>Azure.Communication.Sms.SmsClient</c>.</summary>
public class SmsClient
{
    private static readonly SmsClientOptions DefaultOptions = new();

    private readonly CommunicationPipeline pipeline;
    private readonly TimeProvider timeProvider;

    public SmsClient(string connectionString)
        : this(connectionString, DefaultOptions) { }

    public SmsClient(string connectionString, SmsClientOptions options)
        : this(options, o => CommunicationPipeline.Create(connectionString, o, o.ApiVersion)) { }

    public SmsClient(Uri endpoint, AzureKeyCredential keyCredential, SmsClientOptions? options = null)
        : this(options ?? DefaultOptions, o => CommunicationPipeline.Create(endpoint, new HmacAuthenticator(keyCredential), o, o.ApiVersion)) { }

    public SmsClient(Uri endpoint, TokenCredential tokenCredential, SmsClientOptions? options = null)
        : this(options ?? DefaultOptions, o => CommunicationPipeline.Create(endpoint, tokenCredential, o, o.ApiVersion)) { }

    protected SmsClient()
    {
        pipeline = null!;
        timeProvider = TimeProvider.System;
    }

    private SmsClient(SmsClientOptions options, Func<SmsClientOptions, CommunicationPipeline> createPipeline)
    {
        ArgumentNullException.ThrowIfNull(options);
        pipeline = createPipeline(options);
        timeProvider = options.TimeProvider;
    }

    public virtual async Task<Response<SmsSendResult>> SendAsync(
        string from,
        string to,
        string message,
        SmsSendOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentException.ThrowIfNullOrEmpty(to);
        var response = await SendAsync(from, [to], message, options, cancellationToken);
        return Response.FromValue(response.Value.Single(), response.GetRawResponse());
    }

    public virtual async Task<Response<IReadOnlyList<SmsSendResult>>> SendAsync(
        string from,
        IEnumerable<string> to,
        string message,
        SmsSendOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(message);
        var recipients = to.ToList();
        if (recipients.Count == 0 || recipients.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("At least one recipient is required, and none may be empty.", nameof(to));
        }

        var body = new SmsSendRequest(
            from,
            SmsRepeatability.Recipients(recipients, options, timeProvider),
            message,
            options is null ? null : new SmsSendRequestOptions(options.EnableDeliveryReport, options.Tag)
        );
        using var request = pipeline.JsonRequest(HttpMethod.Post, "sms", body);
        var response = await pipeline.SendExpectingSuccessAsync(request, cancellationToken);
        IReadOnlyList<SmsSendResult> results = CommunicationPipeline
            .ReadJson<SmsSendResponse>(response)
            .Value.Select(item => new SmsSendResult
            {
                To = item.To,
                MessageId = item.MessageId,
                HttpStatusCode = item.HttpStatusCode,
                Successful = item.Successful,
                ErrorMessage = item.ErrorMessage,
            })
            .ToList();
        return Response.FromValue(results, (Response)response);
    }
}
