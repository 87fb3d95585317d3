using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Azure;
using ClientReminders.AzureClients.Queues.Models;
using ClientReminders.AzureClients.Storage;

namespace ClientReminders.AzureClients.Queues;

public class QueueClient
{
    internal const string ServiceVersion = "2018-03-28";

    private readonly StoragePipeline pipeline;
    private readonly string queueUrl;

    public QueueClient(string connectionString, string queueName)
        : this(connectionString, queueName, null)
    {
    }

    public QueueClient(string connectionString, string queueName, QueueClientOptions? options)
        : this(QueueServiceClient.CreatePipeline(StorageConnectionString.Parse(connectionString), options, out var serviceUrl), serviceUrl, queueName)
    {
    }

    internal QueueClient(StoragePipeline pipeline, string serviceUrl, string queueName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        this.pipeline = pipeline;
        Name = queueName;
        queueUrl = $"{serviceUrl}/{Uri.EscapeDataString(queueName)}";
    }

    public string Name { get; }

    public Uri Uri => new(queueUrl);

    public virtual async Task<Response> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var response = await pipeline.SendAsync(new HttpRequestMessage(HttpMethod.Put, queueUrl), cancellationToken);
        return response.Status is < 400 or 409 ? response : throw StorageErrors.ToException(response);
    }

    public virtual async Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        var response = await pipeline.SendAsync(new HttpRequestMessage(HttpMethod.Delete, queueUrl), cancellationToken);
        return response.Status is < 400 or 404
            ? Response.FromValue(response.Status < 400, (Response)response)
            : throw StorageErrors.ToException(response);
    }

    public virtual async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        var response = await pipeline.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{queueUrl}?comp=metadata"), cancellationToken);
        return response.Status is < 400 or 404
            ? Response.FromValue(response.Status < 400, (Response)response)
            : throw StorageErrors.ToException(response);
    }

    public virtual async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        var response = await pipeline.SendExpectingSuccessAsync(new HttpRequestMessage(HttpMethod.Get, $"{queueUrl}?comp=metadata"), cancellationToken);
        const string metadataPrefix = "x-ms-meta-";
        var properties = new QueueProperties
        {
            ApproximateMessagesCount = int.Parse(response.Header("x-ms-approximate-messages-count") ?? "0", CultureInfo.InvariantCulture),
            Metadata = response.Headers
                .Where(header => header.Name.StartsWith(metadataPrefix, StringComparison.OrdinalIgnoreCase))
                .ToDictionary(header => header.Name[metadataPrefix.Length..], header => header.Value),
        };
        return Response.FromValue(properties, (Response)response);
    }

    public virtual Task<Response<SendReceipt>> SendMessageAsync(string messageText, CancellationToken cancellationToken) =>
        SendMessageAsync(messageText, null, null, cancellationToken);

    public virtual async Task<Response<SendReceipt>> SendMessageAsync(
        string messageText,
        TimeSpan? visibilityTimeout = null,
        TimeSpan? timeToLive = null,
        CancellationToken cancellationToken = default)
    {
        var query = Query(("visibilitytimeout", Seconds(visibilityTimeout)), ("messagettl", Seconds(timeToLive)));
        var request = new HttpRequestMessage(HttpMethod.Post, $"{queueUrl}/messages{query}") { Content = Xml(messageText) };
        var response = await pipeline.SendExpectingSuccessAsync(request, cancellationToken);
        var receipt = QueueMessagesXml.SendReceipt(QueueMessagesXml.Messages(response.Content.ToString()).Single());
        return Response.FromValue(receipt, (Response)response);
    }

    public virtual async Task<Response<QueueMessage[]>> ReceiveMessagesAsync(
        int? maxMessages = null,
        TimeSpan? visibilityTimeout = null,
        CancellationToken cancellationToken = default)
    {
        var query = Query(("numofmessages", maxMessages?.ToString(CultureInfo.InvariantCulture)), ("visibilitytimeout", Seconds(visibilityTimeout)));
        var response = await pipeline.SendExpectingSuccessAsync(new HttpRequestMessage(HttpMethod.Get, $"{queueUrl}/messages{query}"), cancellationToken);
        var messages = QueueMessagesXml.Messages(response.Content.ToString()).Select(QueueMessagesXml.QueueMessage).ToArray();
        return Response.FromValue(messages, (Response)response);
    }

    public virtual async Task<Response<QueueMessage?>> ReceiveMessageAsync(
        TimeSpan? visibilityTimeout = null,
        CancellationToken cancellationToken = default)
    {
        var response = await ReceiveMessagesAsync(1, visibilityTimeout, cancellationToken);
        return Response.FromValue(response.Value.FirstOrDefault(), response.GetRawResponse());
    }

    public virtual async Task<Response<PeekedMessage[]>> PeekMessagesAsync(
        int? maxMessages = null,
        CancellationToken cancellationToken = default)
    {
        var query = Query(("peekonly", "true"), ("numofmessages", maxMessages?.ToString(CultureInfo.InvariantCulture)));
        var response = await pipeline.SendExpectingSuccessAsync(new HttpRequestMessage(HttpMethod.Get, $"{queueUrl}/messages{query}"), cancellationToken);
        var messages = QueueMessagesXml.Messages(response.Content.ToString()).Select(QueueMessagesXml.PeekedMessage).ToArray();
        return Response.FromValue(messages, (Response)response);
    }

    public virtual async Task<Response<UpdateReceipt>> UpdateMessageAsync(
        string messageId,
        string popReceipt,
        string? messageText = null,
        TimeSpan visibilityTimeout = default,
        CancellationToken cancellationToken = default)
    {
        var query = Query(("popreceipt", popReceipt), ("visibilitytimeout", Seconds(visibilityTimeout)));
        var request = new HttpRequestMessage(HttpMethod.Put, $"{MessageUrl(messageId)}{query}")
        {
            Content = messageText is null ? null : Xml(messageText),
        };
        var response = await pipeline.SendExpectingSuccessAsync(request, cancellationToken);
        var receipt = new UpdateReceipt(
            response.Header("x-ms-popreceipt") ?? "",
            QueueMessagesXml.ParseDate(response.Header("x-ms-time-next-visible")) ?? default);
        return Response.FromValue(receipt, (Response)response);
    }

    public virtual async Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
        await pipeline.SendExpectingSuccessAsync(
            new HttpRequestMessage(HttpMethod.Delete, $"{MessageUrl(messageId)}{Query(("popreceipt", popReceipt))}"),
            cancellationToken);

    public virtual async Task<Response> ClearMessagesAsync(CancellationToken cancellationToken = default) =>
        await pipeline.SendExpectingSuccessAsync(new HttpRequestMessage(HttpMethod.Delete, $"{queueUrl}/messages"), cancellationToken);

    private string MessageUrl(string messageId) => $"{queueUrl}/messages/{Uri.EscapeDataString(messageId)}";

    private static ByteArrayContent Xml(string messageText)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(QueueMessagesXml.Envelope(messageText)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>The queue takes whole seconds; a fraction is cut off, never rounded up (the send function waits out what is left).</summary>
    private static string? Seconds(TimeSpan? value) =>
        value is { } span ? ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) : null;

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(parameter => parameter.Value is not null).Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(parameter.Value!)}");
        return string.Join('&', present) is { Length: > 0 } query ? "?" + query : "";
    }
}
