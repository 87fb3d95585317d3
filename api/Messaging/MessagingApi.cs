namespace ClientReminders.Messaging;

public sealed record DevInboundSms(string? From, string? Text);

public static class MessagingApi
{
    public static RouteGroupBuilder MapMessaging(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        app.MapMethods("/api/webhooks/eventgrid", [HttpMethods.Options], (HttpContext context, EventGridWebhook webhook) => webhook.Handshake(context));
        api.MapPost("/webhooks/eventgrid", (HttpContext context, EventGridWebhook webhook, CancellationToken ct) => webhook.ReceiveAsync(context, ct));

        var replies = api.MapGroup("/replies").RequireAuthorization();
        replies.MapGet("/", async Task<Ok<ReplyList>> (HttpContext context, Replies service, CancellationToken ct) =>
            TypedResults.Ok(await service.ListAsync(context.SignedInAccount(), ct))
        );
        replies.MapPost("/{id}/read", async Task<Results<NoContent, NotFound>> (string id, HttpContext context, Replies service, CancellationToken ct) =>
            await service.MarkReadAsync(context.SignedInAccount(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound()
        );
        return api;
    }
}

/// <summary>A client's text back, played by the owner on a machine without ACS (<c>POST /api/dev/inbound-sms</c>, see DevToolsApi).</summary>
public static class DevInboundSmsEndpoint
{
    public static async Task<Accepted> HandleAsync(
        DevInboundSms input,
        HttpContext context,
        ClientStore clients,
        MobileNumbers mobiles,
        InboundSms inbound,
        TimeProvider time,
        CancellationToken ct
    )
    {
        var account = context.SignedInAccount();
        var number = mobiles.Normalize(input.From, account.Country);
        if (number.E164 is not { } e164)
        {
            throw ValidationFailedException.For("from", number.Error ?? MobileNumbers.EmptyError);
        }
        var ids = await clients.FindAsync(account.Id, ClientLookupEntity.MobilePrefix(clients.MobileHash(account.Id, e164)), ct);
        if (ids.Count == 0)
        {
            throw ValidationFailedException.For("from", "None of your clients has this number.");
        }
        // The reply answers the latest text sent to any client with this number, as a real reply would.
        var route = await inbound.RouteAsync([.. ids.Select(id => (account.Id, id))], ct);
        await inbound.HandleAsync(route!, e164, input.Text ?? "", "dev-" + Guid.NewGuid().ToString("N"), time.GetUtcNow(), ct);
        return TypedResults.Accepted((string?)null);
    }
}
