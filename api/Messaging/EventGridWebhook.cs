namespace ClientReminders.Messaging;

public sealed class EventGridOptions
{
    /// <summary>The <c>code</c> in the subscription's URL; while it is unset the webhook does not exist (404).</summary>
    public string? WebhookSecret { get; set; }
}

public sealed record SubscriptionValidationAnswer(string ValidationResponse);

/// <summary>One event, from either the Event Grid or the CloudEvents 1.0 schema.</summary>
public sealed record GridEvent(string? Id, string? Type, JsonElement Data, DateTimeOffset? Time);

/// <summary>
/// The Event Grid webhook: subscription validation (both schemas), then ACS SMS delivery reports and inbound SMS.
/// Every call must carry the secret; unknown event types are accepted and ignored so Event Grid does not retry them.
/// </summary>
public sealed class EventGridWebhook(
    IOptions<EventGridOptions> options,
    DeliveryReports reports,
    InboundSms inbound,
    TimeProvider time,
    ILogger<EventGridWebhook> logger
)
{
    public const int MaxBodyBytes = 64 * 1024;
    public const string DeliveryReportReceived = "Microsoft.Communication.SMSDeliveryReportReceived";
    public const string SmsReceived = "Microsoft.Communication.SMSReceived";
    public const string SubscriptionValidationEvent = "Microsoft.EventGrid.SubscriptionValidationEvent";

    /// <summary>Null when the call may go on; otherwise the answer to give (404 while unconfigured, 401 without the secret).</summary>
    public IResult? Refusal(HttpRequest request)
    {
        if (options.Value.WebhookSecret is not { Length: > 0 } secret)
        {
            return TypedResults.NotFound();
        }
        var sent = request.Query["code"].ToString();
        var matches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(sent)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        return matches ? null : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The webhook secret is missing or wrong.");
    }

    /// <summary>CloudEvents' abuse protection: an OPTIONS request naming the origin that wants to deliver.</summary>
    public IResult Handshake(HttpContext context)
    {
        if (Refusal(context.Request) is { } refusal)
        {
            return refusal;
        }
        if (context.Request.Headers["WebHook-Request-Origin"].ToString() is not { Length: > 0 } origin)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "WebHook-Request-Origin is missing.");
        }
        context.Response.Headers["WebHook-Allowed-Origin"] = origin;
        context.Response.Headers["WebHook-Allowed-Rate"] = "*";
        return TypedResults.Ok();
    }

    public async Task<IResult> ReceiveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (Refusal(context.Request) is { } refusal)
        {
            return refusal;
        }
        if (await ReadBodyAsync(context.Request, cancellationToken) is not { } body)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"Event batches are at most {MaxBodyBytes / 1024} KB.");
        }
        List<GridEvent> events;
        try
        {
            using var document = JsonDocument.Parse(body);
            events = Parse(document.RootElement);
        }
        catch (JsonException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a JSON event or array of events.");
        }

        if (events.FirstOrDefault(e => e.Type == SubscriptionValidationEvent) is { } validation && Text(validation.Data, "validationCode") is { } code)
        {
            return TypedResults.Ok(new SubscriptionValidationAnswer(code));
        }

        var retryLater = false;
        foreach (var gridEvent in events)
        {
            switch (gridEvent.Type)
            {
                case DeliveryReportReceived:
                    var report = new DeliveryReport(
                        Text(gridEvent.Data, "Tag") ?? Text(gridEvent.Data, "tag"),
                        Text(gridEvent.Data, "deliveryStatus"),
                        Text(gridEvent.Data, "deliveryStatusDetails"),
                        Time(gridEvent.Data, "receivedTimestamp") ?? gridEvent.Time ?? time.GetUtcNow()
                    );
                    retryLater |= await reports.ApplyAsync(report, cancellationToken) == ReportOutcome.NotReady;
                    break;
                case SmsReceived:
                    if (Text(gridEvent.Data, "from") is { } from && (Text(gridEvent.Data, "messageId") ?? gridEvent.Id) is { Length: > 0 } messageId)
                    {
                        var receivedAt = Time(gridEvent.Data, "receivedTimestamp") ?? gridEvent.Time ?? time.GetUtcNow();
                        await inbound.HandleAsync(from, Text(gridEvent.Data, "message") ?? "", messageId, receivedAt, cancellationToken);
                    }
                    break;
                default:
                    logger.LogInformation("Event Grid event of unhandled type ignored");
                    break;
            }
        }
        // Event Grid retries a failed delivery; everything above is safe to run again.
        return retryLater
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "A reminder is still being sent; deliver its report again later."
            )
            : TypedResults.Ok();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>An array (Event Grid, CloudEvents batch) or one object (a single CloudEvent); a CloudEvent carries "specversion".</summary>
    public static List<GridEvent> Parse(JsonElement root)
    {
        var items = root.ValueKind switch
        {
            JsonValueKind.Array => root.EnumerateArray().ToList(),
            JsonValueKind.Object => [root],
            _ => throw new JsonException("Not an event."),
        };
        return items
            .Select(item =>
                item.ValueKind != JsonValueKind.Object ? throw new JsonException("Not an event.")
                : item.TryGetProperty("specversion", out _) ? new GridEvent(Text(item, "id"), Text(item, "type"), Data(item), Time(item, "time"))
                : new GridEvent(Text(item, "id"), Text(item, "eventType"), Data(item), Time(item, "eventTime"))
            )
            .ToList();
    }

    private static JsonElement Data(JsonElement item) =>
        item.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object ? data.Clone() : default;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        Text(element, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : null;
}
