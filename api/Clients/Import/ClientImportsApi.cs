using Microsoft.AspNetCore.Http.Features;

namespace ClientReminders.Clients.Import;

public static class ClientImportsApi
{
    private const int PreviewBytes = 64 * 1024;

    public static RouteGroupBuilder MapClientImports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        var imports = api.MapGroup("/clients/import").RequireAuthorization();
        imports.MapPost("/preview", Preview);
        imports.MapPost("/", Start);
        imports.MapGet("/{id}", Progress);
        imports.MapGet("/{id}/rejected.csv", RejectedCsv);
        app.MapQueueTrigger<ClientImportJob>("ImportClients", (job, message, cancellationToken) => job.RunAsync(message, cancellationToken));
        return api;
    }

    private static async Task<Results<Ok<ImportPreview>, ProblemHttpResult>> Preview(HttpContext context, CancellationToken cancellationToken)
    {
        if (await ReadFileAsync(context, ClientImports.MaxFileBytes, cancellationToken) is not { } upload)
        {
            return NoFile();
        }
        await using var sample = new MemoryStream(upload.Content, 0, Math.Min(upload.Content.Length, PreviewBytes), writable: false);
        return TypedResults.Ok(await ClientImports.PreviewAsync(sample, cancellationToken));
    }

    private static async Task<Results<Accepted<ImportStarted>, ProblemHttpResult>> Start(
        HttpContext context,
        ClientImports imports,
        CancellationToken cancellationToken
    )
    {
        if (await ReadFileAsync(context, ClientImports.MaxFileBytes, cancellationToken) is not { } upload)
        {
            return NoFile();
        }
        var form = context.Request.Form;
        var from = new RequestInfo(ClientAddress.Truncate(context.Connection.RemoteIpAddress), context.Request.Headers.UserAgent.ToString());
        var id = await imports.StartAsync(
            context.SignedInAccount(),
            upload.Name,
            upload.Content,
            form["mapping"],
            form["consent"] == "true",
            from,
            cancellationToken
        );
        return TypedResults.Accepted($"/api/clients/import/{id}", new ImportStarted(id));
    }

    private static async Task<Results<Ok<ImportProgress>, NotFound>> Progress(
        string id,
        HttpContext context,
        ClientImports imports,
        CancellationToken cancellationToken
    ) => await imports.GetAsync(context.SignedInAccount().Id, id, cancellationToken) is { } progress ? TypedResults.Ok(progress) : TypedResults.NotFound();

    private static async Task RejectedCsv(string id, HttpContext context, ClientImports imports, CancellationToken cancellationToken)
    {
        var accountId = context.SignedInAccount().Id;
        if (await imports.FindAsync(accountId, id, cancellationToken) is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"rejected-rows.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var csv = new CsvWriter(writer);
        await csv.WriteRowAsync(["line", "name", "reason"], cancellationToken);
        await foreach (var (outcome, row) in imports.ReportedAsync(accountId, id, cancellationToken))
        {
            if (outcome == ImportRowOutcome.Rejected)
            {
                await csv.WriteRowAsync([row.Line.ToString(CultureInfo.InvariantCulture), row.Name, row.Reason], cancellationToken);
            }
        }
        await writer.FlushAsync(cancellationToken);
    }

    private sealed record Upload(string Name, byte[] Content);

    /// <summary>Reads the form's file, allowing this request a body up to the file limit; larger ones get 413.</summary>
    private static async Task<Upload?> ReadFileAsync(HttpContext context, long maxFileBytes, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxFileBytes + (64 * 1024);
        }
        if (context.Request.ContentLength > maxFileBytes + (64 * 1024))
        {
            throw new BadHttpRequestException("The file is larger than 10 MB.", StatusCodes.Status413PayloadTooLarge);
        }
        if (!context.Request.HasFormContentType)
        {
            return null;
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } file)
        {
            return null;
        }
        if (file.Length > maxFileBytes)
        {
            throw new BadHttpRequestException("The file is larger than 10 MB.", StatusCodes.Status413PayloadTooLarge);
        }
        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, cancellationToken);
        return new Upload(file.FileName, content.ToArray());
    }

    private static ProblemHttpResult NoFile() =>
        TypedResults.Problem(
            statusCode: 400,
            title: "Choose a CSV file to import.",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = ["Choose a CSV file to import."] } }
        );
}

public sealed record ImportStarted(string Id);
