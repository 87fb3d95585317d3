namespace ClientReminders.Privacy;

public static class PrivacyApi
{
    public static RouteGroupBuilder MapPrivacy(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/data-summary", async Task<Ok<DataSummaryResponse>> (HttpContext context, DataSummary summary, CancellationToken cancellationToken) =>
                TypedResults.Ok(await summary.ForAsync(context.SignedInAccount(), cancellationToken))
            )
            .RequireAuthorization();
        api.MapGet("/export", Export).RequireAuthorization();
        return api;
    }

    private static async Task Export(
        string? format,
        HttpContext context,
        DataExport export,
        AuditLog audit,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var account = context.SignedInAccount();
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase);
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(statusCode: 400, title: "Unknown export format.", detail: "Choose format=json or format=csv.").ExecuteAsync(context);
            return;
        }
        await audit.RecordAsync(
            account.Id,
            AuditEvent.DataExported,
            ClientAddress.Truncate(context.Connection.RemoteIpAddress),
            context.Request.Headers.UserAgent.ToString(),
            csv ? "csv" : "json",
            cancellationToken
        );
        var stamp = time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        context.Response.ContentType = csv ? "application/zip" : "application/json; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"client-reminders-export-{stamp}.{(csv ? "zip" : "json")}\"";
        if (csv)
        {
            await export.WriteCsvZipAsync(account, context.Response.Body, cancellationToken);
        }
        else
        {
            await export.WriteJsonAsync(account, context.Response.BodyWriter, cancellationToken);
        }
    }
}
