namespace ClientReminders.Appointments;

public static class AppointmentsApi
{
    public static RouteGroupBuilder MapAppointments(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        // No sign-in: the signed link in a reminder email is the authority; the file is read afresh each time.
        app.MapGet(
                CalendarFiles.Path + "/{token}",
                async Task<Results<FileContentHttpResult, ProblemHttpResult>> (string token, CalendarFiles files, CancellationToken ct) =>
                    await files.FileAsync(token, ct) is { } file
                        ? TypedResults.File(Encoding.UTF8.GetBytes(file), "text/calendar; charset=utf-8", "appointment.ics")
                        : TypedResults.Problem(
                            statusCode: 404,
                            title: "This appointment is no longer available.",
                            detail: "The link may be from an old email, or the appointment was removed."
                        )
            )
            .RequireRateLimiting(AccountsApi.AuthRateLimit);
        var appointments = api.MapGroup("/appointments").RequireAuthorization();
        // ?clientId= narrows the list to one client's appointments (their page shows them).
        appointments.MapGet(
            "/",
            async Task<Ok<AppointmentList>> (
                DateOnly? from,
                DateOnly? to,
                string? clientId,
                HttpContext context,
                AppointmentService service,
                CancellationToken ct
            ) => TypedResults.Ok(await service.ListAsync(context.SignedInAccount(), from, to, ct, clientId))
        );
        appointments.MapPost(
            "/",
            async Task<Created<AppointmentResponse>> (AppointmentInput input, HttpContext context, AppointmentService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(context.SignedInAccount(), input, ct);
                return TypedResults.Created($"/api/appointments/{created.Id}", created);
            }
        );
        appointments.MapGet(
            "/{id}",
            async Task<Results<Ok<AppointmentResponse>, NotFound>> (string id, HttpContext context, AppointmentService service, CancellationToken ct) =>
                await service.GetAsync(context.SignedInAccount(), id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound()
        );
        appointments.MapPut(
            "/{id}",
            async Task<Results<Ok<AppointmentResponse>, NotFound>> (
                string id,
                AppointmentInput input,
                HttpContext context,
                AppointmentService service,
                CancellationToken ct
            ) => await service.UpdateAsync(context.SignedInAccount(), id, input, ct) is { } updated ? TypedResults.Ok(updated) : TypedResults.NotFound()
        );
        appointments.MapDelete(
            "/{id}",
            async Task<Results<NoContent, NotFound>> (string id, HttpContext context, AppointmentService service, CancellationToken ct) =>
                await service.CancelAsync(context.SignedInAccount(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound()
        );
        return api;
    }
}
