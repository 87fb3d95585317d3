namespace ClientReminders.Reminders;

public static class RemindersApi
{
    public static void MapReminders(this WebApplication app)
    {
        var rules = app.MapGroup("/api/rules").RequireAuthorization();
        rules.MapGet("/", async Task<Ok<RuleList>> (HttpContext context, RuleService service, CancellationToken ct) =>
            TypedResults.Ok(await service.ListAsync(context.SignedInAccount().Id, ct))
        );
        rules.MapPost("/", async Task<Created<RuleResponse>> (RuleInput input, HttpContext context, RuleService service, CancellationToken ct) =>
        {
            var rule = await service.CreateAsync(context.SignedInAccount(), input, ct);
            return TypedResults.Created($"/api/rules/{rule.Id}", rule);
        });
        rules.MapPut(
            "/{id}",
            async Task<Results<Ok<RuleResponse>, NotFound>> (string id, RuleInput input, HttpContext context, RuleService service, CancellationToken ct) =>
                await service.UpdateAsync(context.SignedInAccount(), id, input, ct) is { } rule ? TypedResults.Ok(rule) : TypedResults.NotFound()
        );
        rules.MapDelete("/{id}", async Task<Results<NoContent, NotFound>> (string id, HttpContext context, RuleService service, CancellationToken ct) =>
            await service.DeleteAsync(context.SignedInAccount(), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound()
        );

        var templates = app.MapGroup("/api/templates").RequireAuthorization();
        templates.MapGet(
            "/{channel}",
            async Task<Results<Ok<TemplateResponse>, NotFound>> (string channel, HttpContext context, TemplateService service, CancellationToken ct) =>
                TemplateService.TemplateChannel(channel) is { } known
                    ? TypedResults.Ok(await service.GetAsync(context.SignedInAccount().Id, known, ct))
                    : TypedResults.NotFound()
        );
        templates.MapPut(
            "/{channel}",
            async Task<Results<Ok<TemplateResponse>, NotFound>> (
                string channel,
                TemplateInput input,
                HttpContext context,
                TemplateService service,
                CancellationToken ct
            ) =>
                TemplateService.TemplateChannel(channel) is { } known
                    ? TypedResults.Ok(await service.SaveAsync(context.SignedInAccount(), known, input, ct))
                    : TypedResults.NotFound()
        );
        templates.MapPost(
            "/preview",
            async Task<Ok<PreviewResponse>> (TemplateInput input, HttpContext context, TemplateService service, CancellationToken ct) =>
                TypedResults.Ok(await service.PreviewAsync(context.SignedInAccount(), input, ct))
        );

        var settings = app.MapGroup("/api/settings/reminders").RequireAuthorization();
        settings.MapGet("/", async Task<Ok<ReminderSettings>> (HttpContext context, TemplateService service, CancellationToken ct) =>
            TypedResults.Ok(await service.GetSettingsAsync(context.SignedInAccount().Id, ct))
        );
        settings.MapPut("/", async Task<Ok<ReminderSettings>> (ReminderSettings input, HttpContext context, TemplateService service, CancellationToken ct) =>
            TypedResults.Ok(await service.SaveSettingsAsync(context.SignedInAccount().Id, input, ct))
        );

        var reminders = app.MapGroup("/api/reminders").RequireAuthorization();
        reminders.MapGet(
            "/",
            async Task<Results<Ok<ReminderItems>, ProblemHttpResult>> (string? status, HttpContext context, ReminderList list, CancellationToken ct) =>
                status is null or "" ? TypedResults.Ok(await list.ListAsync(context.SignedInAccount(), null, ct))
                : WireNames.TryParse<ReminderStatus>(status, out var known) && ReminderList.Statuses.Contains(known)
                    ? TypedResults.Ok(await list.ListAsync(context.SignedInAccount(), known, ct))
                : TypedResults.Problem(statusCode: 400, title: "Unknown status.", detail: "Use scheduled, sent, failed or skipped.")
        );
        reminders.MapPost(
            "/{id}/skip",
            async Task<Results<Ok<ReminderResponse>, NotFound>> (string id, HttpContext context, ReminderList list, CancellationToken ct) =>
                await list.SkipAsync(context.SignedInAccount(), id, ct) is { } skipped ? TypedResults.Ok(skipped) : TypedResults.NotFound()
        );

        app.MapQueueTrigger<ReminderSender>("SendReminder", async (sender, message, ct) => (await sender.RunAsync(message, ct)).ToString());
        app.MapTimerTrigger<PlanRemindersTimer>("PlanReminders", (timer, _, ct) => timer.RunAsync(ct));
    }
}
