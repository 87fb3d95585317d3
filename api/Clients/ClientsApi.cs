namespace ClientReminders.Clients;

public static class ClientsApi
{
    public static RouteGroupBuilder MapClients(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        var clients = api.MapGroup("/clients").RequireAuthorization();
        clients.MapGet("/", List);
        clients.MapPost("/", Create);
        clients.MapGet("/{id}", Get);
        clients.MapPut("/{id}", Update);
        clients.MapDelete("/{id}", Delete);
        clients.MapPost("/{id}/restrict", (string id, HttpContext context, ClientService service, CancellationToken ct) =>
            Found(service.RestrictAsync(context.SignedInAccount(), id, ct))
        );
        clients.MapPost("/{id}/unrestrict", (string id, HttpContext context, ClientService service, CancellationToken ct) =>
            Found(service.UnrestrictAsync(context.SignedInAccount(), id, ct))
        );
        clients.MapPost("/{id}/anonymise", (string id, HttpContext context, ClientService service, CancellationToken ct) =>
            Found(service.AnonymiseAsync(context.SignedInAccount(), id, ct))
        );
        return api;
    }

    private static async Task<Ok<ClientPage>> List(
        HttpContext context,
        ClientService service,
        string? search,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken
    ) => TypedResults.Ok(await service.ListAsync(context.SignedInAccount(), search, page ?? 1, pageSize ?? 50, cancellationToken));

    private static async Task<Created<ClientResponse>> Create(
        ClientInput input,
        HttpContext context,
        ClientService service,
        CancellationToken cancellationToken
    )
    {
        var client = await service.CreateAsync(context.SignedInAccount(), input, cancellationToken);
        return TypedResults.Created($"/api/clients/{client.Id}", client);
    }

    private static Task<Results<Ok<ClientResponse>, NotFound>> Get(
        string id,
        HttpContext context,
        ClientService service,
        CancellationToken cancellationToken
    ) => Found(service.GetAsync(context.SignedInAccount(), id, cancellationToken));

    private static Task<Results<Ok<ClientResponse>, NotFound>> Update(
        string id,
        ClientInput input,
        HttpContext context,
        ClientService service,
        CancellationToken cancellationToken
    ) => Found(service.UpdateAsync(context.SignedInAccount(), id, input, cancellationToken));

    private static async Task<Results<NoContent, NotFound>> Delete(
        string id,
        HttpContext context,
        ClientService service,
        CancellationToken cancellationToken
    ) => await service.DeleteAsync(context.SignedInAccount(), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<ClientResponse>, NotFound>> Found(Task<ClientResponse?> lookup) =>
        await lookup is { } client ? TypedResults.Ok(client) : TypedResults.NotFound();
}
